"""The small-world experiment (Cowan & Jonard 2004): knowledge on a fixed
Watts-Strogatz network, against the rewiring probability p.

Runs ``scenarios/small_world.yaml`` (404 firms in one region on a Watts-Strogatz
ring; no tie formation, decay, entry, relocation or exit hazard, and wages held
fixed so that no firm runs out of capital) for every p in P_VALUES with seeds
1..N, paired across p
(clustersim.analysis.replicates), and prints a Markdown table and writes a figure:

- per run, from the agent snapshot at the last tick, over the IT firms (large
  firms and SMEs; the universities and the government are in the network but
  not counted): the mean of the firms' mean knowledge per field, its variance
  across firms, and the coefficient of variation (sd / mean);
- per run, from the network snapshot at tick 0 (scipy.sparse.csgraph): the
  average local clustering coefficient C (nodes of degree < 2 count 0) and the
  mean shortest path length L over connected pairs, as C(p)/C(0) and L(p)/L(0)
  in the figure (Watts & Strogatz 1998, Fig. 2);
- a check that the network is really fixed: `edges` is the same at every tick
  and `exits` and `births` are 0, in every run (a run that breaks it is named);
- per measure: the mean over seeds with a 95% t interval, the paired
  difference to p = 0 and Spearman's rho against p with a bootstrap interval.

    /usr/bin/python3 tools/analysis/small_world.py --bin build/bin/clustersim --seeds 10 \\
        --figure docs/figures/small_world.png

``--set KEY=VALUE`` (repeatable) changes every arm, e.g. ``--set model.absorption_rate=0.5`` or
``--set network.initial.degree=4``, to see where the result holds; ``--p 0 0.1`` picks the
rewiring values; run files are cached in ``--work`` (a complete file is not rerun).
"""

from __future__ import annotations

import argparse
import math
import pathlib
import sys

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from clustersim import runfile as cio
from clustersim.analysis import replicates as rp

SOURCE = pathlib.Path(__file__).resolve().parents[4]
SCENARIO = SOURCE / "scenarios" / "small_world.yaml"
P_VALUES = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
FIRMS = ("large_firm", "sme")
MEASURES = [  # key, table heading, figure label
    ("mean", "mean knowledge", "mean knowledge of firms\n[knowledge units]"),
    ("variance", "variance of knowledge", "variance across firms\n[knowledge units²]"),
    ("cv", "coefficient of variation", "coefficient of variation\n(sd / mean)"),
]


def network_structure(path: pathlib.Path, step: int = 0) -> dict[str, float]:
    """C, L, the share of connected pairs and the mean degree of the network
    snapshot at tick `step` (all agents of the snapshot are nodes)."""
    agents = cio.load_agents(path, step=step)
    links = cio.load_network(path, step=step)
    ids = agents["id"].to_numpy()
    index = {int(a): i for i, a in enumerate(ids)}
    n = len(ids)
    rows = np.array([index[int(s)] for s in links["source"]], dtype=np.int64) if len(links) else np.zeros(0, int)
    cols = np.array([index[int(t)] for t in links["target"]], dtype=np.int64) if len(links) else np.zeros(0, int)
    keep = rows != cols
    adj = sparse.coo_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=(n, n)).tocsr()
    adj = ((adj + adj.T) > 0).astype(np.float64).tocsr()
    degree = np.asarray(adj.sum(axis=1)).ravel()
    triangles = np.asarray((adj @ adj).multiply(adj).sum(axis=1)).ravel() / 2
    pairs = degree * (degree - 1) / 2
    local = np.divide(triangles, pairs, out=np.zeros(n), where=pairs > 0)
    dist = csgraph.shortest_path(adj, method="D", unweighted=True, directed=False)
    off = ~np.eye(n, dtype=bool)
    finite = np.isfinite(dist) & off
    return {
        "clustering": float(local.mean()),
        "path_length": float(dist[finite].mean()) if finite.any() else math.nan,
        "connected_pairs": float(finite.sum() / off.sum()) if n > 1 else math.nan,
        "degree": float(degree.mean()),
        "edges": float(adj.nnz / 2),
    }


def knowledge_at_end(path: pathlib.Path) -> dict[str, float]:
    """Mean, variance (ddof 0, over all firms) and CV of the firms' mean knowledge at the last snapshot."""
    steps = cio.snapshot_steps(path)
    agents = cio.load_agents(path, step=int(steps[-1]))
    k = agents.loc[agents["kind"].astype(str).isin(FIRMS), "knowledge_mean"].to_numpy(dtype=float)
    mean = float(k.mean())
    var = float(k.var())
    return {"mean": mean, "variance": var, "cv": math.sqrt(var) / mean if mean > 0 else math.nan,
            "firms": float(len(k)), "step": float(steps[-1])}


def fixed_network_problems(run: cio.Run) -> list[str]:
    """What in the run shows that the network did not stay fixed ([] if nothing)."""
    problems = []
    edges = run.series["edges"].national
    if edges is None:
        edges = run.series["edges"].value.sum(axis=1)
    if np.ptp(edges) != 0:
        problems.append(f"edges {edges.min():g}..{edges.max():g}")
    for name in ("exits", "births", "relocations_in"):
        if name in run.series and run.series[name].value.sum() != 0:
            problems.append(f"{name} {run.series[name].value.sum():g}")
    if "external_edges" in run.series and run.series["external_edges"].value.sum() != 0:
        problems.append("external edges")
    return problems


def scenario_ticks() -> int:
    """The run length the scenario file sets."""
    import yaml

    return int(yaml.safe_load(SCENARIO.read_text())["ticks"])


def arms(p_values, settings=(), ticks: int | None = None) -> list[rp.Arm]:
    """One arm per p; snapshots at tick 0 (the network) and at the last tick (knowledge)."""
    args = ("--ticks", str(ticks)) if ticks else ()
    snap = ("--snapshot-every", str(ticks or scenario_ticks()))
    return [rp.Arm(f"p={p:g}", SCENARIO, (f"network.initial.rewiring={p:g}", *settings), args + snap)
            for p in p_values]


def measure(res: rp.Replicates, arm: rp.Arm) -> dict[int, dict[str, float]]:
    """Every measure of every complete replicate of `arm`, by seed."""
    out = {}
    for seed, path in res.paths[arm.name].items():
        row = {**network_structure(path), **knowledge_at_end(path)}
        row["problems"] = fixed_network_problems(res.run(arm.name, seed))
        out[seed] = row
    return out


def report(p_values, rows: dict[float, dict[int, dict]], n_seeds: int) -> tuple[str, list[str]]:
    """The Markdown tables and the list of runs in which the network moved."""
    lines = []
    problems = [f"p={p:g} seed {s}: {', '.join(r['problems'])}"
                for p in p_values for s, r in rows[p].items() if r["problems"]]
    c0 = rp.mean_ci(r["clustering"] for r in rows[p_values[0]].values()).mean
    l0 = rp.mean_ci(r["path_length"] for r in rows[p_values[0]].values()).mean
    header = ["p", "runs", "C", "L", "C/C(0)", "L/L(0)"] + [m[1] for m in MEASURES]
    table = []
    for p in p_values:
        r = rows[p]
        c = rp.mean_ci(v["clustering"] for v in r.values())
        length = rp.mean_ci(v["path_length"] for v in r.values())
        cells = [f"{p:g}", f"{len(r)} of {n_seeds}", f"{c.mean:.3f}", f"{length.mean:.2f}",
                 f"{c.mean / c0:.3f}", f"{length.mean / l0:.3f}"]
        cells += [str(rp.mean_ci(v[key] for v in r.values())) for key, _, _ in MEASURES]
        table.append(cells)
    lines.append(rp.markdown_table(header, table))
    lines.append("")
    lines.append(f"Paired difference to p = {p_values[0]:g} over the common seeds (mean [95% CI], "
                 "effect size d_z):")
    lines.append("")
    base = rows[p_values[0]]
    diff_rows = []
    for p in p_values[1:]:
        cells = [f"{p:g}"]
        for key, _, _ in MEASURES:
            d = rp.paired_difference({s: v[key] for s, v in rows[p].items()},
                                     {s: v[key] for s, v in base.items()})
            cells.append(f"{d.mean:.3g} [{d.low:.3g}, {d.high:.3g}], d={d.effect_size:.2g}, n={d.n}")
        diff_rows.append(cells)
    lines.append(rp.markdown_table(["p"] + [m[1] for m in MEASURES], diff_rows))
    lines.append("")
    corr = []
    for key, name, _ in MEASURES:
        x = [p for p in p_values for _ in rows[p]]
        y = [v[key] for p in p_values for v in rows[p].values()]
        c = rp.spearman_ci(x, y)
        corr.append([name, f"{c.rho:.2f} [{c.low:.2f}, {c.high:.2f}]", f"{c.p_value:.2g}", c.n])
    lines.append(rp.markdown_table(["measure", "Spearman rho against p [95% bootstrap CI]", "p-value", "runs"],
                                   corr))
    return "\n".join(lines), problems


def figure(p_values, rows, res: rp.Replicates, arm_list, path: pathlib.Path, title: str = "") -> None:
    """Six panels: the network's C and L against p; the paired difference to the
    first p of mean, variance and CV at the end; mean knowledge and CV over time
    for three values of p (the first, one in the middle and the last)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5))
    ax = axes[0][0]
    c0 = rp.mean_ci(r["clustering"] for r in rows[p_values[0]].values()).mean
    l0 = rp.mean_ci(r["path_length"] for r in rows[p_values[0]].values()).mean
    rp.plot_against(ax, p_values, [rp.mean_ci(v["clustering"] / c0 for v in rows[p].values()) for p in p_values],
                    label="clustering C(p)/C(0)", logx=True)
    rp.plot_against(ax, p_values, [rp.mean_ci(v["path_length"] / l0 for v in rows[p].values()) for p in p_values],
                    label="path length L(p)/L(0)", logx=True)
    ax.set_title("network at tick 0", fontsize="medium")
    ax.legend(fontsize="small")
    base = rows[p_values[0]]
    for ax, (key, name, label) in zip([axes[0][1], axes[0][2], axes[1][0]], MEASURES):
        diffs = [rp.mean_ci(v[key] - base[s][key] for s, v in rows[p].items() if s in base) for p in p_values]
        rp.plot_against(ax, p_values, diffs, logx=True)
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set_title(f"{name} at the end,\npaired difference to p = {p_values[0]:g}", fontsize="medium")
        ax.set_ylabel(label.replace("\n", " "), fontsize="small")
    for ax in [axes[0][0], axes[0][1], axes[0][2], axes[1][0]]:
        ax.set_xlabel("rewiring probability p")
        for t in ax.get_xticklabels():
            t.set_rotation(60)
            t.set_fontsize("small")
    chosen = sorted({0, len(p_values) // 2, len(p_values) - 1})
    mean_bands, cv_bands = {}, {}
    for i in chosen:
        arm = arm_list[i]
        time, mean = res.series(arm.name, "mean_knowledge")
        _, sd = res.series(arm.name, "knowledge_dispersion")
        mean_bands[f"p = {p_values[i]:g}"] = (time, mean)
        cv_bands[f"p = {p_values[i]:g}"] = (time, np.divide(sd, mean, out=np.zeros_like(sd), where=mean > 0))
    rp.plot_bands(axes[1][1], mean_bands, ylabel="mean knowledge of firms [knowledge units]")
    rp.plot_bands(axes[1][2], cv_bands, ylabel="coefficient of variation across firms")
    axes[1][1].set_title("over time (series mean_knowledge)", fontsize="medium")
    axes[1][2].set_title("over time (knowledge_dispersion / mean_knowledge)", fontsize="medium")
    n = min(len(rows[p]) for p in p_values)
    fig.suptitle(title or f"small_world: firms' knowledge against rewiring p (mean and 95% CI over "
                          f"{n} paired seeds per p)", fontsize="medium")
    rp.save_figure(fig, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rp.add_run_arguments(parser, "p")
    parser.add_argument("--p", type=float, nargs="+", default=P_VALUES, help="rewiring values")
    parser.add_argument("--ticks", type=int, help="run length (default: the scenario's)")
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help="an override for every run (repeatable)")
    parser.add_argument("--work", default="out/small_world", help="folder for the run files (cached)")
    parser.add_argument("--jobs", type=int, help="runs at a time (default: CPU count)")
    parser.add_argument("--figure", type=pathlib.Path, help="write the figure (PNG) here")
    parser.add_argument("--fresh", action="store_true", help="rerun even complete run files")
    args = parser.parse_args(argv)
    p_values = sorted(args.p)
    arm_list = arms(p_values, tuple(args.settings), args.ticks)
    res = rp.run_arms(arm_list, range(1, args.seeds + 1), args.bin, args.work, args.jobs, args.fresh,
                      log=lambda m: print(m, file=sys.stderr))
    if any(res.n(a.name) == 0 for a in arm_list):
        print("no complete run for some p:\n" + "\n".join(map(str, res.failures)), file=sys.stderr)
        return 1
    rows = {p: measure(res, a) for p, a in zip(p_values, arm_list)}
    text, problems = report(p_values, rows, args.seeds)
    first = next(iter(rows[p_values[0]].values()))
    setting = ", ".join(args.settings) if args.settings else "the scenario's settings"
    print(f"{args.seeds} seeds per p, {len(p_values)} values of p; {setting}; "
          f"{first['firms']:.0f} firms, mean degree {first['degree']:.1f}, knowledge at tick "
          f"{first['step']:.0f}. Mean [95% CI] over seeds.\n")
    print(text)
    print()
    if res.failures:
        print(f"Failed runs (left out): {'; '.join(map(str, res.failures))}")
    if problems:
        print("The network did NOT stay fixed in: " + "; ".join(problems))
    else:
        print(f"Network fixed in all {sum(len(r) for r in rows.values())} runs: edges constant, "
              "no exits, births or relocations.")
    if args.figure:
        figure(p_values, rows, res, arm_list, args.figure)
        print(f"\nFigure: {args.figure}")
    return 1 if problems or res.failures else 0
