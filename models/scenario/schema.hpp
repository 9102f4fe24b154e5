#pragma once
// The scenario language, declared once: every key a scenario file accepts, with
// its type, default, unit, allowed range and meaning. The readers take their
// key lists, required keys and ranges from here; the defaults of the structs
// they fill are checked against it (tests/models/scenario_schema_test.cpp);
// docs/SCENARIOS.md is generated from here (a test keeps the two in step). Model parameters
// (`model.*`) are declared in parameters.cpp and appear in the generated reference too.
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace clustersim::scenario {

struct KeySpec {
  std::string_view path;           ///< generic path: `regions[].lat`, `output.path`
  std::string_view type;           ///< text, number, whole number, list, mapping, one of: ...
  std::string_view default_value;  ///< as shown to users; "required" for required keys
  std::string_view unit;           ///< "–" when not a quantity
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::string_view meaning;
};

/// Every key outside `model:`, in the order the reference lists them.
std::span<const KeySpec> scenario_schema();

/// The declaration of a generic path. Throws std::logic_error for a path that
/// is not declared (a programming error: every key the reader reads is here).
const KeySpec& schema_key(std::string_view path);
/// The same, or nullptr: a group such as `regions[].agents` or `output` has
/// keys below it but no row of its own.
const KeySpec* find_schema_key(std::string_view path);

/// The keys a mapping at the generic path `parent` accepts, in the schema's
/// order: "" for the top level, "regions[]" for one region,
/// "policy.instruments.NAME" for one instrument. The readers' key lists.
std::vector<std::string> schema_children(std::string_view parent);

/// Whether a key must be given (its default is "required").
bool is_required(const KeySpec& key);

/// The reference tables of docs/SCENARIOS.md: scenario keys, then model parameters.
std::string scenario_schema_markdown();

}  // namespace clustersim::scenario
