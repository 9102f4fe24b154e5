"""The spillover-decay experiment: how much knowledge reaches a cluster from a
knowledge-rich centre, against its distance, and what sets the decay.

Runs ``scenarios/spillover_experiment.yaml`` (Almaty city, with 8 universities
and 126 firms, the source; eight identical small clusters of 20 SMEs and a
university at real regional centres 230-2,100 km away) with seeds 1..N in
several arms, paired over the seeds (clustersim.analysis.replicates):

- ``cost=C`` for every C in ``--costs``: ``model.tie_distance_cost_km=C`` (the
  distance at which a tie costs twice a local one; 0: distance costs nothing);
- ``share=S`` for every S in ``--shares``: ``model.cross_region_search_share=S``
  at the scenario's distance cost;
- ``no search``: ``model.cross_region_search_share=0``, the counterfactual in
  which no search looks outside the own region (no inter-regional tie forms;
  knowledge crosses regions only with migrating workers).

Measures, per run and region (distances from /regions/distance_km of the run file):

- **spillover per agent**: the series ``spillover_received`` (knowledge absorbed
  over ties to agents of other regions) summed over the run, over the region's
  mean number of agents in the agent snapshots;
- **ties to the source per agent**: links between the region and Almaty city in
  the network snapshots (every ``SNAPSHOT_EVERY`` ticks), over the region's
  agents at that snapshot, averaged over the snapshots;
- **knowledge gain**: the region's ``mean_knowledge`` at the last tick minus
  the same in the ``no search`` arm with the same seed (paired).

The decay: a pooled least-squares fit of log(spillover per agent) = a - b *
distance over the receivers of all seeds (region-runs with no spillover at all
are left out and counted), half distance h = ln 2 / b; the 95% interval
resamples whole seeds (a seed-clustered bootstrap, ``--boot`` draws). When the
interval of b reaches 0 or below the data show no decay and h has no finite
upper bound ("inf"); when b < 0 spillovers grow with distance ("none").
The source region's own spillover per agent (from the receivers) is compared
with the receivers' mean, paired by seed.

    /usr/bin/python3 tools/analysis/spillover_decay.py --bin build/bin/clustersim --seeds 10 \\
        --jobs 2 --figure docs/figures/spillover_decay.png

``--set KEY=VALUE`` (repeatable) changes every arm; ``--costs`` / ``--shares``
pick the sweeps; ``--ticks`` shortens the runs; run files are cached in ``--work``.
"""

from __future__ import annotations

import argparse
import math
import pathlib
import sys

import numpy as np

from clustersim import runfile as cio
from clustersim.analysis import replicates as rp

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[4]
SCENARIO = SOURCE_DIR / "scenarios" / "spillover_experiment.yaml"
SOURCE_REGION = "Almaty city"
COSTS = [0.0, 300.0, 1000.0, 3000.0]
SHARES = [0.03, 0.3]
SNAPSHOT_EVERY = 4
KELLER_KM = 1200.0  # Keller (2002), American Economic Review 92:120, half distance of R&D spillovers
LN2 = math.log(2.0)


def arms(costs, shares, settings=(), ticks: int | None = None) -> tuple[list[rp.Arm], rp.Arm]:
    """The distance-cost arms, the search-share arms and the no-search counterfactual."""
    args = (("--ticks", str(ticks)) if ticks else ()) + ("--snapshot-every", str(SNAPSHOT_EVERY))
    out = [rp.Arm(f"cost={c:g}", SCENARIO, (f"model.tie_distance_cost_km={c:g}", *settings), args)
           for c in costs]
    out += [rp.Arm(f"share={s:g}", SCENARIO, (f"model.cross_region_search_share={s:g}", *settings), args)
            for s in shares]
    base = rp.Arm("no search", SCENARIO, ("model.cross_region_search_share=0", *settings), args)
    return out, base


def measure_run(run: cio.Run, path: pathlib.Path) -> dict[str, dict[str, float]]:
    """Per region: distance to the source, agents, spillover per agent, ties to the source per
    agent, mean knowledge at the end."""
    regions = list(run.regions)
    src = regions.index(SOURCE_REGION)
    if run.distance_km is None:
        raise RuntimeError(f"{path}: no /regions/distance_km")
    agents = cio.load_agents(path)
    links = cio.load_network(path)
    region_of = {}
    counts = {}  # step -> [agents per region]
    for step, frame in agents.groupby("step"):
        reg = frame["region"].to_numpy()
        if reg.dtype.kind not in "iu":
            reg = np.array([regions.index(str(r)) for r in reg])
        counts[int(step)] = np.bincount(reg, minlength=len(regions)).astype(float)
        region_of[int(step)] = dict(zip(frame["id"].to_numpy().tolist(), reg.tolist()))
    mean_agents = np.mean(list(counts.values()), axis=0)
    ties = np.zeros(len(regions))
    steps = sorted(counts)
    for step in steps:
        rows = links[links["step"] == step] if len(links) else links
        n_to_source = np.zeros(len(regions))
        where = region_of[step]
        for s, t in zip(rows["source"].to_numpy().tolist() if len(rows) else [],
                        rows["target"].to_numpy().tolist() if len(rows) else []):
            a, b = where.get(s), where.get(t)
            if a is None or b is None or a == b:
                continue
            if a == src:
                n_to_source[b] += 1
            if b == src:
                n_to_source[a] += 1
        ties += np.divide(n_to_source, counts[step], out=np.zeros(len(regions)), where=counts[step] > 0)
    ties /= max(1, len(steps))
    spill = run.series["spillover_received"].value.sum(axis=0)
    knowledge = run.series["mean_knowledge"].value[-1]
    out = {}
    for r, name in enumerate(regions):
        out[name] = {
            "distance": float(run.distance_km[src][r]),
            "agents": float(mean_agents[r]),
            "spill": float(spill[r] / mean_agents[r]) if mean_agents[r] > 0 else math.nan,
            "ties": float(ties[r]),
            "knowledge": float(knowledge[r]),
        }
    return out


def measure(res: rp.Replicates, arm: rp.Arm) -> dict[int, dict[str, dict[str, float]]]:
    """measure_run for every complete replicate of `arm`, by seed."""
    return {seed: measure_run(res.run(arm.name, seed), path) for seed, path in res.paths[arm.name].items()}


def _slope(points: list[tuple[float, float]]) -> tuple[float, float]:
    x = np.array([p[0] for p in points])
    y = np.log(np.array([p[1] for p in points]))
    if len(x) < 2 or np.ptp(x) == 0:
        return math.nan, math.nan
    b, a = np.polyfit(x, y, 1)
    return float(a), float(b)


def half_distance(h_of_slope: float) -> float:
    """h = ln 2 / b for a decay rate b > 0 (per km); inf for b <= 0."""
    return LN2 / h_of_slope if h_of_slope > 0 else math.inf


def fit_decay(rows: dict[int, dict[str, dict[str, float]]], n_boot: int = 2000, seed: int = 12345) -> dict:
    """Pooled fit of log(spill) on distance over the receivers of all seeds, with a bootstrap over seeds.

    Returns intercept a, decay rate b (per km; spill ~ exp(-b·distance)), its 95% interval, the half
    distance h with its interval, and how many region-runs had no spillover (left out of the fit)."""
    seeds = sorted(rows)
    per_seed = {s: [(v["distance"], v["spill"]) for name, v in rows[s].items() if name != SOURCE_REGION]
                for s in seeds}
    zero = sum(1 for s in seeds for _, y in per_seed[s] if not (y > 0))
    total = sum(len(per_seed[s]) for s in seeds)
    pos = {s: [(x, y) for x, y in per_seed[s] if y > 0] for s in seeds}
    a, slope = _slope([p for s in seeds for p in pos[s]])
    b = -slope
    rng = np.random.default_rng(seed)
    boot = []
    for _ in range(n_boot):
        pick = rng.choice(seeds, size=len(seeds), replace=True)
        _, sl = _slope([p for s in pick for p in pos[s]])
        if math.isfinite(sl):
            boot.append(-sl)
    lo, hi = (np.percentile(boot, [2.5, 97.5]) if len(boot) > 10 else (math.nan, math.nan))
    return {
        "a": a, "b": b, "b_low": float(lo), "b_high": float(hi),
        "h": half_distance(b),
        # h falls as b rises: the low end of h comes from the high end of b
        "h_low": half_distance(float(hi)) if math.isfinite(hi) else math.nan,
        "h_high": half_distance(float(lo)) if math.isfinite(lo) else math.nan,
        "zero": zero, "points": total, "seeds": len(seeds),
    }


def _km(h: float) -> str:
    if math.isnan(h):
        return "nan"
    return "inf" if math.isinf(h) else f"{h:,.0f}"


def describe_fit(f: dict) -> str:
    """h [low, high] km, with the words for 'no decay'."""
    if not math.isfinite(f["b"]):
        return "no fit"
    if f["b"] <= 0:
        return f"none (spillover does not fall with distance; b = {f['b'] * 1000:.3g}/1000 km)"
    return f"{_km(f['h'])} [{_km(f['h_low'])}, {_km(f['h_high'])}]"


def receivers(rows_by_seed: dict[int, dict[str, dict[str, float]]]) -> list[str]:
    first = next(iter(rows_by_seed.values()))
    return sorted((n for n in first if n != SOURCE_REGION), key=lambda n: first[n]["distance"])


def geo_ci(values) -> rp.Estimate:
    """Geometric mean with a 95% interval (t interval of the logs, exponentiated); zeros left out."""
    logs = [math.log(v) for v in values if v > 0]
    e = rp.mean_ci(logs)
    return rp.Estimate(math.exp(e.mean) if e.n else math.nan,
                       math.exp(e.low) if math.isfinite(e.low) else math.nan,
                       math.exp(e.high) if math.isfinite(e.high) else math.nan, e.sd, e.n, e.level)


def report(arm_list, rows, base_rows, fits, n_seeds: int) -> str:
    lines = []
    names = receivers(next(iter(rows.values())))
    first = next(iter(next(iter(rows.values())).values()))  # one run's regions
    lines.append("Half distance of spillovers per arm (pooled fit of log spillover per agent on distance over "
                 "the receivers; 95% seed-clustered bootstrap). Keller (2002): about 1,200 km.")
    lines.append("")
    table = []
    for a in arm_list:
        f = fits[a.name]
        table.append([a.name, f"{f['seeds']} of {n_seeds}", f"{f['b'] * 1000:.3g} [{f['b_low'] * 1000:.3g}, "
                      f"{f['b_high'] * 1000:.3g}]", describe_fit(f), f"{f['zero']} of {f['points']}"])
    lines.append(rp.markdown_table(["arm", "runs", "decay rate b [1/1000 km, 95% CI]", "half distance h [km, 95% CI]",
                                    "region-runs without spillover"], table))
    lines.append("")
    dist = {n: v["distance"] for n, v in first.items()}
    for a in arm_list:
        r = rows[a.name]
        lines.append(f"**{a.name}** ({', '.join(a.settings)}): per receiving region, mean [95% CI] over seeds; "
                     "spillover per agent as geometric mean; gain = mean knowledge at the end minus the paired "
                     "no-search run.")
        lines.append("")
        table = []
        for n in names:
            spill = geo_ci(v[n]["spill"] for v in r.values())
            ties = rp.mean_ci(v[n]["ties"] for v in r.values())
            gain = rp.paired_difference({s: v[n]["knowledge"] for s, v in r.items()},
                                        {s: v[n]["knowledge"] for s, v in base_rows.items()})
            extra = rp.paired_difference({s: v[n]["spill"] for s, v in r.items()},
                                         {s: v[n]["spill"] for s, v in base_rows.items()})
            table.append([n, f"{dist[n]:,.0f}", f"{spill}", f"{extra.mean:.3g} [{extra.low:.3g}, {extra.high:.3g}]",
                          f"{ties}", f"{gain.mean:.3g} [{gain.low:.3g}, {gain.high:.3g}]"])
        src_spill = rp.mean_ci(v[SOURCE_REGION]["spill"] for v in r.values())
        src_ties = rp.mean_ci(v[SOURCE_REGION]["ties"] for v in r.values())
        src_gain = rp.paired_difference({s: v[SOURCE_REGION]["knowledge"] for s, v in r.items()},
                                        {s: v[SOURCE_REGION]["knowledge"] for s, v in base_rows.items()})
        src_extra = rp.paired_difference({s: v[SOURCE_REGION]["spill"] for s, v in r.items()},
                                         {s: v[SOURCE_REGION]["spill"] for s, v in base_rows.items()})
        table.append([f"{SOURCE_REGION} (source)", "0", f"{src_spill} (arithmetic)",
                      f"{src_extra.mean:.3g} [{src_extra.low:.3g}, {src_extra.high:.3g}]", f"{src_ties}",
                      f"{src_gain.mean:.3g} [{src_gain.low:.3g}, {src_gain.high:.3g}]"])
        lines.append(rp.markdown_table(["region", "km from source", "spillover per agent [knowledge units]",
                                        "spillover minus no search", "ties to source per agent", "knowledge gain vs no search"], table))
        lines.append("")
        recv = {s: float(np.mean([v[n]["spill"] for n in names])) for s, v in r.items()}
        d = rp.paired_difference({s: v[SOURCE_REGION]["spill"] for s, v in r.items()}, recv)
        lines.append(f"Source minus receivers' mean spillover per agent (paired over seeds): "
                     f"{d.mean:.3g} [{d.low:.3g}, {d.high:.3g}], n={d.n}; receivers' mean "
                     f"{rp.mean_ci(recv.values())}.")
        lines.append("")
    base_spill = rp.mean_ci(np.mean([v[n]["spill"] for n in names]) for v in base_rows.values())
    base_src = rp.mean_ci(v[SOURCE_REGION]["spill"] for v in base_rows.values())
    base_ties = rp.mean_ci(np.mean([v[n]["ties"] for n in names]) for v in base_rows.values())
    lines.append(f"No-search counterfactual (no search outside the own region): spillover per agent, receivers' "
                 f"mean {base_spill}, source {base_src}; receivers' ties to the source per agent {base_ties}. "
                 "Inter-regional ties there come from firms that relocate and keep their ties (and triadic "
                 "closure through such ties); set model.relocation_rate=0 to remove them.")
    return "\n".join(lines)


def figure(arm_list, rows, base_rows, fits, path: pathlib.Path) -> None:
    """Four panels against distance: spillover per agent (log y, geometric mean and 95% CI over seeds,
    with the fitted lines) for the distance-cost arms and for the search-share arms; ties to the source
    per agent; knowledge gain against the paired no-search run."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(13, 9.5))
    names = receivers(next(iter(rows.values())))
    dist = [next(iter(rows[arm_list[0].name].values()))[n]["distance"] for n in names]
    xs = np.linspace(0, max(dist) * 1.05, 50)
    cost_arms = [a for a in arm_list if a.name.startswith("cost=")]
    other_arms = [a for a in arm_list if not a.name.startswith("cost=")]
    for k, a in enumerate(arm_list):
        r = rows[a.name]
        color = f"C{k}"
        offset = (k - (len(arm_list) - 1) / 2) * 12  # km, so that error bars do not cover each other
        x = np.array(dist) + offset
        ax = axes[0][0] if a in cost_arms else axes[0][1]
        est = [geo_ci(v[n]["spill"] for v in r.values()) for n in names]
        m = np.array([e.mean for e in est])
        lo = np.array([e.low for e in est])
        hi = np.array([e.high for e in est])
        f = fits[a.name]
        label = f"{a.name}: h = {describe_fit(f).split(' (')[0]}" + (" km" if f["b"] > 0 else "")
        ax.errorbar(x, m, yerr=[np.nan_to_num(m - lo), np.nan_to_num(hi - m)], fmt="o", color=color,
                    capsize=3, markersize=4, label=label)
        if math.isfinite(f["a"]) and math.isfinite(f["b"]):
            ax.plot(xs, np.exp(f["a"] - f["b"] * xs), color=color, linewidth=1)
        ties = [rp.mean_ci(v[n]["ties"] for v in r.values()) for n in names]
        rp.plot_against(axes[1][0], list(x), ties, label=a.name)
        gains = [rp.paired_difference({s: v[n]["knowledge"] for s, v in r.items()},
                                      {s: v[n]["knowledge"] for s, v in base_rows.items()}) for n in names]
        axes[1][1].errorbar(x, [g.mean for g in gains], yerr=[[g.mean - g.low for g in gains],
                                                               [g.high - g.mean for g in gains]],
                            fmt="o-", color=color, capsize=3, markersize=4, label=a.name)
    base = [geo_ci(v[n]["spill"] for v in base_rows.values()) for n in names]
    for ax in (axes[0][0], axes[0][1]):
        ax.plot(dist, [e.mean for e in base], "x--", color="grey", label="no search (counterfactual)")
        ax.set_yscale("log")
        ax.set_ylabel("spillover received per agent over the run\n[knowledge units]")
        ax.legend(fontsize="x-small")
    axes[0][0].set_title("by tie_distance_cost_km: spillover per agent (geometric mean,\n95% CI) and the "
                         "fitted exp(a − ln2·d/h)", fontsize="medium")
    axes[0][1].set_title("by cross_region_search_share (distance cost of the scenario)", fontsize="medium")
    axes[1][0].set_ylabel("ties to Almaty city per agent")
    axes[1][0].set_title("ties to the source (mean over snapshots)", fontsize="medium")
    axes[1][0].legend(fontsize="x-small")
    axes[1][1].axhline(0, color="grey", linewidth=0.8)
    axes[1][1].set_ylabel("mean knowledge at the end minus no search\n[knowledge units]")
    axes[1][1].set_title("knowledge gain against the paired no-search run", fontsize="medium")
    for row in axes:
        for ax in row:
            ax.set_xlabel("distance from Almaty city [km]")
    n = min(f["seeds"] for f in fits.values())
    fig.suptitle(f"spillover_experiment: spillovers against distance ({n} paired seeds per arm)",
                 fontsize="medium")
    rp.save_figure(fig, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rp.add_run_arguments(parser, "arm")
    parser.add_argument("--costs", type=float, nargs="*", default=COSTS,
                        help="values of model.tie_distance_cost_km (km), one arm each")
    parser.add_argument("--shares", type=float, nargs="*", default=SHARES,
                        help="values of model.cross_region_search_share, one arm each")
    parser.add_argument("--ticks", type=int, help="run length (default: the scenario's)")
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help="an override for every run (repeatable)")
    parser.add_argument("--work", default="out/spillover_decay", help="folder for the run files (cached)")
    parser.add_argument("--jobs", type=int, help="runs at a time (default: CPU count)")
    parser.add_argument("--boot", type=int, default=2000, help="bootstrap draws for the half distance")
    parser.add_argument("--figure", type=pathlib.Path, help="write the figure (PNG) here")
    parser.add_argument("--fresh", action="store_true", help="rerun even complete run files")
    args = parser.parse_args(argv)
    arm_list, base = arms(args.costs, args.shares, tuple(args.settings), args.ticks)
    if not arm_list:
        parser.error("no arms: give --costs or --shares")
    res = rp.run_arms(arm_list + [base], range(1, args.seeds + 1), args.bin, args.work, args.jobs, args.fresh,
                      log=lambda m: print(m, file=sys.stderr))
    if any(res.n(a.name) == 0 for a in arm_list + [base]):
        print("no complete run for some arm:\n" + "\n".join(map(str, res.failures)), file=sys.stderr)
        return 1
    rows = {a.name: measure(res, a) for a in arm_list}
    base_rows = measure(res, base)
    fits = {a.name: fit_decay(rows[a.name], args.boot) for a in arm_list}
    setting = ", ".join(args.settings) if args.settings else "the scenario's settings"
    print(f"{args.seeds} seeds per arm; {setting}; source {SOURCE_REGION}.\n")
    print(report(arm_list, rows, base_rows, fits, args.seeds))
    if res.failures:
        print(f"\nFailed runs (left out): {'; '.join(map(str, res.failures))}")
    if args.figure:
        figure(arm_list, rows, base_rows, fits, args.figure)
        print(f"\nFigure: {args.figure}")
    return 1 if res.failures else 0
