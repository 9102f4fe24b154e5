"""Policy comparisons with replicates, from the shipped scenarios.

Runs each scenario of a pair for several seeds with the clustersim program and
prints Markdown tables (mean, standard deviation, min and max across the
replicates) of national IT value added, innovations, the stage each cluster
reached by a given tick, and the wasted share of the policy budget; for the
growth-pole pair also the growth of the periphery by distance to the nearest
pole. docs/EXPERIMENTS.md holds its output.

    /usr/bin/python3 tools/analysis/policy_experiment.py --bin build/bin/clustersim \
        --replicates 10 > /tmp/experiments.md

From Python (``PYTHONPATH=tools/python``): ``metrics(path)`` gives the measures
of one run file, ``table(pair, results, growth)`` one Markdown table.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import tempfile

import numpy as np

from clustersim import runfile as cio

# The repository root: this file is tools/python/clustersim/analysis/policy_experiment.py.
SOURCE = pathlib.Path(__file__).resolve().parents[4]
PAIRS = [("stage_aware", "stage_skipping"), ("growth_poles", "uniform")]
DISTANCE_BANDS = [(0.0, 0.0), (1.0, 700.0), (700.0, 1400.0), (1400.0, 1e9)]


def run(binary: str, scenario: str, seed: int, out: pathlib.Path) -> pathlib.Path:
    path = out / f"{scenario}-{seed}.h5"
    result = subprocess.run(
        [binary, "run", str(SOURCE / "scenarios" / f"{scenario}.yaml"), "--seed", str(seed), "-o", str(path),
         "--force", "--progress", "never", "--threads", "1"],
        check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"clustersim failed on {scenario} (seed {seed}):\n{result.stderr}")
    return path


def metrics(path: pathlib.Path) -> dict[str, float]:
    """The measures of one run file (the rows of the tables)."""
    run = cio.load_run(path)

    def series(name: str) -> np.ndarray:
        return run.series[name].value  # [time][region]

    va = series("value_added")
    stage = series("stage")
    spending = series("policy_spending").sum()
    waste = series("policy_waste").sum()
    mid = (stage.shape[0] - 1) // 2
    out = {
        "national value added, last tick (bn tenge/yr)": va[-1].sum() / 1e3,
        "innovations, whole run": series("innovations").sum(),
        f"mean stage at tick {mid}": stage[mid].mean(),
        f"mean stage at tick {stage.shape[0] - 1}": stage[-1].mean(),
        "clusters at stage >= 3, last tick": float((stage[-1] >= 3).sum()),
        "wasted share of spending": waste / spending if spending > 0 else 0.0,
    }
    # Growth of value added per year from tick 1 (tick 0 has no production yet),
    # by distance to the nearest growth pole at the last tick.
    distance = series("pole_distance_km")[-1]
    years = (va.shape[0] - 2) * float(run.parameters["tick_length"])
    growth = np.where(va[1] > 0, (va[-1] / np.where(va[1] > 0, va[1], 1)) ** (1 / years) - 1, 0)
    for lo, hi in DISTANCE_BANDS:
        band = (distance >= lo) & (distance <= hi)
        label = "poles" if hi == 0 else f"regions {lo:.0f}-{hi:.0f} km from a pole"
        if hi > 1e8:
            label = f"regions over {lo:.0f} km from a pole"
        out[f"VA growth %/yr, {label}"] = 100 * growth[band].mean() if band.any() else float("nan")
    return out


def table(pair: tuple[str, str], results: dict[str, list[dict[str, float]]], growth: bool) -> str:
    a, b = pair
    keys = [k for k in results[a][0] if growth or not k.startswith("VA growth")]
    lines = [f"| measure | {a} mean ± sd [min, max] | {b} mean ± sd [min, max] |",
             "| --- | --- | --- |"]
    for key in keys:
        cells = []
        for name in pair:
            values = [r[key] for r in results[name] if not np.isnan(r[key])]
            if not values:
                cells.append("–")
                continue
            sd = statistics.stdev(values) if len(values) > 1 else 0.0
            cells.append(f"{statistics.mean(values):.3g} ± {sd:.2g} "
                         f"[{min(values):.3g}, {max(values):.3g}]")
        lines.append(f"| {key} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="build/bin/clustersim", help="the clustersim program")
    parser.add_argument("--replicates", type=int, default=10, help="seeds 1..N per scenario")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        for pair in PAIRS:
            results = {name: [metrics(run(args.bin, name, seed, out))
                              for seed in range(1, args.replicates + 1)] for name in pair}
            print(f"### {pair[0]} versus {pair[1]} ({args.replicates} replicates, seeds 1-"
                  f"{args.replicates})\n")
            print(table(pair, results, growth=pair[0] == "growth_poles"))
            print()
    return 0
