#!/usr/bin/python3
"""Derive the initial conditions of scenarios/kazakhstan_2010.yaml from the shipped data.

Reads scenarios/data/kz_regions.csv (centres, 2016 population, the 2010 innovation
index) and scenarios/data/kz_it_output_2010_2016.csv (IT output by region), and
writes scenarios/data/kz_2010_initial.csv, one row per region, with the rules below
written into the file's header so the derivation travels with the data:

- population: the 2016 figure (the tables carry no 2010 population);
- soft_factor: the 2010 aggregated innovation index relative to the leader
  (Almaty city), the papers' own I_R = X_R / X_max convention, as a share;
- hard_factor: 0.5 everywhere (the tables have no regional measure of state support);
- smes: 3 + round(300 * share of national IT output in 2010); regions with no
  recorded output start with the 3 firms of an entrepreneurial seed;
- large_firms: round(12 * share of national IT output in 2010);
- universities: 1 + round(3 * soft_factor).

Run it again after changing the rules: tools/data/kazakhstan_2010.py\n(a test checks that the committed table is what this script writes).
"""

import argparse
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "scenarios" / "data"


def rows(path):
    """The data rows of a CSV file whose comment lines start with '#'."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=pathlib.Path, default=DATA / "kz_2010_initial.csv",
                        help="where to write the table (default: %(default)s)")
    output_path = parser.parse_args().output
    regions = rows(DATA / "kz_regions.csv")
    output = {r["region"]: r["2010"] for r in rows(DATA / "kz_it_output_2010_2016.csv")}
    values = {name: float(v) if v else 0.0 for name, v in output.items()}
    total = sum(values.values())
    leader = max(float(r["innovation_index_2010"]) for r in regions)
    doc = __doc__.splitlines()
    lines = doc[doc.index("- population: the 2016 figure (the tables carry no 2010 population);"):]
    with open(output_path, "w", newline="", encoding="utf-8") as f:
        f.write("# Initial conditions of scenarios/kazakhstan_2010.yaml, derived by tools/data/kazakhstan_2010.py\n")
        f.write("# from kz_regions.csv and kz_it_output_2010_2016.csv (Kireyeva, Mussabalina & Tolysbaev 2018).\n")
        f.write("# Rules:\n")
        for line in lines:
            if line.startswith("Run it again"):
                break
            f.write(("# " + line).rstrip() + "\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["region", "lat", "lon", "population", "hard_factor", "soft_factor",
                         "large_firms", "smes", "universities", "it_output_share_2010"])
        for r in regions:
            share = values.get(r["region"], 0.0) / total
            soft = float(r["innovation_index_2010"]) / leader
            writer.writerow([r["region"], r["lat"], r["lon"], int(r["population_2016_k"]) * 1000, 0.5,
                             f"{soft:.3f}", round(12 * share), 3 + round(300 * share),
                             1 + round(3 * soft), f"{share:.6f}"])


if __name__ == "__main__":
    main()
