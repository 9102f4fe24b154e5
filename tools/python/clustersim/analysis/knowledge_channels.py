"""Do knowledge flows raise innovation? Paired arms on one scenario.

Each arm switches one knowledge channel off (or speeds one up) against the
scenario as shipped, on the same seeds: university research
(``university_research_rate=0``), the extra flow over university ties
(``university_flow_boost=0``), ties to other regions
(``cross_region_search_share=0``), all learning over ties (``absorption_rate=0``),
and fast learning (``absorption_rate=4``, where exchange homogenises partners
fastest). Measures over the whole run, per firm-year (firms = smes +
large_firms at each tick, times the tick length): explorations, exploitations
and their sum; and national value added at the last tick. Each arm is compared
with the reference by the paired difference over the common seeds (t interval,
effect size d_z), from :mod:`clustersim.analysis.replicates`.

    /usr/bin/python3 tools/analysis/knowledge_channels.py --bin build/bin/clustersim --seeds 10 \\
        --figure docs/figures/knowledge_channels.png

Prints the Markdown table of docs/EXPERIMENTS.md ("Knowledge flows and innovation").
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

from clustersim.analysis import replicates as rp

SOURCE = pathlib.Path(__file__).resolve().parents[4]
ARMS = [
    ("as shipped", ()),
    ("no university research", ("model.university_research_rate=0",)),
    ("no university flow boost", ("model.university_flow_boost=0",)),
    ("no inter-regional ties", ("model.cross_region_search_share=0",)),
    ("no learning over ties", ("model.absorption_rate=0",)),
    ("fast learning (absorption 4)", ("model.absorption_rate=4",)),
]
MEASURES = [("explorations", "explorations per firm-year"),
            ("exploitations", "exploitations per firm-year"),
            ("innovations", "innovations per firm-year")]


def per_firm_year(run, series: str) -> float:
    """Events of a series summed over regions and ticks, over firm-years."""
    s = run.series
    firms = (s["smes"].value + s["large_firms"].value).sum(axis=1)
    dt = float(np.diff(s[series].time[:2])[0]) if len(s[series].time) > 1 else 1.0
    years = float(firms.sum()) * dt
    return float(s[series].value.sum()) / years if years > 0 else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(SOURCE / "build" / "bin" / "clustersim"))
    ap.add_argument("--scenario", default=str(SOURCE / "scenarios" / "demo.yaml"))
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--ticks", type=int, default=None, help="run length (default: the scenario's)")
    ap.add_argument("--work", default="out/knowledge_channels", help="folder for the run files (cached)")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--figure", default=None)
    ap.add_argument("--fresh", action="store_true")
    a = ap.parse_args(argv)
    extra = ("--ticks", str(a.ticks)) if a.ticks else ()
    arms = [rp.Arm(name, a.scenario, settings, extra) for name, settings in ARMS]
    res = rp.run_arms(arms, seeds=range(1, a.seeds + 1), binary=a.bin, workdir=a.work,
                      jobs=a.jobs, fresh=a.fresh)
    if res.failures:
        for f in res.failures:
            print(f"failed: {f.arm} seed {f.seed}", file=sys.stderr)
    if res.n(arms[0].name) == 0:
        print("no complete run of the reference arm", file=sys.stderr)
        return 1
    values = {m: {arm.name: res.values(arm.name, lambda run, m=m: per_firm_year(run, m)) for arm in arms}
              for m, _ in MEASURES}
    va = {arm.name: res.values(arm.name, lambda run: float(run.series["value_added"].value[-1].sum()))
          for arm in arms}
    ref = arms[0].name
    header = ["arm", "runs"] + [label for _, label in MEASURES] + ["national VA, last tick"]
    rows = []
    for arm in arms:
        cells = [arm.name + (f" ({', '.join(arm.settings)})" if arm.settings else ""), str(res.n(arm.name))]
        for m, _ in MEASURES:
            est = rp.mean_ci(values[m][arm.name].values())
            cell = str(est)
            if arm.name != ref:
                d = rp.paired_difference(values[m][arm.name], values[m][ref])
                cell += f"; Δ {d}"
            cells.append(cell)
        est = rp.mean_ci(va[arm.name].values())
        cells.append(str(est) + ("" if arm.name == ref else f"; Δ {rp.paired_difference(va[arm.name], va[ref])}"))
        rows.append(cells)
    print(f"{a.seeds} seeds (1-{a.seeds}), common to every arm; mean [95% CI] over seeds; "
          f"Δ: paired difference to '{ref}' [95% CI], d_z.")
    print()
    print(rp.markdown_table(header, rows))
    if a.figure:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=False)
        for ax, m in zip(axes, ("explorations", "exploitations")):
            ests = [rp.mean_ci(values[m][arm.name].values()) for arm in arms]
            y = np.arange(len(arms))
            ax.errorbar([e.mean for e in ests], y,
                        xerr=[[e.mean - e.low for e in ests], [e.high - e.mean for e in ests]],
                        fmt="o", color="#0072B2", capsize=3)
            ax.axvline(ests[0].mean, color="grey", lw=0.8, ls="--")
            ax.set_yticks(y)
            ax.set_yticklabels([arm.name for arm in arms] if m == "explorations" else [])
            ax.invert_yaxis()
            ax.set_xlabel(f"{m} per firm-year (mean, 95% CI)")
        fig.suptitle(f"Knowledge channels and innovation ({pathlib.Path(a.scenario).name}, {a.seeds} seeds)")
        fig.tight_layout()
        fig.savefig(a.figure, dpi=110)
        print(f"\nFigure: {a.figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
