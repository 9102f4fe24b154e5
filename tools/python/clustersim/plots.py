"""Plot a clustersim run file and print its per-region summary (``clustersim.plots``;
the command is ``tools/plot``, a launcher of ``main``).

    tools/plot RUN.h5 [-o DIR]        in DIR (default: RUN's name + "-plots"):
                                      indicators.png  every series, one small plot
                                                      each, one line per region
                                      series/NAME.png one PNG per series
                                      and, when the file holds their data:
                                      stages.png      stage timeline of every region
                                      policy.png      spending and waste by instrument
                                      network.png     the network at its last snapshot
                                      innovation_density.png  innovation against
                                                      network density, per region/tick
    tools/plot RUN.h5 -o DIR --no-series   the same without series/
    tools/plot RUN.h5 -o FIG.png      only the small-multiples figure, to FIG.png
    tools/plot RUN.h5 --summary       also print each region's final values
    tools/plot RUN.h5 --summary --no-plot

Reads finished files and the `.partial` files of interrupted runs alike.
Runs with Debian's /usr/bin/python3 (h5py, pandas, matplotlib; tools/setup).
From Python (``PYTHONPATH=tools/python``)::

    import clustersim, clustersim.plots
    run = clustersim.load_run("out/demo.h5")
    clustersim.plots.plot_all(run, pathlib.Path("plots"), dpi=110)
"""

from __future__ import annotations

import argparse
import math
import warnings
import pathlib
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from clustersim import runfile as cio  # noqa: E402

MAX_LEGEND_REGIONS = 24


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="tools/plot",
        description="Plot every indicator of a clustersim run file over time, one line per region.",
    )
    parser.add_argument("run", type=pathlib.Path, help="run file written by `clustersim run` (.h5 or .h5.partial)")
    parser.add_argument(
        "-o",
        "--output",
        type=pathlib.Path,
        help="directory for the figures, or a .png file for the small-multiples figure alone "
        "(default: <run>-plots/ next to the run file)",
    )
    parser.add_argument("--summary", action="store_true", help="print each region's final values")
    parser.add_argument("--no-plot", action="store_true", help="write no figure (with --summary)")
    parser.add_argument("--no-series", action="store_true", help="skip the one-PNG-per-series figures (faster)")
    parser.add_argument("--dpi", type=int, default=110, help="resolution of the PNGs (default: 110)")
    return parser.parse_args(argv)


def title_of(run: cio.Run) -> str:
    """A figure title naming the scenario, the seed and (when not complete) the status."""
    title = run.scenario_name
    if "seed" in run.parameters:
        title += f" (seed {run.parameters['seed']})"
    if run.status and run.status != "complete":
        title += f" [{run.status}]"
    return title


def draw_series(ax: plt.Axes, series: cio.Series, colors: list) -> None:
    """One line per region of `series` on `ax`."""
    for i, region in enumerate(series.regions):
        ax.plot(series.time, series.value[:, i], color=colors[i % len(colors)], linewidth=1.2, label=region)
    ax.set_title(series.label, fontsize=9)
    ax.set_xlabel("time [years]", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(True, alpha=0.3)


def region_colors(n: int) -> list:
    """Distinct colours for n regions (tab10 up to 10, tab20 up to 20, then a continuous map)."""
    if n <= 10:
        return list(plt.get_cmap("tab10").colors)
    if n <= 20:
        return list(plt.get_cmap("tab20").colors)
    cmap = plt.get_cmap("viridis")
    return [cmap(i / max(n - 1, 1)) for i in range(n)]


def plot_grid(run: cio.Run, path: pathlib.Path, dpi: int) -> None:
    """Writes every series as a grid of small multiples into one PNG."""
    series = list(run.series.values())
    n = max(len(series), 1)
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols + 1.5, 2.8 * rows + 0.8), squeeze=False)
    regions = max((len(s.regions) for s in series), default=0)
    colors = region_colors(regions)
    for ax, s in zip(axes.flat, series):
        draw_series(ax, s, colors)
    for ax in list(axes.flat)[len(series):]:
        ax.set_visible(False)
    if not series:
        axes.flat[0].set_visible(True)
        axes.flat[0].text(0.5, 0.5, "no series recorded", ha="center", va="center")
        axes.flat[0].set_axis_off()
    fig.suptitle(title_of(run), fontsize=11)
    if series and regions <= MAX_LEGEND_REGIONS:
        handles, labels = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="center right", fontsize=8, title="region", title_fontsize=8)
    # Fixed margins: tight_layout measures every tick label of every panel,
    # which takes seconds once a model records dozens of series.
    height = 2.8 * rows + 0.8
    fig.subplots_adjust(
        left=0.6 / (3.6 * cols + 1.5),
        right=1 - (1.9 if series and regions <= MAX_LEGEND_REGIONS else 0.2) / (3.6 * cols + 1.5),
        bottom=0.5 / height,
        top=1 - 0.8 / height,
        hspace=0.55,
        wspace=0.3,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    plt.close(fig)


def file_name(series_name: str) -> str:
    """A safe PNG file name for a series."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", series_name).strip("._") or "series"
    return name + "_series" if name == "indicators" else name  # indicators.png is the grid


def plot_each(run: cio.Run, directory: pathlib.Path, dpi: int) -> list[pathlib.Path]:
    """Writes one PNG per series into `directory`; returns their paths."""
    written = []
    directory.mkdir(parents=True, exist_ok=True)
    for s in run.series.values():
        fig, ax = plt.subplots(figsize=(7, 4.2))
        draw_series(ax, s, region_colors(len(s.regions)))
        ax.set_ylabel(s.label, fontsize=8)
        fig.suptitle(title_of(run) + (f"\n{s.description}" if s.description else ""), fontsize=10)
        legend = len(s.regions) <= MAX_LEGEND_REGIONS
        if legend:
            ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), title="region", title_fontsize=7)
        # Fixed margins (room for the legend on the right): tight_layout per
        # figure is most of the time when there are dozens of series.
        fig.subplots_adjust(left=0.12, right=0.74 if legend else 0.96, bottom=0.12, top=0.84)
        path = directory / f"{file_name(s.name)}.png"
        fig.savefig(path, dpi=dpi)
        plt.close(fig)
        written.append(path)
    return written


def save(fig, path: pathlib.Path, dpi: int) -> pathlib.Path:
    """Writes and closes a figure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return path


def stage_label(run: cio.Run, stage: int) -> str:
    """"2 ecosystem formation": a stage number with its name from /parameters/stage_names
    (the number alone where the file names no such stage)."""
    if 0 <= stage < len(run.stage_names):
        return f"{stage} {run.stage_names[stage].replace('_', ' ')}"
    return str(stage)


def plot_stages(run: cio.Run, path: pathlib.Path, dpi: int) -> pathlib.Path | None:
    """The stage of every region over time, as coloured bands (needs a `stage` series)."""
    s = run.series.get("stage")
    if s is None or s.value.shape[0] == 0:
        return None
    values = s.value.T  # [region][time]
    finite = values[np.isfinite(values)]
    lo, hi = (int(np.floor(finite.min())), int(np.ceil(finite.max()))) if finite.size else (1, 4)
    lo, hi = min(lo, 1), max(hi, 4)
    levels = list(range(lo, hi + 1))
    if len(levels) > 12:  # not a stage number: shade it, without a label per level
        levels = [lo, hi]
    cmap = plt.get_cmap("viridis", hi - lo + 1 if hi - lo < 12 else 256)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(s.regions) + 1.8))
    t = s.time
    edges = np.append(t, t[-1] + (t[-1] - t[-2] if len(t) > 1 else 1.0))
    mesh = ax.pcolormesh(edges, np.arange(len(s.regions) + 1), values, cmap=cmap, vmin=lo - 0.5, vmax=hi + 0.5)
    ax.set_yticks(np.arange(len(s.regions)) + 0.5, labels=s.regions, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("time [years]")
    bar = fig.colorbar(mesh, ax=ax, ticks=levels)
    bar.ax.set_yticklabels([stage_label(run, v) for v in levels], fontsize=7)
    ax.set_title(f"{title_of(run)}: cluster stage by region", fontsize=10)
    fig.tight_layout()
    return save(fig, path, dpi)


def _instrument_series(run: cio.Run, prefix: str) -> dict[str, cio.Series]:
    return {name[len(prefix):]: s for name, s in run.series.items() if name.startswith(prefix) and len(name) > len(prefix)}


def _total(s: cio.Series) -> np.ndarray:
    """The national total of a series over time (its `national` if summed, else the sum over regions)."""
    if s.national is not None and s.aggregation == "sum":
        return s.national
    return np.nansum(s.value, axis=1)


def plot_policy(run: cio.Run, path: pathlib.Path, dpi: int) -> pathlib.Path | None:
    """Spending and waste by instrument over time, and each instrument's wasted share
    (needs spending_* or waste_* series)."""
    spending = _instrument_series(run, "spending_")
    waste = _instrument_series(run, "waste_")
    if not spending and not waste:
        return None
    instruments = sorted(set(spending) | set(waste))
    colors = dict(zip(instruments, region_colors(len(instruments))))
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    for ax, table, label in ((axes[0], spending, "spending"), (axes[1], waste, "waste")):
        if table:
            names = sorted(table)
            t = table[names[0]].time
            stacks = [_total(table[n])[: len(t)] for n in names]
            ax.stackplot(t, stacks, labels=names, colors=[colors[n] for n in names], alpha=0.85)
            unit = table[names[0]].unit
            ax.set_ylabel(f"{label} [{unit}]" if unit else label, fontsize=8)
        else:
            ax.text(0.5, 0.5, f"no {label} series", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(f"{label} by instrument (all regions)", fontsize=9)
        ax.set_xlabel("time [years]", fontsize=8)
        ax.grid(True, alpha=0.3)
    both = [n for n in instruments if n in spending and n in waste]
    ax = axes[2]
    if both:
        spent = np.array([np.nansum(_total(spending[n])) for n in both])
        wasted = np.array([np.nansum(_total(waste[n])) for n in both])
        share = np.divide(wasted, spent, out=np.zeros_like(wasted), where=spent > 0)
        ax.barh(both, share * 100, color=[colors[n] for n in both])
        ax.set_xlabel("wasted share of spending over the run [%]", fontsize=8)
        ax.set_xlim(0, 100)
    else:
        ax.text(0.5, 0.5, "needs spending_* and waste_* of one instrument", ha="center", va="center", fontsize=8, transform=ax.transAxes)
    ax.set_title("wasted share by instrument", fontsize=9)
    handles, labels = axes[0].get_legend_handles_labels() if spending else axes[1].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="lower center", ncol=min(len(labels), 5), fontsize=8)
    fig.suptitle(title_of(run), fontsize=11)
    fig.tight_layout(rect=(0, 0.1, 1, 0.95))
    return save(fig, path, dpi)


def spring_layout(n: int, edges: np.ndarray, seed: int = 1, iterations: int = 80) -> np.ndarray:
    """A Fruchterman-Reingold layout of n nodes (edges: [m][2] node indices), in [-1, 1]^2."""
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, size=(n, 2))
    if n <= 1:
        return pos
    k = math.sqrt(4.0 / n)
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (delta / dist[..., None]) * (k * k / dist)[..., None]  # repulsion
        disp = force.sum(axis=1)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d * (length / k)[:, None]  # attraction along links
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.96
    pos -= pos.mean(axis=0)
    return pos / max(np.abs(pos).max(), 1e-9)


MAX_NETWORK_NODES = 600


def plot_network(run: cio.Run, path: pathlib.Path, dpi: int) -> pathlib.Path | None:
    """The cooperation network at its last snapshot, agents coloured by region
    (needs /network; /particles/agents adds regions and sizes)."""
    steps = cio.snapshot_steps(run.path, "network")
    if steps.size == 0:
        return None
    step = int(steps[-1])
    links = cio.load_network(run.path, step=step)
    agents = cio.load_agents(run.path, step=step) if step in set(cio.snapshot_steps(run.path).tolist()) else pd.DataFrame()
    ids = np.union1d(links["source"].to_numpy(), links["target"].to_numpy()) if len(links) else np.zeros(0, dtype=np.int64)
    if len(agents):
        ids = np.union1d(ids, agents["id"].to_numpy())
    note = ""
    if len(ids) > MAX_NETWORK_NODES:
        # The best-connected agents, so the drawing stays legible.
        degree = pd.concat([links["source"], links["target"]]).value_counts()
        ids = np.sort(degree.index.to_numpy()[:MAX_NETWORK_NODES])
        note = f" ({MAX_NETWORK_NODES} best-connected of {len(degree)} linked agents)"
    index = {int(a): i for i, a in enumerate(ids)}
    keep = links["source"].isin(index) & links["target"].isin(index) if len(links) else []
    shown = links[keep] if len(links) else links
    edges = np.array([[index[int(a)], index[int(b)]] for a, b in zip(shown["source"], shown["target"])], dtype=np.int64).reshape(-1, 2)
    pos = spring_layout(len(ids), edges)
    fig, ax = plt.subplots(figsize=(8, 8))
    if len(edges):
        from matplotlib.collections import LineCollection

        segments = np.stack([pos[edges[:, 0]], pos[edges[:, 1]]], axis=1)
        ax.add_collection(LineCollection(segments, colors="0.6", linewidths=0.4, alpha=0.6))
    colors = region_colors(len(run.regions))
    if len(agents):
        a = agents.set_index("id").reindex(ids)
        region = a["region"].fillna(-1).astype(int).to_numpy()
        size = 8 + 40 * np.sqrt(a["employees"].fillna(0).to_numpy() / max(a["employees"].max(), 1))
        for r, name in enumerate(run.regions):
            mask = region == r
            if mask.any():
                ax.scatter(pos[mask, 0], pos[mask, 1], s=size[mask], color=colors[r % len(colors)], label=name, edgecolors="none", zorder=2)
        if len(run.regions) <= MAX_LEGEND_REGIONS:
            ax.legend(fontsize=7, loc="upper right", title="region", title_fontsize=7, markerscale=0.7)
    else:
        ax.scatter(pos[:, 0], pos[:, 1], s=10, color="tab:blue", zorder=2)
    ax.set_axis_off()
    ax.set_title(f"{title_of(run)}: network at tick {step}, {len(links)} links{note}", fontsize=10)
    fig.tight_layout()
    return save(fig, path, dpi)


def plot_innovation_density(run: cio.Run, path: pathlib.Path, dpi: int) -> pathlib.Path | None:
    """Innovation (the `innovations` series, else `mean_knowledge`) against network
    `density`, one point per region and tick (the network-density hypothesis)."""
    density = run.series.get("density")
    innovation = run.series.get("innovations") or run.series.get("mean_knowledge")
    if density is None or innovation is None:
        return None
    rows = min(density.value.shape[0], innovation.value.shape[0])
    if rows == 0:
        return None
    fig, ax = plt.subplots(figsize=(7, 5))
    colors = region_colors(len(density.regions))
    for r, name in enumerate(density.regions):
        if r >= innovation.value.shape[1]:
            break
        ax.scatter(density.value[:rows, r], innovation.value[:rows, r], s=12, alpha=0.7, color=colors[r % len(colors)], label=name)
    ax.set_xlabel(density.label, fontsize=9)
    ax.set_ylabel(innovation.label, fontsize=9)
    ax.grid(True, alpha=0.3)
    if len(density.regions) <= MAX_LEGEND_REGIONS:
        ax.legend(fontsize=7, title="region", title_fontsize=7)
    ax.set_title(f"{title_of(run)}: {innovation.name} against network density (each point a region at a tick)", fontsize=9)
    fig.tight_layout()
    return save(fig, path, dpi)


def plot_all(run: cio.Run, directory: pathlib.Path, dpi: int, per_series: bool = True) -> list[pathlib.Path]:
    """Every figure whose data the run holds, into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    grid = directory / "indicators.png"
    plot_grid(run, grid, dpi)
    written = [grid] + (plot_each(run, directory / "series", dpi) if per_series else [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices of series not yet filled
        for name, fn in (
            ("stages.png", plot_stages),
            ("policy.png", plot_policy),
            ("network.png", plot_network),
            ("innovation_density.png", plot_innovation_density),
        ):
            made = fn(run, directory / name, dpi)
            if made is not None:
                written.append(made)
    return written


def print_summary(run: cio.Run) -> None:
    """Prints the run's status and each region's final values."""
    table = cio.final_values(run)
    steps = [int(s.step[-1]) for s in run.series.values() if s.step.size]
    years = [float(s.time[-1]) for s in run.series.values() if s.time.size]
    print(f"run: {run.path}")
    print(f"scenario: {run.scenario_name}  status: {run.status or 'unknown'}", end="")
    if steps:
        print(f"  ticks: {max(steps)}  years: {max(years):g}", end="")
    print()
    if table.empty:
        print("(no values recorded)")
        return
    with pd.option_context("display.width", 160, "display.max_columns", None, "display.float_format", "{:.4g}".format):
        print(f"final values by region ({len(table.index)} regions, {len(table.columns)} series):")
        # A region per column reads better when there are more series than regions.
        print((table.T.rename_axis("series") if len(table.columns) > len(table.index) else table).to_string())


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = parse_args(argv)
    try:
        run = cio.load_run(args.run)
    except (OSError, ValueError) as err:
        print(f"tools/plot: cannot read {args.run}: {err}", file=sys.stderr)
        return 1
    if args.summary:
        print_summary(run)
    if args.no_plot:
        return 0
    output = args.output
    if output is None:
        output = args.run.with_name(args.run.name.split(".")[0] + "-plots")
    if output.suffix.lower() == ".png":
        plot_grid(run, output, args.dpi)
        written = [output]
    else:
        written = plot_all(run, output, args.dpi, per_series=not args.no_series)
    print(f"wrote {written[0]}" + (f" and {len(written) - 1} more PNGs in {output}" if len(written) > 1 else ""))
    return 0
