"""The governance-modes experiment: are cluster, triple, quadruple and quintuple helix distinguishable?

Runs the four shipped scenarios ``scenarios/stage_aware.yaml`` (cluster governance),
``triple_helix.yaml``, ``quadruple_helix.yaml`` and ``quintuple_helix.yaml`` (the
same five regions, seed base, policy and run length; they differ in the mode
and, for the last two, in civil-society organisations) with seeds 1..N common
to every arm (paired replicates, :mod:`clustersim.analysis.replicates`).

Measures per run, national (the run file's national row, or the sum over
regions):

- ``value_added``, ``firms`` (``smes`` + ``large_firms``) and ``mean_knowledge``
  at the last tick;
- ``innovations`` and ``births``: the sum over the run's ticks;
- ``emissions`` at the last tick and ``environmental_limit`` (national mean) at
  the last tick: the quintuple helix's environment;
- ``civil_participation`` (mean over ticks and regions): civil society;
- ``va_sign_changes``: how often the first difference of national value added
  changes sign over the run (a tick-to-tick swing shows as about one change
  per tick).

Tables: the mean and 95% t-interval of every measure for every mode, and the
paired difference (same seeds) of every helix mode minus the cluster, and of
quadruple minus triple and quintuple minus quadruple, with its 95% interval
(a difference counts as shown when its interval excludes 0). The figure:
national value added, innovations per tick, firms and mean knowledge over time,
one band per mode.

    /usr/bin/python3 tools/analysis/governance_modes.py --bin build/bin/clustersim --seeds 10 \\
        --jobs 2 --figure docs/figures/governance_modes.png

``--set KEY=VALUE`` (repeatable) changes every arm; ``--ticks`` the run length;
run files are cached in ``--work``.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

from clustersim import runfile as cio
from clustersim.analysis import replicates as rp

SOURCE = pathlib.Path(__file__).resolve().parents[4]
MODES = {  # arm name -> scenario
    "cluster": SOURCE / "scenarios" / "stage_aware.yaml",
    "triple": SOURCE / "scenarios" / "triple_helix.yaml",
    "quadruple": SOURCE / "scenarios" / "quadruple_helix.yaml",
    "quintuple": SOURCE / "scenarios" / "quintuple_helix.yaml",
}
REFERENCE = "cluster"
#: (measure, header) in table order
MEASURES = [
    ("value_added", "value added, end [M tenge/yr]"),
    ("innovations", "innovations, run total"),
    ("firms", "firms, end"),
    ("mean_knowledge", "mean knowledge, end"),
    ("births", "births, run total"),
    ("civil_participation", "civil participation, mean"),
    ("emissions", "emissions, end [kt/yr]"),
    ("environmental_limit", "environmental limit, end"),
    ("va_sign_changes", "VA first-difference sign changes"),
]
#: (arm, reference) pairs whose paired differences are printed
CONTRASTS = [("triple", "cluster"), ("quadruple", "cluster"), ("quintuple", "cluster"),
             ("quadruple", "triple"), ("quintuple", "quadruple")]
FIGURE_SERIES = [("value_added", "national value added [M tenge/yr]"),
                 ("innovations", "innovations per tick"),
                 ("firms", "firms"), ("mean_knowledge", "mean knowledge of firms")]


def national(run: cio.Run, name: str) -> np.ndarray:
    """The national row of a series (the sum over regions where none is recorded);
    an all-zero series for a name the run does not have."""
    s = run.series.get(name)
    if s is None:
        return np.zeros(len(run.series["value_added"].time))
    if s.national is not None:
        return np.asarray(s.national, dtype=float)
    return np.asarray(s.value, dtype=float).sum(axis=1)


def firms_series(run: cio.Run) -> np.ndarray:
    return national(run, "smes") + national(run, "large_firms")


def sign_changes(series: np.ndarray) -> int:
    """Sign changes of the first difference (zero steps skipped)."""
    d = np.diff(np.asarray(series, dtype=float))
    d = d[d != 0]
    return int(np.count_nonzero(np.sign(d[1:]) != np.sign(d[:-1])))


def measure_run(run: cio.Run) -> dict[str, float]:
    """The measures of one run (see the module docstring)."""
    va = national(run, "value_added")
    civil = run.series.get("civil_participation")
    return {
        "value_added": float(va[-1]),
        "innovations": float(national(run, "innovations").sum()),
        "firms": float(firms_series(run)[-1]),
        "mean_knowledge": float(national(run, "mean_knowledge")[-1]),
        "births": float(national(run, "births").sum()),
        "civil_participation": float(np.asarray(civil.value).mean()) if civil is not None else 0.0,
        "emissions": float(national(run, "emissions")[-1]),
        "environmental_limit": float(np.asarray(run.series["environmental_limit"].value)[-1].mean())
        if "environmental_limit" in run.series else 1.0,
        "va_sign_changes": float(sign_changes(va)),
    }


def arms(extra: tuple[str, ...] = (), ticks: int | None = None) -> list[rp.Arm]:
    args = ("--ticks", str(ticks)) if ticks else ()
    return [rp.Arm(name, path, extra, args) for name, path in MODES.items()]


def _cell(e) -> str:
    return f"{e.mean:.4g} [{e.low:.4g}, {e.high:.4g}]"


def level_table(rows: dict[str, dict[int, dict]], n_seeds: int) -> str:
    header = ["mode", "runs"] + [h for _, h in MEASURES]
    table = []
    for name in MODES:
        v = rows[name]
        table.append([name, f"{len(v)}/{n_seeds}"] +
                     [_cell(rp.mean_ci(x[key] for x in v.values())) for key, _ in MEASURES])
    return rp.markdown_table(header, table)


def difference_table(rows: dict[str, dict[int, dict]]) -> tuple[str, dict[tuple[str, str, str], rp.Difference]]:
    header = ["contrast"] + [h for _, h in MEASURES]
    table, diffs = [], {}
    for arm, ref in CONTRASTS:
        cells = [f"{arm} − {ref}"]
        for key, _ in MEASURES:
            d = rp.paired_difference({s: x[key] for s, x in rows[arm].items()},
                                     {s: x[key] for s, x in rows[ref].items()})
            diffs[(arm, ref, key)] = d
            shown = "*" if d.n >= 2 and (d.low > 0 or d.high < 0) else ""
            cells.append(f"{d.mean:.4g} [{d.low:.4g}, {d.high:.4g}]{shown}")
        table.append(cells)
    return rp.markdown_table(header, table), diffs


def distinguishable(diffs, arm: str, ref: str) -> list[str]:
    """The measures whose paired interval of arm − ref excludes 0."""
    return [key for key, _ in MEASURES
            if (d := diffs[(arm, ref, key)]).n >= 2 and (d.low > 0 or d.high < 0)]


def figure(res: rp.Replicates, path: pathlib.Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(12, 8))
    for ax, (key, label) in zip(axes.flat, FIGURE_SERIES):
        bands = {}
        for name in MODES:
            runs = [res.run(name, s) for s in sorted(res.paths[name])]
            if not runs:
                continue
            series = [firms_series(r) if key == "firms" else national(r, key) for r in runs]
            length = min(len(x) for x in series)
            time = np.asarray(runs[0].series["value_added"].time)[:length]
            bands[name] = (time, np.vstack([x[:length] for x in series]))
        rp.plot_bands(ax, bands, ylabel=label)
        ax.set_title(label, fontsize="medium")
    n = min(res.n(name) for name in MODES)
    fig.suptitle(f"governance modes: mean and 95% band over {n} paired seeds", fontsize="medium")
    rp.save_figure(fig, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rp.add_run_arguments(parser, "mode")
    parser.add_argument("--ticks", type=int, help="run length (default: the scenarios')")
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help="an override for every run (repeatable)")
    parser.add_argument("--work", default="out/governance_modes", help="folder for the run files (cached)")
    parser.add_argument("--jobs", type=int, help="runs at a time (default: CPU count)")
    parser.add_argument("--figure", type=pathlib.Path, help="write the figure (PNG) here")
    parser.add_argument("--fresh", action="store_true", help="rerun even complete run files")
    args = parser.parse_args(argv)
    arm_list = arms(tuple(args.settings), args.ticks)
    res = rp.run_arms(arm_list, range(1, args.seeds + 1), args.bin, args.work, args.jobs, args.fresh,
                      log=lambda m: print(m, file=sys.stderr))
    if any(res.n(a.name) == 0 for a in arm_list):
        print("no complete run for some mode:\n" + "\n".join(map(str, res.failures)), file=sys.stderr)
        return 1
    rows = {a.name: {s: measure_run(res.run(a.name, s)) for s in res.paths[a.name]} for a in arm_list}
    extra = ", ".join(args.settings) if args.settings else "no further overrides"
    print(f"{args.seeds} paired seeds per mode; {extra}. Mean [95% CI] over seeds.\n")
    print("#### End values by mode\n")
    print(level_table(rows, args.seeds))
    print("\n#### Paired differences (same seeds; * = 95% CI excludes 0)\n")
    text, diffs = difference_table(rows)
    print(text)
    print()
    for arm, ref in CONTRASTS:
        keys = distinguishable(diffs, arm, ref)
        print(f"- {arm} vs {ref}: {'distinguishable on ' + ', '.join(keys) if keys else 'NOT distinguishable'}")
    if res.failures:
        print(f"\nFailed runs (left out): {'; '.join(map(str, res.failures))}")
    if args.figure:
        figure(res, args.figure)
        print(f"\nFigure: {args.figure}")
    return 1 if res.failures else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
