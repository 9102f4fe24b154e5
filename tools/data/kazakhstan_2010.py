#!/usr/bin/python3
"""Derive the initial conditions of the Kazakhstan scenarios from the shipped data.

Reads scenarios/data/kz_regions.csv (centres, 2016 population, the 2010 innovation
index) and scenarios/data/kz_it_output_2010_2016.csv (IT output by region), and
writes two tables, one row per region, with their rules written into each file's
header so the derivation travels with the data:

scenarios/data/kz_2010_initial.csv (growth_poles.yaml, uniform.yaml):

- population: the 2016 figure (the tables carry no 2010 population);
- soft_factor: the 2010 aggregated innovation index relative to the leader
  (Almaty city), the papers' own I_R = X_R / X_max convention, as a share;
- hard_factor: 0.5 everywhere (the tables have no regional measure of state support);
- smes: 3 + round(300 * share of national IT output in 2010); regions with no
  recorded output start with the 3 firms of an entrepreneurial seed;
- large_firms: round(12 * share of national IT output in 2010);
- universities: 1 + round(3 * soft_factor).

scenarios/data/kz_2010_levels.csv (kazakhstan_2010.yaml): the same population,
factors and universities, and firm counts sized so that the first tick's IT value
added reproduces the 2010 level and regional distribution of the data:

- units: the data are the "volume of production" of the IT industry, million
  tenge per year; the model's value_added is million tenge per year (an annual
  rate, whatever the tick length). The tables give no value-added share of that
  output, so the output is taken as value added (ratio VA_PER_OUTPUT = 1): an
  upper bound, since value added is output less purchased inputs;
- X_r = VA_PER_OUTPUT * the region's 2010 output (0 for a dash);
- V_SME = 360 and V_LARGE = 2810 million tenge per year: the first-tick value
  added of one SME and of one large firm the tables are sized with. First measured
  as the means on growth_poles.yaml (kz_2010_initial.csv), seeds 1-10, tick 1
  (3,432 SMEs, mean 322; 98 large firms, mean 2507); then, after incumbents came to
  be drawn among firms that break even and innovation became recombination, both
  scaled by 1.125, the ratio by which the simulated national total had come to
  exceed the earlier fit (1.238 against 1.10 of the data);
- large_firms = round(LARGE_SHARE * X_r / V_LARGE), LARGE_SHARE = 0.2: large firms
  make about a fifth of a region's output, as the 8 large firms of Almaty city
  made of its value added with kz_2010_initial.csv (an assumption; the data do
  not split output by firm size);
- smes = max(1, round((X_r - large_firms * V_LARGE) / V_SME)) where X_r > 0, and 0
  where no output is recorded (those regions get firms only by entry). The floor of
  one firm where any output is recorded puts the expected national total about 8%
  above the data (seven regions with 0.1 to 166 million tenge get one SME each).

Run it again after changing the rules or after a change to production that
moves V_SME or V_LARGE: tools/data/kazakhstan_2010.py (a test checks that the
committed tables are what this script writes; tests/cli/kazakhstan_levels.sh
checks the levels against the data).
"""

import argparse
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "scenarios" / "data"
VA_PER_OUTPUT = 1.0
V_SME = 360.0
V_LARGE = 2810.0
LARGE_SHARE = 0.2
COLUMNS = ["region", "lat", "lon", "population", "hard_factor", "soft_factor",
           "large_firms", "smes", "universities", "it_output_share_2010"]


def rows(path):
    """The data rows of a CSV file whose comment lines start with '#'."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def rules(first: str, stop: str) -> list[str]:
    """The docstring lines from the one starting with `first` up to the one starting with `stop`."""
    doc = __doc__.splitlines()
    start = next(i for i, line in enumerate(doc) if line.startswith(first))
    end = next(i for i, line in enumerate(doc) if i > start and line.startswith(stop))
    return [line for line in doc[start:end] if line.strip()]


def write(path: pathlib.Path, title: str, rule_lines: list[str], table: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(f"# {title}, derived by tools/data/kazakhstan_2010.py\n")
        f.write("# from kz_regions.csv and kz_it_output_2010_2016.csv (Kireyeva, Mussabalina & Tolysbaev 2018).\n")
        f.write("# Rules:\n")
        for line in rule_lines:
            f.write(("# " + line).rstrip() + "\n")
        f.write("#\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=pathlib.Path, default=DATA / "kz_2010_initial.csv",
                        help="where to write kz_2010_initial.csv (default: %(default)s)")
    parser.add_argument("--levels-output", type=pathlib.Path, default=DATA / "kz_2010_levels.csv",
                        help="where to write kz_2010_levels.csv (default: %(default)s)")
    args = parser.parse_args()
    regions = rows(DATA / "kz_regions.csv")
    output = {r["region"]: r["2010"] for r in rows(DATA / "kz_it_output_2010_2016.csv")}
    values = {name: float(v) if v else 0.0 for name, v in output.items()}
    total = sum(values.values())
    leader = max(float(r["innovation_index_2010"]) for r in regions)
    initial, levels = [], []
    for r in regions:
        x = values.get(r["region"], 0.0)
        share = x / total
        soft = float(r["innovation_index_2010"]) / leader
        common = [r["region"], r["lat"], r["lon"], int(r["population_2016_k"]) * 1000, 0.5, f"{soft:.3f}"]
        universities = 1 + round(3 * soft)
        initial.append(common + [round(12 * share), 3 + round(300 * share), universities, f"{share:.6f}"])
        va = VA_PER_OUTPUT * x
        large = round(LARGE_SHARE * va / V_LARGE)
        smes = max(1, round((va - large * V_LARGE) / V_SME)) if va > 0 else 0
        levels.append(common + [large, smes, universities, f"{share:.6f}"])
    write(args.output, "Initial conditions of scenarios/growth_poles.yaml and uniform.yaml",
          rules("- population:", "scenarios/data/kz_2010_levels.csv"), initial)
    write(args.levels_output, "Initial conditions of scenarios/kazakhstan_2010.yaml (levels of 2010)",
          rules("- population:", "- smes:") + ["- universities: 1 + round(3 * soft_factor);"]
          + rules("- units:", "Run it again"), levels)


if __name__ == "__main__":
    main()
