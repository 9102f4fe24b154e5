// Feeds the scenario reader many mutated and random inputs. Whatever the input,
// the reader must either accept it or throw ScenarioError: no crash, no other
// exception, no hang (each input is small, so a hang would show as a timeout).
// Under the sanitizer builds this also checks every error path for memory and
// undefined-behaviour errors. Deterministic: the mutations come from a fixed seed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model_namespaces.hpp"
#include "models/scenario/reader.hpp"
#include "sim/random.hpp"

namespace clustersim::model_tests {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Bytes that matter to YAML's grammar, so mutations reach the parser's corners.
constexpr std::string_view kInteresting = ":-[]{},&*!|>'\"#%@`?\n\t \\0123456789.eE+x\xff\xc3";

std::string mutate(std::string text, sim::RandomStream& rng,
                   const std::vector<std::string>& pieces) {
  const int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits; ++e) {
    const auto at = text.empty() ? 0 : rng.below(static_cast<std::uint32_t>(text.size()));
    switch (rng.below(6)) {
      case 0:  // flip a byte to a grammar character
        if (!text.empty())
          text[at] = kInteresting[rng.below(static_cast<std::uint32_t>(kInteresting.size()))];
        break;
      case 1:  // delete a span
        text.erase(at, rng.below(16));
        break;
      case 2:  // duplicate a span (duplicate keys, repeated structure)
        text.insert(at, text.substr(at, rng.below(64)));
        break;
      case 3:  // splice in a line from another scenario
        text.insert(at, pieces[rng.below(static_cast<std::uint32_t>(pieces.size()))]);
        break;
      case 4:  // extreme numbers
        text.insert(
            at, std::vector<std::string>{"1e400", "-1e400", ".nan", ".inf", "-0",
                                         "99999999999999999999", "0x7f", "1_000"}[rng.below(8)]);
        break;
      default:  // deep nesting or alias tricks
        text.insert(
            at, rng.bernoulli(0.5) ? std::string(rng.below(300), '[') : std::string("&a [*a, *a]"));
        break;
    }
  }
  return text;
}

TEST(ScenarioFuzz, ReaderOnlyEverAcceptsOrRaisesScenarioError) {
  const char* root = std::getenv("CLUSTERSIM_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  const std::vector<std::string> seeds = {read_file(std::string(root) + "/scenarios/demo.yaml")};
  ASSERT_FALSE(seeds[0].empty());
  std::vector<std::string> pieces;
  {
    std::istringstream lines(seeds[0]);
    for (std::string line; std::getline(lines, line);) pieces.push_back(line + "\n");
  }
  // A fixed number of inputs keeps the test deterministic; the time cap keeps
  // it short on slow (sanitizer) builds.
  const bool sanitized = std::getenv("CLUSTERSIM_SANITIZER") != nullptr;
  const int inputs = sanitized ? 3000 : 25000;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(sanitized ? 60 : 20);
  int accepted = 0, refused = 0;
  for (int i = 0; i < inputs && std::chrono::steady_clock::now() < deadline; ++i) {
    sim::RandomStream rng(2026, 0, static_cast<std::uint32_t>(i), sim::Purpose::Test);
    std::string input;
    if (i % 10 == 9) {  // now and then, pure noise
      input.resize(rng.below(200));
      for (char& c : input) c = static_cast<char>(rng.below(256));
    } else {
      input = mutate(seeds[0], rng, pieces);
    }
    try {
      parse_scenario(input, "fuzz.yaml");
      ++accepted;
    } catch (const ScenarioError& e) {
      ++refused;
      // Every message names the file first.
      ASSERT_EQ(std::string(e.what()).rfind("fuzz.yaml", 0) == 0 ||
                    std::string(e.what()).rfind("<command line>", 0) == 0,
                true)
          << e.what();
    } catch (const std::exception& e) {
      FAIL() << "input " << i << " raised " << typeid(e).name() << ": " << e.what()
             << "\n--- input:\n"
             << input;
    }
  }
  // Both outcomes must occur, or the mutations are not exercising the reader.
  EXPECT_GT(accepted, 0);
  EXPECT_GT(refused, 0);
  std::printf("fuzzed %d inputs: %d accepted, %d refused\n", accepted + refused, accepted, refused);
}

}  // namespace
}  // namespace clustersim::model_tests
