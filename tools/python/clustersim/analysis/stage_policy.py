"""Stage-aware against stage-skipping policy, each against no policy, with paired seeds.

Three arms share seeds 1..N (paired replicates, :mod:`clustersim.analysis.replicates`):

- ``stage_aware``: ``scenarios/stage_aware.yaml`` (every instrument spent only where it
  fits the cluster's stage);
- ``stage_skipping``: ``scenarios/stage_skipping.yaml`` (the same budget on later-stage
  instruments everywhere);
- ``no_policy``: ``stage_aware.yaml`` with ``policy.national_budget=0`` and
  ``policy.regional_budget=0``, the counterfactual of the same seed.

``--set KEY=VALUE`` (repeatable) changes every arm (the no-policy arm keeps its zero
budgets); ``--sweep KEY=V1,V2,...`` repeats the whole experiment at each value and
ends with a table of the claim at every value, so that the parameter region where
the claim holds and the one where it fails can be read off (``--only`` picks arms).

Measures per run (national = the file's ``national`` row, or the sum over regions);
"the run" is every recorded tick after tick 0, "the last year" the ticks whose time
is within one year of the end (tick length read from the run file):

- value added at the last tick and averaged over the last year (million tenge / year);
- firms (``smes`` + ``large_firms``) at the last tick; innovations summed over the run;
- exits per firm-year: exits over the run / (firms summed over the ticks x tick length);
- spending: ``policy_spending`` summed over the run (million tenge); the model's own
  stage-mismatch measure ``policy_waste`` / ``policy_spending``;
- outcome-based waste, against the no-policy run of the same seed: the **return on
  spending** = (value added accumulated over the run, arm − no policy) / spending,
  million tenge of value added per million tenge spent; and the **share of spending
  with no measurable gain**, two ways: per seed, the spending that went to regions
  whose accumulated value added did not rise above the no-policy run of that seed
  (noisy: a region with a real small gain loses it to noise in some seeds); across
  seeds, the mean spending in regions whose paired 95% interval of the accumulated
  gain does not lie above 0; and per region, the spending and the paired gain, so that
  the regions where the money paid off, did nothing or cost output can be read off;
- per region: the stage at the last tick, and for every stage k >= 1 the first tick
  at which the ``stage`` series reaches k or more (mean and 95% interval over the seeds
  that reach it, and the share of seeds that do).

Every difference is paired over the seeds both arms completed, with its t interval.
The claim read by the verdicts: the stage-aware mix raises last-year value added over
the stage-skipping one (aware − skipping > 0), and each mix over no policy.

    /usr/bin/python3 tools/analysis/stage_policy.py --bin build/bin/clustersim --seeds 10 \\
        --figure docs/figures/stage_policy.png
"""

from __future__ import annotations

import argparse
import math
import pathlib
import sys

import numpy as np

from clustersim import runfile as cio
from clustersim.analysis import claim
from clustersim.analysis import replicates as rp

SOURCE = pathlib.Path(__file__).resolve().parents[4]
AWARE, SKIPPING, NONE = "stage_aware", "stage_skipping", "no_policy"
NO_BUDGET = ("policy.national_budget=0", "policy.regional_budget=0")
SCENARIOS = {AWARE: SOURCE / "scenarios" / "stage_aware.yaml",
             SKIPPING: SOURCE / "scenarios" / "stage_skipping.yaml",
             NONE: SOURCE / "scenarios" / "stage_aware.yaml"}
PAIRS = [(AWARE, SKIPPING), (AWARE, NONE), (SKIPPING, NONE)]
NATIONAL = [  # key, label
    ("va_end", "value added, last tick [mn tenge/yr]"),
    ("va_last_year", "value added, last-year mean [mn tenge/yr]"),
    ("firms_end", "firms, last tick"),
    ("innovations", "innovations over the run"),
    ("exits_per_firm_year", "exits per firm-year"),
    ("spending", "policy spending over the run [mn tenge]"),
    ("model_waste_share", "policy_waste / policy_spending (model's stage mismatch)"),
]
CLAIM_KEY = "va_last_year"


def arms(extra: tuple[str, ...] = (), only=None, ticks: int | None = None, tag: str = "") -> list[rp.Arm]:
    """The arms at one point of the design; `tag` keeps the names of different points apart."""
    args = ("--ticks", str(ticks)) if ticks else ()
    out = []
    for name in (AWARE, SKIPPING, NONE):
        if only and name not in only:
            continue
        settings = (*extra, *NO_BUDGET) if name == NONE else extra
        out.append(rp.Arm(f"{name}{tag}", SCENARIOS[name], settings, args))
    return out


def tick_length(run: cio.Run) -> float:
    return float(run.parameters["tick_length"])


def _national(run: cio.Run, name: str) -> np.ndarray:
    s = run.series[name]
    return np.asarray(s.national if s.national is not None else s.value.sum(axis=1), dtype=float)


def _regional(run: cio.Run, name: str) -> np.ndarray:
    return np.asarray(run.series[name].value, dtype=float)


def measure_run(run: cio.Run) -> dict:
    """The scalar measures of one run (module docstring) and its per-region arrays."""
    dt = tick_length(run)
    time = np.asarray(run.series["value_added"].time, dtype=float)
    after0 = np.arange(len(time)) > 0
    last_year = after0 & (time > time[-1] - 1.0 + 1e-9)
    va = _national(run, "value_added")
    firms = _national(run, "smes") + _national(run, "large_firms")
    firm_years = float(firms[after0].sum() * dt)
    spending = float(_national(run, "policy_spending")[after0].sum())
    waste = float(_national(run, "policy_waste")[after0].sum())
    va_r = _regional(run, "value_added")
    stage = _regional(run, "stage")
    return {
        "va_end": float(va[-1]),
        "va_last_year": float(va[last_year].mean()),
        "va_cum": float(va[after0].sum() * dt),
        "firms_end": float(firms[-1]),
        "innovations": float(_national(run, "innovations")[after0].sum()),
        "exits_per_firm_year": float(_national(run, "exits")[after0].sum()) / firm_years if firm_years > 0 else math.nan,
        "spending": spending,
        "model_waste_share": waste / spending if spending > 0 else math.nan,
        "va_cum_region": va_r[after0].sum(axis=0) * dt,
        "spending_region": _regional(run, "policy_spending")[after0].sum(axis=0),
        "stage": stage,
        "step": np.asarray(run.series["stage"].step),
        "regions": list(run.regions),
        "stage_names": list(run.stage_names),
    }


def first_arrival(stage: np.ndarray, step: np.ndarray, k: int) -> np.ndarray:
    """Per region: the first tick at which stage >= k (NaN where never)."""
    reached = stage >= k - 1e-9
    out = np.full(stage.shape[1], np.nan)
    for r in range(stage.shape[1]):
        hit = np.flatnonzero(reached[:, r])
        if hit.size:
            out[r] = float(step[hit[0]])
    return out


_fmt = claim.estimate
_diff = claim.difference


def returns(rows: dict[str, dict[int, dict]], arm: str) -> dict[str, dict[int, float]]:
    """Per seed: return on spending and the per-seed share of spending with no gain (vs no policy)."""
    ros, none_share = {}, {}
    for s, m in rows[arm].items():
        ref = rows[NONE].get(s)
        if ref is None:
            continue
        spent = m["spending"]
        ros[s] = (m["va_cum"] - ref["va_cum"]) / spent if spent > 0 else math.nan
        gain = m["va_cum_region"] - ref["va_cum_region"]
        none_share[s] = float(m["spending_region"][gain <= 0].sum() / spent) if spent > 0 else math.nan
    return {"ros": ros, "no_gain_share": none_share}


def pooled_no_gain(rows: dict[str, dict[int, dict]], arm: str) -> tuple[float, list[str]]:
    """Share of the mean spending that went to regions whose paired 95% CI of the accumulated
    value-added gain over no policy does not lie above 0; and those regions."""
    seeds = [s for s in rows[arm] if s in rows[NONE]]
    if len(seeds) < 2:
        return math.nan, []
    regions = rows[arm][seeds[0]]["regions"]
    spend = np.mean([rows[arm][s]["spending_region"] for s in seeds], axis=0)
    if spend.sum() <= 0:
        return math.nan, []
    flat = []
    for r, name in enumerate(regions):
        d = rp.paired_difference({s: rows[arm][s]["va_cum_region"][r] for s in seeds},
                                 {s: rows[NONE][s]["va_cum_region"][r] for s in seeds})
        if not d.low > 0:
            flat.append(r)
    return float(spend[flat].sum() / spend.sum()), [regions[r] for r in flat]


def report(label: str, rows: dict[str, dict[int, dict]], n_seeds: int) -> tuple[list[str], dict]:
    """The Markdown of one point of the design, and its claim figures (for the sweep table)."""
    present = [a for a in (AWARE, SKIPPING, NONE) if a in rows]
    pairs = [p for p in PAIRS if p[0] in rows and p[1] in rows]
    lines = [f"#### {label}", ""]
    header = ["measure"] + [f"{a} (n={len(rows[a])}/{n_seeds})" for a in present] + [f"{a} − {b}" for a, b in pairs]
    table = []
    for key, head in NATIONAL:
        cells = [head] + [_fmt(rp.mean_ci(m[key] for m in rows[a].values())) for a in present]
        for a, b in pairs:
            cells.append(_diff(rp.paired_difference({s: m[key] for s, m in rows[a].items()},
                                                    {s: m[key] for s, m in rows[b].items()})))
        table.append(cells)
    lines += ["National measures: mean [95% CI] over seeds; differences paired over common seeds.", "",
              rp.markdown_table(header, table), ""]

    summary = {}
    if NONE in rows:
        r_rows = []
        for a in (AWARE, SKIPPING):
            if a not in rows:
                continue
            per_seed = returns(rows, a)
            pooled, flat = pooled_no_gain(rows, a)
            ros = rp.mean_ci(per_seed["ros"].values())
            gain = rp.paired_difference({s: m["va_cum"] for s, m in rows[a].items()},
                                        {s: m["va_cum"] for s, m in rows[NONE].items()})
            summary[f"ros_{a}"] = ros
            r_rows.append([a, _diff(gain), _fmt(ros), _fmt(rp.mean_ci(per_seed["no_gain_share"].values())),
                           f"{pooled:.3g}" + (f" ({', '.join(flat)})" if flat else " (none)")])
        if AWARE in rows and SKIPPING in rows:
            d = rp.paired_difference(returns(rows, AWARE)["ros"], returns(rows, SKIPPING)["ros"])
            r_rows.append([f"{AWARE} − {SKIPPING}", "", _diff(d), "", ""])
        lines += ["Outcome-based waste against the no-policy run of the same seed.", "",
                  rp.markdown_table(["arm", "value added gained over the run [mn tenge] (paired)",
                                     "return on spending [VA tenge per tenge]",
                                     "share of spending in regions with no gain (per seed)",
                                     "share of spending in regions whose gain CI is not above 0 (regions)"],
                                    r_rows), ""]
        lines += region_gains(rows)

    lines += stage_tables(rows, present, n_seeds)
    for a, b in pairs:
        d = rp.paired_difference({s: m[CLAIM_KEY] for s, m in rows[a].items()},
                                 {s: m[CLAIM_KEY] for s, m in rows[b].items()})
        summary[(a, b)] = d
    return lines, summary


def region_gains(rows: dict[str, dict[int, dict]]) -> list[str]:
    """Per region and policy arm: spending over the run and the value added accumulated over the
    run against the no-policy run of the same seed (paired), i.e. where the money paid off."""
    arms_ = [a for a in (AWARE, SKIPPING) if a in rows]
    regions = next(iter(rows[arms_[0]].values()))["regions"]
    table = []
    for r, region in enumerate(regions):
        cells = [region]
        for a in arms_:
            cells.append(_fmt(rp.mean_ci(m["spending_region"][r] for m in rows[a].values())))
            d = rp.paired_difference({s: m["va_cum_region"][r] for s, m in rows[a].items()},
                                     {s: m["va_cum_region"][r] for s, m in rows[NONE].items()})
            cells.append(f"{_diff(d)}, {claim.verdict(d.low, d.high).split(' (')[0]}")
        table.append(cells)
    head = ["region"] + [h for a in arms_ for h in (f"{a}: spending [mn tenge]",
                                                     f"{a}: VA gained over the run [mn tenge], gain > 0?")]
    return ["Per region: spending over the run and value added gained against no policy (paired).", "",
            rp.markdown_table(head, table), ""]


def stage_tables(rows: dict[str, dict[int, dict]], present: list[str], n_seeds: int) -> list[str]:
    any_run = next(iter(rows[present[0]].values()))
    regions, names = any_run["regions"], any_run["stage_names"]
    n_stages = len(names) if names else int(max(m["stage"].max() for a in present for m in rows[a].values())) + 1
    name = (lambda k: names[k]) if names else (lambda k: str(k))
    lines = ["Stage at the last tick, per region: mean [95% CI] over seeds ("
             + ", ".join(f"{k} {name(k)}" for k in range(n_stages)) + ").", ""]
    table = []
    for r, region in enumerate(regions):
        cells = [region]
        for a in present:
            cells.append(_fmt(rp.mean_ci(m["stage"][-1, r] for m in rows[a].values())))
        if AWARE in rows and SKIPPING in rows:
            cells.append(_diff(rp.paired_difference({s: m["stage"][-1, r] for s, m in rows[AWARE].items()},
                                                    {s: m["stage"][-1, r] for s, m in rows[SKIPPING].items()})))
        table.append(cells)
    head = ["region"] + present + ([f"{AWARE} − {SKIPPING}"] if AWARE in rows and SKIPPING in rows else [])
    lines += [rp.markdown_table(head, table), ""]

    lines += ["First tick at which each region's stage reaches k or more: share of seeds that reach it, "
              "and the mean [95% CI] tick over those seeds (tick 0 = the initial state); "
              "the difference is paired over the seeds in which both arms reach it.", ""]
    table = []
    for r, region in enumerate(regions):
        for k in range(1, n_stages):
            cells = [region, f"{k} {name(k)}"]
            arrival = {}
            for a in present:
                arrival[a] = {s: first_arrival(m["stage"], m["step"], k)[r] for s, m in rows[a].items()}
                reached = [v for v in arrival[a].values() if math.isfinite(v)]
                e = rp.mean_ci(reached)
                cells.append(f"{len(reached)}/{len(arrival[a])}" + (f", {_fmt(e)}" if reached else ""))
            if AWARE in rows and SKIPPING in rows:
                d = rp.paired_difference(arrival[AWARE], arrival[SKIPPING])
                cells.append(_diff(d) if d.n else "–")
            table.append(cells)
    lines += [rp.markdown_table(["region", "stage"] + present
                                + ([f"{AWARE} − {SKIPPING} [ticks]"] if AWARE in rows and SKIPPING in rows else []),
                                table), ""]
    return lines


def figure(res: rp.Replicates, tag: str, rows, path: pathlib.Path, title: str, start_year: float) -> None:
    """National value added per arm with 95% bands; the paired differences over time; each
    region's mean stage over time per arm."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    present = [a for a in (AWARE, SKIPPING, NONE) if a in rows]
    regions = next(iter(rows[present[0]].values()))["regions"]
    fig = plt.figure(figsize=(15, 8.5))
    grid = fig.add_gridspec(2, len(regions))
    half = len(regions) // 2
    ax_va = fig.add_subplot(grid[0, :half])
    ax_diff = fig.add_subplot(grid[0, half:])
    bands = {a: res.series(a + tag, "value_added") for a in present}
    rp.plot_bands(ax_va, bands, start_year, "national IT value added [mn tenge/yr]")
    ax_va.set_title("national value added per arm", fontsize="medium")
    diffs = {}
    for a, b in PAIRS:
        if a not in rows or b not in rows:
            continue
        common = sorted(set(rows[a]) & set(rows[b]))
        ta, ma = bands[a]
        tb, mb = bands[b]
        ia = [sorted(rows[a]).index(s) for s in common]
        ib = [sorted(rows[b]).index(s) for s in common]
        n = min(ma.shape[1], mb.shape[1])
        if common:
            diffs[f"{a} − {b}"] = (ta[:n], ma[ia, :n] - mb[ib, :n])
    if diffs:
        rp.plot_bands(ax_diff, diffs, start_year, "paired difference [mn tenge/yr]")
        ax_diff.axhline(0, color="k", lw=0.8)
    ax_diff.set_title("paired differences of national value added", fontsize="medium")
    names = next(iter(rows[present[0]].values()))["stage_names"]
    for r, region in enumerate(regions):
        ax = fig.add_subplot(grid[1, r])
        stage_bands = {a: res.series(a + tag, "stage", r) for a in present}
        rp.plot_bands(ax, stage_bands, start_year, "stage (mean over seeds)" if r == 0 else "")
        top = max(len(names) - 1, 1)
        ax.set_ylim(-0.2, top + 0.2)
        ax.set_yticks(range(top + 1))
        ax.set_title(region, fontsize="small")
        ax.legend().remove() if r else ax.legend(fontsize="x-small")
    fig.suptitle(title, fontsize="medium")
    rp.save_figure(fig, path)


def sweep_figure(labels: list[str], summaries: list[dict], path: pathlib.Path) -> None:
    """The claim's paired differences (last-year value added) at every point of the sweep."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    x = np.arange(len(labels))
    for i, pair in enumerate(PAIRS):
        ests = [s.get(pair) for s in summaries]
        if any(e is None for e in ests):
            continue
        est = [rp.Estimate(e.mean, e.low, e.high, math.nan, e.n) for e in ests]
        rp.plot_against(ax, x + 0.08 * (i - 1), est, label=f"{pair[0]} − {pair[1]}")
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels(labels, rotation=20, fontsize="small")
    ax.set_ylabel("paired difference, last-year value added [mn tenge/yr]")
    ax.legend(fontsize="small")
    ax.set_title("where the claim holds: 95% CI above 0", fontsize="medium")
    rp.save_figure(fig, path)



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rp.add_run_arguments(parser, "arm")
    rp.add_setting_arguments(parser, "the no-policy arm keeps zero budgets")
    parser.add_argument("--only", nargs="+", choices=[AWARE, SKIPPING, NONE], help="a subset of the arms")
    parser.add_argument("--start-year", type=float, default=0.0, help="calendar year of tick 0 in the figure")
    parser.add_argument("--work", default="out/stage_policy", help="folder for the run files (cached)")
    parser.add_argument("--jobs", type=int, help="runs at a time (default: CPU count)")
    parser.add_argument("--figure", type=pathlib.Path, help="write the figure (PNG) here")
    parser.add_argument("--fresh", action="store_true", help="rerun even complete run files")
    args = parser.parse_args(argv)
    try:
        grid = claim.settings_grid(args.settings, claim.parse_sweep(args.sweep))
    except ValueError as err:
        parser.error(str(err))
    tags = [f" [{label}]" if args.sweep else "" for label, _ in grid]
    point_arms = [arms(over, args.only, args.ticks, tag) for (_, over), tag in zip(grid, tags)]
    arm_list = [a for group in point_arms for a in group]
    res = rp.run_arms(arm_list, range(1, args.seeds + 1), args.bin, args.work, args.jobs, args.fresh,
                      log=lambda m: print(m, file=sys.stderr))
    if any(res.n(a.name) == 0 for a in arm_list):
        print("no complete run for some arm:\n" + "\n".join(map(str, res.failures)), file=sys.stderr)
        return 1
    print(f"Stage-aware against stage-skipping policy: {args.seeds} paired seeds per arm; "
          f"overrides for every arm: {', '.join(args.settings) or 'none'}"
          f"{'; sweep ' + args.sweep if args.sweep else ''}. Mean [95% CI] over seeds.\n")
    labels, summaries = [], []
    for (label, _), tag in zip(grid, tags):
        group = point_arms[tags.index(tag)]
        rows = {a.name[:len(a.name) - len(tag)] if tag else a.name: {s: measure_run(res.run(a.name, s)) for s in res.paths[a.name]}
                for a in group}
        lines, summary = report(label, rows, args.seeds)
        print("\n".join(lines))
        labels.append(label)
        summaries.append(summary)
        if args.figure:
            path = args.figure if not args.sweep else args.figure.with_name(
                f"{args.figure.stem}-{rp.slug(label)}{args.figure.suffix}")
            figure(res, tag, rows, path, f"stage_policy, {label}: mean and 95% CI over paired seeds",
                   args.start_year)
            print(f"Figure: {path}\n")
    claim_rows = []
    for label, summary in zip(labels, summaries):
        for pair in PAIRS:
            d = summary.get(pair)
            if d is not None:
                claim_rows.append([label, f"{pair[0]} − {pair[1]} > 0", _diff(d), claim.verdict(d.low, d.high)])
    print("#### The claim at each setting: last-year national value added, paired difference [95% CI]\n")
    print(rp.markdown_table(["setting", "claim", "difference [mn tenge/yr]", "reading"], claim_rows))
    print()
    if args.sweep and args.figure:
        path = args.figure.with_name(f"{args.figure.stem}-sweep{args.figure.suffix}")
        sweep_figure(labels, summaries, path)
        print(f"Figure: {path}")
    if res.failures:
        print(f"Failed runs (left out): {'; '.join(map(str, res.failures))}")
    return 1 if res.failures else 0
