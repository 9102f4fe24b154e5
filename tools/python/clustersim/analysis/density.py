"""The network-density experiment: does a denser local network raise innovation, or turn over?

On ``scenarios/density_experiment.yaml`` (one region, so density is the only thing
that differs between runs), ``model.link_formation_rate`` is swept and every run
is repeated with seeds 1..N, common to every arm (paired replicates, see
:mod:`clustersim.analysis.replicates`). This is done for several settings of the
declustering mechanisms (``SETTINGS``): the defaults, both off
(``homogenisation_strength`` 0 and ``coordination_cost_strength`` 0), stronger
(``coordination_cost_strength`` 4, ``partner_attention`` 2), and exploration from
partners only, with attention saturating at one partner (``own_exploration_weight`` 0,
``partner_attention`` 1): the setting in which exploration falls with density.

Measures per run, over the second half of the run (ticks after ticks/2):

- ``density``, ``average_clustering``, ``mean_tie_distance``: the mean of the
  region's series over those ticks;
- explorations, exploitations and innovations per firm-year: the sum of the
  events over those ticks divided by the sum over the same ticks of the firms
  (``smes`` + ``large_firms``) times the tick length in years (read from the run
  file), i.e. events per firm present per year.

Statistics per setting: mean and 95% t-interval per rate; for each response the
rate with the highest mean, and the paired difference (same seeds) of that rate
minus the rate of highest mean density, with its 95% interval (a turnover is
shown only when this interval lies above 0; the maximum is picked from the same
data, so the difference is biased upwards and an interval that just clears 0 is
weak evidence); Spearman's rho of the response against density over all runs of
the setting, with a stratified bootstrap interval. It also checks that rates 4,
8, 16 and 32 give different runs (seed 1, defaults), and that density spans at
least a factor 10 over the sweep.

    /usr/bin/python3 tools/analysis/density.py --bin build/bin/clustersim --seeds 10 --jobs 2 \\
        --figure docs/figures/density.png

``--rates`` picks the rates, ``--only NAME`` a subset of the settings, ``--set
KEY=VALUE`` (repeatable) changes every arm; run files are cached in ``--work``.
"""

from __future__ import annotations

import argparse
import math
import pathlib
import sys

import numpy as np

from clustersim import runfile as cio
from clustersim.analysis import replicates as rp

SOURCE = pathlib.Path(__file__).resolve().parents[4]
SCENARIO = SOURCE / "scenarios" / "density_experiment.yaml"
RATES = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]
SETTINGS = {  # name -> overrides of the declustering mechanisms
    "defaults": ("model.homogenisation_strength=1", "model.coordination_cost_strength=1"),
    "off": ("model.homogenisation_strength=0", "model.coordination_cost_strength=0"),
    "stronger": ("model.coordination_cost_strength=4", "model.partner_attention=2"),
    "own0_attention1": ("model.own_exploration_weight=0", "model.partner_attention=1"),
    "partners_only": ("model.own_exploration_weight=0",),
}
STRUCTURE = [("density", "density"), ("clustering", "average_clustering"),
             ("tie_distance", "mean_tie_distance"), ("firms", "firms")]
RESPONSES = [("explorations", "explorations / firm-year"),
             ("exploitations", "exploitations / firm-year"),
             ("innovations", "innovations / firm-year")]
DISTINCT_RATES = [4.0, 8.0, 16.0, 32.0]


def _region(run: cio.Run, name: str) -> np.ndarray:
    s = run.series[name]
    return np.asarray(s.value[:, 0], dtype=float)


def tick_length(run: cio.Run) -> float:
    """The tick length in years the run used (the run file's parameters)."""
    for key in ("tick_length", "tick_length_years"):
        if key in run.parameters:
            return float(run.parameters[key])
    raise KeyError(f"{run.path}: no tick_length in /parameters")


def measure_run(run: cio.Run) -> dict[str, float]:
    """The measures of one run over its second half (see the module docstring)."""
    step = np.asarray(run.series["density"].step)
    late = step > step.max() / 2
    dt = tick_length(run)
    firms = _region(run, "smes") + _region(run, "large_firms")
    firm_years = float(firms[late].sum() * dt)
    out = {"density": float(_region(run, "density")[late].mean()),
           "clustering": float(_region(run, "average_clustering")[late].mean()),
           "tie_distance": float(_region(run, "mean_tie_distance")[late].mean()),
           "firms": float(firms[late].mean()),
           "ticks": float(late.sum()), "tick_length": dt}
    for key, _ in RESPONSES:
        events = float(_region(run, key)[late].sum())
        out[key] = events / firm_years if firm_years > 0 else math.nan
    return out


def arm_name(setting: str, rate: float) -> str:
    return f"{setting} rate={rate:g}"


def arms(settings: dict[str, tuple[str, ...]], rates, extra=(), ticks: int | None = None) -> list[rp.Arm]:
    args = ("--ticks", str(ticks)) if ticks else ()
    return [rp.Arm(arm_name(name, r), SCENARIO, (f"model.link_formation_rate={r:g}", *over, *extra), args)
            for name, over in settings.items() for r in rates]


def turnover(rows: dict[float, dict[int, dict]], rates, key: str):
    """(rate of the highest mean, rate of the highest mean density, paired difference max − densest)."""
    means = {r: rp.mean_ci(v[key] for v in rows[r].values()).mean for r in rates}
    dens = {r: rp.mean_ci(v["density"] for v in rows[r].values()).mean for r in rates}
    best = max(rates, key=lambda r: means[r])
    densest = max(rates, key=lambda r: dens[r])
    diff = rp.paired_difference({s: v[key] for s, v in rows[best].items()},
                                {s: v[key] for s, v in rows[densest].items()})
    return best, densest, diff


def setting_report(name: str, rates, rows: dict[float, dict[int, dict]], n_seeds: int) -> list[str]:
    lines = [f"#### {name}: {', '.join(SETTINGS.get(name, ())) or '(scenario settings)'}", ""]
    header = ["rate [1/yr]", "runs", "density", "clustering", "tie distance"] + [h for _, h in RESPONSES]
    table = []
    for r in rates:
        v = rows[r]
        cells = [f"{r:g}", f"{len(v)}/{n_seeds}"]
        for key, _ in STRUCTURE[:3]:
            e = rp.mean_ci(x[key] for x in v.values())
            cells.append(f"{e.mean:.4g} [{e.low:.3g}, {e.high:.3g}]")
        for key, _ in RESPONSES:
            e = rp.mean_ci(x[key] for x in v.values())
            cells.append(f"{e.mean:.4g} [{e.low:.4g}, {e.high:.4g}]")
        table.append(cells)
    lines.append(rp.markdown_table(header, table))
    lines.append("")
    d_lo = rp.mean_ci(x["density"] for x in rows[rates[0]].values()).mean
    d_hi = max(rp.mean_ci(x["density"] for x in rows[r].values()).mean for r in rates)
    span = d_hi / d_lo if d_lo > 0 else math.inf
    lines.append(f"Density spans {d_lo:.4g} to {d_hi:.4g} (x{span:.3g}"
                 f"{'' if span >= 10 else ', LESS THAN 10x'}).")
    lines.append("")
    t_rows = []
    for key, head in RESPONSES:
        best, densest, diff = turnover(rows, rates, key)
        x = [rows[r][s]["density"] for r in rates for s in rows[r]]
        y = [rows[r][s][key] for r in rates for s in rows[r]]
        # stratified by rate: the design as run
        strata = [r for r in rates for _ in rows[r]]
        c = _spearman_by_strata(x, y, strata)
        if best == densest:
            verdict = "no turnover: max at the densest rate"
        elif diff.low > 0:
            verdict = "turns over (CI above 0)"
        else:
            verdict = "no clear turnover (CI includes 0)"
        t_rows.append([head, f"{best:g}", f"{densest:g}",
                       f"{diff.mean:.3g} [{diff.low:.3g}, {diff.high:.3g}], d_z={diff.effect_size:.2g}, n={diff.n}",
                       f"{c.rho:.2f} [{c.low:.2f}, {c.high:.2f}]", verdict])
    lines.append(rp.markdown_table(
        ["response", "rate of max", "densest rate", "max − densest (paired, 95% CI)",
         "Spearman rho vs density [95% CI]", "reading"], t_rows))
    lines.append("")
    return lines


def _spearman_by_strata(x, y, strata) -> rp.Correlation:
    """Spearman's rho of y against x (density), the bootstrap resampling replicates
    within each rate (x itself varies within a rate, so rp.spearman_ci's own
    stratification by x would not group them)."""
    from scipy import stats

    x, y, g = (np.asarray(v, dtype=float) for v in (x, y, strata))
    keep = np.isfinite(x) & np.isfinite(y)
    x, y, g = x[keep], y[keep], g[keep]
    n = len(x)
    if n < 3:
        return rp.Correlation(math.nan, math.nan, math.nan, math.nan, n)
    res = stats.spearmanr(x, y)
    rng = np.random.default_rng(0)
    groups = [np.flatnonzero(g == v) for v in np.unique(g)]
    idx = np.hstack([grp[rng.integers(0, len(grp), (2000, len(grp)))] for grp in groups])
    xr = stats.rankdata(x[idx], axis=1)
    yr = stats.rankdata(y[idx], axis=1)
    xr -= xr.mean(axis=1, keepdims=True)
    yr -= yr.mean(axis=1, keepdims=True)
    den = np.sqrt((xr ** 2).sum(axis=1) * (yr ** 2).sum(axis=1))
    ok = den > 0
    boot = (xr * yr).sum(axis=1)[ok] / den[ok]
    if boot.size == 0:
        return rp.Correlation(float(res.correlation), math.nan, math.nan, float(res.pvalue), n)
    low, high = np.quantile(boot, [0.025, 0.975])
    return rp.Correlation(float(res.correlation), float(low), float(high), float(res.pvalue), n)


def distinct_check(res: rp.Replicates, setting: str, rates) -> str:
    """Whether rates 4, 8, 16, 32 (those in the sweep) give different runs for the first common seed."""
    chosen = [r for r in DISTINCT_RATES if r in rates]
    if len(chosen) < 2:
        return ""
    seeds = set.intersection(*(set(res.paths[arm_name(setting, r)]) for r in chosen))
    if not seeds:
        return "rates 4-32: no common seed to compare"
    seed = min(seeds)
    sig = {}
    for r in chosen:
        run = res.run(arm_name(setting, r), seed)
        sig[r] = tuple(np.asarray(run.series[n].value).tobytes() for n in ("density", "innovations", "edges"))
    same = [(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1:] if sig[a] == sig[b]]
    if same:
        return (f"Rates {', '.join(f'{r:g}' for r in chosen)} ({setting}, seed {seed}): IDENTICAL runs for "
                + ", ".join(f"{a:g}={b:g}" for a, b in same))
    return (f"Rates {', '.join(f'{r:g}' for r in chosen)} ({setting}, seed {seed}): all runs differ "
            "(density, innovations and edges series).")


def figure(settings, rates, rows, path: pathlib.Path) -> None:
    """Exploration and exploitation per firm-year against density (log x), one line per setting."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8))
    for name in settings:
        r = rows[name]
        dens = [rp.mean_ci(v["density"] for v in r[x].values()).mean for x in rates]
        for ax, (key, head) in zip(axes[:2], RESPONSES[:2]):
            ests = [rp.mean_ci(v[key] for v in r[x].values()) for x in rates]
            rp.plot_against(ax, dens, ests, label=name, logx=True)
        ests = [rp.mean_ci(v["tie_distance"] for v in r[x].values()) for x in rates]
        rp.plot_against(axes[2], dens, ests, label=name, logx=True)
    for ax, title in zip(axes, ["explorations per firm-year", "exploitations per firm-year",
                                "mean cognitive distance of ties"]):
        ax.set_xlabel("network density (second half of the run, mean over seeds)")
        ax.set_title(title, fontsize="medium")
        ax.legend(fontsize="small")
    axes[0].set_yscale("log")  # the settings differ sevenfold; a log axis keeps each one's shape visible
    n = min(len(rows[s][x]) for s in settings for x in rates)
    fig.suptitle(f"density_experiment: link_formation_rate {rates[0]:g}..{rates[-1]:g}, "
                 f"mean and 95% CI over {n} paired seeds", fontsize="medium")
    rp.save_figure(fig, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rp.add_run_arguments(parser, "arm")
    parser.add_argument("--rates", type=float, nargs="+", default=RATES, help="link_formation_rate values")
    parser.add_argument("--only", nargs="+", choices=list(SETTINGS), help="a subset of the settings")
    parser.add_argument("--ticks", type=int, help="run length (default: the scenario's)")
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help="an override for every run (repeatable)")
    parser.add_argument("--work", default="out/density", help="folder for the run files (cached)")
    parser.add_argument("--jobs", type=int, help="runs at a time (default: CPU count)")
    parser.add_argument("--figure", type=pathlib.Path, help="write the figure (PNG) here")
    parser.add_argument("--fresh", action="store_true", help="rerun even complete run files")
    args = parser.parse_args(argv)
    rates = sorted(args.rates)
    chosen = {k: v for k, v in SETTINGS.items() if not args.only or k in args.only}
    arm_list = arms(chosen, rates, tuple(args.settings), args.ticks)
    res = rp.run_arms(arm_list, range(1, args.seeds + 1), args.bin, args.work, args.jobs, args.fresh,
                      log=lambda m: print(m, file=sys.stderr))
    if any(res.n(a.name) == 0 for a in arm_list):
        print("no complete run for some arm:\n" + "\n".join(map(str, res.failures)), file=sys.stderr)
        return 1
    rows = {name: {r: {s: measure_run(res.run(arm_name(name, r), s))
                       for s in res.paths[arm_name(name, r)]} for r in rates} for name in chosen}
    first = next(iter(next(iter(rows.values()))[rates[0]].values()))
    extra = ", ".join(args.settings) if args.settings else "no further overrides"
    print(f"{args.seeds} seeds per arm, rates {', '.join(f'{r:g}' for r in rates)}; {extra}; "
          f"measures over the last {first['ticks']:.0f} ticks (tick {first['tick_length']:g} years), "
          f"~{first['firms']:.0f} firms. Mean [95% CI] over seeds.\n")
    for name in chosen:
        print("\n".join(setting_report(name, rates, rows[name], args.seeds)))
    check = distinct_check(res, next(iter(chosen)), rates)
    if check:
        print(check)
    if res.failures:
        print(f"Failed runs (left out): {'; '.join(map(str, res.failures))}")
    if args.figure:
        figure(chosen, rates, rows, args.figure)
        print(f"\nFigure: {args.figure}")
    return 1 if res.failures or "IDENTICAL" in check else 0
