#pragma once
// Helpers for tests that feed scenario text to the reader: expect a refusal and
// get the error back, or edit one piece of a valid scenario.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model_namespaces.hpp"
#include "models/scenario/reader.hpp"

namespace clustersim::model_tests {

/// Parses and expects a ScenarioError; returns it for inspection.
inline ScenarioError refuse(const std::string& text, const std::vector<Override>& overrides = {}) {
  try {
    parse_scenario(text, "s.yaml", overrides);
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return ScenarioError("", 0, 0, "", "");
}

/// The text with the first occurrence of `from` replaced (a test failure if
/// there is none, so an edit that no longer applies does not pass silently).
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

}  // namespace clustersim::model_tests
