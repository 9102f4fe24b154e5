// Design generation and seeds: pure functions of the sweep file, so the same
// file always gives the same points and seeds on every machine (integer
// arithmetic and correctly rounded double operations only; no library
// distributions, whose output differs between standard libraries).
#include <boost/random/sobol.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "tools/sweep/plan.hpp"
#include "tools/sweep/text.hpp"

namespace clustersim::sweep {

namespace {

constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ull;

std::uint64_t mix(std::uint64_t x) {
  x += kGamma;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    state_ += kGamma;
    return mix(state_ - kGamma);
  }
  /// Uniform in [0, 1) with 53 random bits.
  double unit() { return std::ldexp(static_cast<double>(next() >> 11), -53); }
  /// Uniform in [0, n); the modulo bias is below n / 2^64, under 1e-11 for any sweep.
  std::uint64_t below(std::uint64_t n) { return next() % n; }

 private:
  std::uint64_t state_;
};

std::string integer_text(double v) {
  return std::to_string(static_cast<long long>(v));
}

/// The value at position u in [0, 1) of a parameter's values or range.
std::string value_at(const ParameterSpec& p, double u) {
  if (!p.is_range) {
    const auto n = static_cast<double>(p.values.size());
    const auto i = static_cast<std::size_t>(std::min(std::floor(u * n), n - 1));
    return p.values[i];
  }
  if (p.integer) {
    // Every whole number of [min, max] gets an equal share of [0, 1).
    const double v = std::min(std::floor(p.min + u * (p.max - p.min + 1)), p.max);
    return integer_text(v);
  }
  if (p.log) {
    const double lo = std::log(p.min), hi = std::log(p.max);
    return format_number(std::min(std::max(std::exp(lo + u * (hi - lo)), p.min), p.max));
  }
  return format_number(p.min + u * (p.max - p.min));
}

/// v rounded to 15 significant digits, so that log-spaced steps read 0.1, not
/// 0.10000000000000002 (a double holds 15 decimal digits exactly).
double tidy(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", v);
  return std::strtod(text, nullptr);
}

/// A range's `steps` evenly spaced values (in log space when log), ends exact.
std::vector<std::string> step_values(const ParameterSpec& p) {
  if (!p.is_range) return p.values;
  std::vector<std::string> out;
  for (std::uint32_t k = 0; k < p.steps; ++k) {
    const double t = p.steps == 1 ? 0.0 : static_cast<double>(k) / (p.steps - 1);
    double v = p.log ? std::exp(std::log(p.min) + t * (std::log(p.max) - std::log(p.min)))
                     : p.min + t * (p.max - p.min);
    if (k == 0) v = p.min;
    if (k + 1 == p.steps && p.steps > 1) v = p.max;
    out.push_back(p.integer ? integer_text(std::round(v)) : format_number(tidy(v)));
  }
  return out;
}

std::vector<std::vector<std::string>> grid(const SweepSpec& s) {
  std::vector<std::vector<std::string>> axes;
  for (const ParameterSpec& p : s.parameters) axes.push_back(step_values(p));
  std::vector<std::vector<std::string>> points{{}};
  for (const std::vector<std::string>& axis : axes) {
    std::vector<std::vector<std::string>> next;
    next.reserve(points.size() * axis.size());
    for (const std::vector<std::string>& prefix : points) {
      for (const std::string& v : axis) {
        next.push_back(prefix);
        next.back().push_back(v);
      }
    }
    points = std::move(next);
  }
  return points;
}

std::vector<std::vector<std::string>> zip(const SweepSpec& s) {
  std::vector<std::vector<std::string>> axes;
  for (const ParameterSpec& p : s.parameters) axes.push_back(step_values(p));
  std::vector<std::vector<std::string>> points(axes.front().size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    for (const std::vector<std::string>& axis : axes) points[i].push_back(axis[i]);
  }
  return points;
}

std::vector<std::vector<std::string>> lhs(const SweepSpec& s) {
  const std::uint64_t n = s.points;
  std::vector<std::vector<std::string>> points(n);
  for (std::size_t d = 0; d < s.parameters.size(); ++d) {
    // One independent stream per parameter, keyed by the sweep's seed.
    SplitMix64 rng(mix(s.seed ^ mix(0x6c6873ull + d)));
    std::vector<std::uint64_t> strata(n);
    std::iota(strata.begin(), strata.end(), std::uint64_t{0});
    for (std::uint64_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);
    for (std::uint64_t i = 0; i < n; ++i) {
      const double u = (static_cast<double>(strata[i]) + rng.unit()) / static_cast<double>(n);
      points[i].push_back(value_at(s.parameters[d], u));
    }
  }
  return points;
}

std::vector<std::vector<std::string>> sobol(const SweepSpec& s) {
  const std::size_t dims = s.parameters.size();
  // Boost's generator starts after the sequence's first point, the origin (a
  // corner of the space): its first point is (0.5, ..., 0.5).
  boost::random::sobol gen(dims);
  std::vector<std::vector<std::string>> points(s.points);
  for (std::vector<std::string>& point : points) {
    for (std::size_t d = 0; d < dims; ++d) {
      const double u = std::ldexp(static_cast<double>(gen() >> 11), -53);
      point.push_back(value_at(s.parameters[d], u));
    }
  }
  return points;
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t base_seed, std::uint64_t point, std::uint64_t replicate) {
  // 63 bits: R (rhdf5, hdf5r, read.csv) and other int64-only readers turn a
  // seed of 2^63 or more into NA, a clamped value or a rounded double.
  return mix(mix(mix(base_seed) ^ point) ^ replicate) >> 1;
}

std::vector<std::vector<std::string>> design_points(const SweepSpec& spec) {
  switch (spec.design) {
    case Design::Grid:
      return grid(spec);
    case Design::Zip:
      return zip(spec);
    case Design::List:
      return spec.list_points;
    case Design::Lhs:
      return lhs(spec);
    case Design::Sobol:
      return sobol(spec);
  }
  return {};
}

}  // namespace clustersim::sweep
