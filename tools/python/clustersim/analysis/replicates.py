"""Paired-replicate experiments: run arms x seeds, then means, CIs, paired differences.

Every experiment of docs/EXPERIMENTS.md is built from these pieces:

- an **arm** is a scenario and a list of ``--set KEY=VALUE`` overrides (and, if
  needed, further ``clustersim run`` arguments such as ``--ticks``);
- :func:`run_arms` runs every arm with seeds 1..N (``clustersim run SCENARIO --seed S
  --threads 1 --set ... -o FILE``), several processes at a time, in a work folder.
  Arms share the seeds, so a comparison between two arms is *paired*: both see
  the same random streams wherever the model draws the same numbers. A run whose
  file is already there and complete is not run again; the file name holds a
  digest of the scenario text, the overrides, the arguments and the program's
  ``--version`` and SHA-256 of the program file (and of the files the scenario
  names after ``csv:`` or ``include:``), so a changed arm or a rebuilt program
  after a model change runs afresh, committed or not (the version alone names
  only the commit: a rebuild of uncommitted changes keeps it). A run that fails is reported (:class:`Failure`) and left out, and every
  statistic states the n it was computed from;
- statistics (scipy.stats): :func:`mean_ci` (mean with a Student-t confidence
  interval), :func:`tick_ci` (the same at every recorded tick),
  :func:`paired_difference` (difference to a reference arm over the seeds both
  completed, t interval and the effect size d_z = mean / sd of the differences),
  :func:`unpaired_difference` (Welch, for comparison), :func:`spearman_ci`
  (Spearman's rho of a response against a swept variable with a bootstrap
  interval that resamples replicates within each value of the swept variable);
- figures (matplotlib, Agg): :func:`plot_bands` (mean and 95% band over calendar
  time, one line per arm), :func:`plot_against` (a response against a swept x,
  with confidence-interval error bars);
- :func:`markdown_table` for the tables in the documentation.

Example (``PYTHONPATH=tools/python``)::

    from clustersim.analysis import replicates as rp
    arms = [rp.Arm("base", "scenarios/demo.yaml"),
            rp.Arm("cheap links", "scenarios/demo.yaml", ("model.link_cost=0.01",))]
    res = rp.run_arms(arms, seeds=range(1, 11), binary="build/bin/clustersim", workdir="out/exp")
    end = {a.name: res.values(a.name, lambda run: run.series["value_added"].national[-1]) for a in arms}
    print(rp.mean_ci(end["base"].values()), rp.paired_difference(end["cheap links"], end["base"]))
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import hashlib
import json
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy import stats

from clustersim import runfile as cio

__all__ = [
    "Arm", "Failure", "Replicates", "run_arms", "is_complete",
    "Estimate", "Difference", "Correlation",
    "mean_ci", "tick_ci", "paired_difference", "unpaired_difference", "spearman_ci",
    "plot_bands", "plot_against", "markdown_table", "save_figure", "add_run_arguments",
]


# ---------------------------------------------------------------------------
# Running arms x seeds


@dataclasses.dataclass(frozen=True)
class Arm:
    """One condition of an experiment: a scenario with overrides."""

    name: str  #: shown in tables and legends
    scenario: str | os.PathLike  #: path of the scenario file
    settings: tuple[str, ...] = ()  #: ``KEY=VALUE`` strings, passed as ``--set KEY=VALUE``
    args: tuple[str, ...] = ()  #: further arguments of ``clustersim run`` (``--ticks 8``, ...)

    def __post_init__(self) -> None:
        object.__setattr__(self, "settings", tuple(self.settings))
        object.__setattr__(self, "args", tuple(self.args))
        for s in self.settings:
            if "=" not in s:
                raise ValueError(f"arm {self.name!r}: setting {s!r} is not KEY=VALUE")

    def command(self, binary: str | os.PathLike, seed: int, path: pathlib.Path) -> list[str]:
        """The ``clustersim run`` command line of one replicate."""
        cmd = [str(binary), "run", str(self.scenario), "--seed", str(seed), "--threads", "1"]
        for s in self.settings:
            cmd += ["--set", s]
        return cmd + list(self.args) + ["-o", str(path), "--force", "--progress", "never"]

    def digest(self, version: str) -> str:
        """What the run files of this arm depend on: scenario text, overrides, arguments, program."""
        h = hashlib.sha256()
        scenario = pathlib.Path(self.scenario)
        text = scenario.read_bytes()
        h.update(text)
        # Files the scenario reads (regions from a CSV, includes) are part of it.
        for name in re.findall(rb"(?:csv|include):\s*['\"]?([^\s'\"#]+)", text):
            other = scenario.parent / name.decode(errors="replace")
            if other.is_file():
                h.update(other.read_bytes())
        h.update(json.dumps([list(self.settings), list(self.args), version]).encode())
        return h.hexdigest()[:12]


@dataclasses.dataclass(frozen=True)
class Failure:
    """A replicate that did not produce a complete run file."""

    arm: str
    seed: int
    returncode: int
    message: str  #: the last lines of the program's standard error

    def __str__(self) -> str:
        return f"{self.arm}, seed {self.seed}: exit {self.returncode}: {self.message}"


def is_complete(path: str | os.PathLike) -> bool:
    """True if `path` is a run file whose status is "complete"."""
    path = pathlib.Path(path)
    if not path.is_file():
        return False
    try:
        with cio.open_file(path) as f:
            group = f.get("parameters")
            status = group.attrs.get("status") if group is not None else None
            if status is None:
                status = f.attrs.get("status")
    except OSError:
        return False
    if isinstance(status, bytes):
        status = status.decode()
    return status == "complete"


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "arm"


def program_version(binary: str | os.PathLike) -> str:
    """``clustersim --version`` (part of the cache key of every run file)."""
    result = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{binary} --version failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout.strip()


def program_identity(binary: str | os.PathLike) -> str:
    """``--version`` and the SHA-256 of the program file: what a run file's cache key holds, so
    that a rebuild with uncommitted model changes (same version string) does not reuse old runs."""
    version = program_version(binary)
    path = pathlib.Path(binary)
    if not path.is_file():
        found = shutil.which(str(binary))
        path = pathlib.Path(found) if found else path
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return f"{version} sha256:{h.hexdigest()}"


@dataclasses.dataclass
class Replicates:
    """The run files of an experiment: arm name -> seed -> path (complete runs only)."""

    arms: list[Arm]
    seeds: list[int]
    paths: dict[str, dict[int, pathlib.Path]]
    failures: list[Failure]
    ran: int = 0  #: replicates run by this call
    reused: int = 0  #: replicates whose complete file was already there
    _cache: dict[pathlib.Path, cio.Run] = dataclasses.field(default_factory=dict, repr=False)

    def arm(self, name: str) -> Arm:
        for a in self.arms:
            if a.name == name:
                return a
        raise KeyError(name)

    def n(self, arm: str) -> int:
        """How many replicates of `arm` completed."""
        return len(self.paths.get(arm, {}))

    def run(self, arm: str, seed: int) -> cio.Run:
        """The loaded run of one replicate (read once, then kept)."""
        path = self.paths[arm][seed]
        if path not in self._cache:
            self._cache[path] = cio.load_run(path)
        return self._cache[path]

    def values(self, arm: str, measure: Callable[[cio.Run], float]) -> dict[int, float]:
        """measure(run) for every completed replicate of `arm`, by seed."""
        return {seed: float(measure(self.run(arm, seed))) for seed in sorted(self.paths.get(arm, {}))}

    def series(self, arm: str, name: str, region: str | int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(time in years, values [replicate][time]) of series `name` for `arm`: the
        national aggregate (region None; the sum over regions if the file has no
        national row), one region (by name or index). Replicates are in seed order;
        runs of different lengths are cut to the shortest."""
        rows, time = [], None
        for seed in sorted(self.paths.get(arm, {})):
            s = self.run(arm, seed).series[name]
            if region is None:
                v = s.national if s.national is not None else s.value.sum(axis=1)
            else:
                v = s.value[:, s.regions.index(region) if isinstance(region, str) else region]
            rows.append(np.asarray(v, dtype=float))
            if time is None or len(s.time) < len(time):
                time = s.time
        if not rows:
            return np.zeros(0), np.zeros((0, 0))
        length = min(len(r) for r in rows)
        return np.asarray(time[:length]), np.vstack([r[:length] for r in rows])

    def summary(self) -> str:
        """One line: replicates per arm, run and reused, failures."""
        counts = ", ".join(f"{a.name}: {self.n(a.name)}/{len(self.seeds)}" for a in self.arms)
        line = f"complete runs per arm ({counts}); {self.ran} run now, {self.reused} reused"
        if self.failures:
            line += f"; {len(self.failures)} failed"
        return line


def run_arms(arms: Sequence[Arm], seeds: Iterable[int], binary: str | os.PathLike,
             workdir: str | os.PathLike, jobs: int | None = None, fresh: bool = False,
             log: Callable[[str], None] | None = None) -> Replicates:
    """Runs every arm with every seed (``jobs`` processes at a time; default: the
    CPU count) into `workdir`, reusing complete files unless `fresh`.

    Returns the paths of the complete runs and the failures; it does not raise
    when a replicate fails (check ``result.failures``), only when the program
    cannot start at all.
    """
    arms = list(arms)
    seeds = [int(s) for s in seeds]
    names = [a.name for a in arms]
    if len(set(names)) != len(names):
        raise ValueError(f"arm names must differ: {names}")
    binary = pathlib.Path(binary)
    workdir = pathlib.Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    version = program_identity(binary)
    jobs = max(1, jobs or os.cpu_count() or 1)
    result = Replicates(arms=arms, seeds=seeds, paths={a.name: {} for a in arms}, failures=[])

    todo = []
    for a in arms:
        key = a.digest(version)
        for seed in seeds:
            path = workdir / f"{_slug(a.name)}-{key}-seed{seed}.h5"
            if not fresh and is_complete(path):
                result.paths[a.name][seed] = path
                result.reused += 1
            else:
                todo.append((a, seed, path))

    def one(job):
        a, seed, path = job
        proc = subprocess.run(a.command(binary, seed, path), capture_output=True, text=True, check=False)
        return job, proc

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        # Each job is a separate clustersim process; threads only wait for them.
        for (a, seed, path), proc in pool.map(one, todo):
            if proc.returncode == 0 and is_complete(path):
                result.paths[a.name][seed] = path
                result.ran += 1
                continue
            tail = " | ".join(proc.stderr.strip().splitlines()[-3:]) or "(no message)"
            if proc.returncode == 0:
                tail = f"exit 0 but {path.name} is not a complete run file; " + tail
            result.failures.append(Failure(a.name, seed, proc.returncode, tail))
            if log:
                log(f"failed: {result.failures[-1]}")
    for a in arms:  # seed order, whatever order the pool finished in
        result.paths[a.name] = dict(sorted(result.paths[a.name].items()))
    if log:
        log(result.summary())
    return result


# ---------------------------------------------------------------------------
# Statistics


def _finite(values: Iterable[float]) -> np.ndarray:
    a = np.asarray(list(values), dtype=float)
    return a[np.isfinite(a)]


@functools.lru_cache(maxsize=512)
def _t(level: float, df: int) -> float:
    return float(stats.t.ppf(0.5 + level / 2, df))


def _g(x: float) -> str:
    return "nan" if not math.isfinite(x) else f"{x:.3g}"


@dataclasses.dataclass(frozen=True)
class Estimate:
    """A mean with its confidence interval (NaN bounds when n < 2)."""

    mean: float
    low: float
    high: float
    sd: float
    n: int
    level: float = 0.95

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2

    def __str__(self) -> str:
        return f"{_g(self.mean)} [{_g(self.low)}, {_g(self.high)}]"


def mean_ci(values: Iterable[float], level: float = 0.95) -> Estimate:
    """Mean of the finite values with the Student-t interval mean ± t·sd/√n."""
    a = _finite(values)
    n = len(a)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, math.nan, 0, level)
    mean = float(a.mean())
    if n < 2:
        return Estimate(mean, math.nan, math.nan, math.nan, 1, level)
    sd = float(a.std(ddof=1))
    half = _t(level, n - 1) * sd / math.sqrt(n)
    return Estimate(mean, mean - half, mean + half, sd, n, level)


def tick_ci(matrix: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, low, high) over replicates (rows) at every tick (column)."""
    m = np.asarray(matrix, dtype=float)
    if m.ndim != 2 or m.shape[0] == 0:
        raise ValueError("tick_ci needs a [replicate][time] matrix with at least one row")
    mean = m.mean(axis=0)
    n = m.shape[0]
    if n < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan
    half = _t(level, n - 1) * m.std(axis=0, ddof=1) / math.sqrt(n)
    return mean, mean - half, mean + half


@dataclasses.dataclass(frozen=True)
class Difference:
    """A difference of means (arm minus reference) with its interval."""

    mean: float
    low: float
    high: float
    effect_size: float  #: paired: d_z = mean/sd of differences; unpaired: Cohen's d (pooled sd)
    p_value: float
    n: int  #: pairs (paired) or the smaller group (unpaired)
    paired: bool
    level: float = 0.95

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2

    def __str__(self) -> str:
        kind = "pairs" if self.paired else "min n"
        return (f"{_g(self.mean)} [{_g(self.low)}, {_g(self.high)}], "
                f"d={_g(self.effect_size)}, p={_g(self.p_value)}, {kind}={self.n}")


def paired_difference(values: Mapping[int, float], reference: Mapping[int, float],
                      level: float = 0.95) -> Difference:
    """values − reference over the seeds present and finite in both (a paired t interval)."""
    seeds = [s for s in values if s in reference
             and math.isfinite(values[s]) and math.isfinite(reference[s])]
    d = np.array([values[s] - reference[s] for s in seeds], dtype=float)
    n = len(d)
    if n < 2:
        mean = float(d.mean()) if n else math.nan
        return Difference(mean, math.nan, math.nan, math.nan, math.nan, n, True, level)
    mean, sd = float(d.mean()), float(d.std(ddof=1))
    half = _t(level, n - 1) * sd / math.sqrt(n)
    if sd > 0:
        p = float(stats.ttest_1samp(d, 0.0).pvalue)
        effect = mean / sd
    else:
        p = 1.0 if mean == 0 else 0.0
        effect = 0.0 if mean == 0 else math.copysign(math.inf, mean)
    return Difference(mean, mean - half, mean + half, effect, p, n, True, level)


def unpaired_difference(values: Iterable[float], reference: Iterable[float],
                        level: float = 0.95) -> Difference:
    """values − reference ignoring the pairing: Welch's t interval, Cohen's d."""
    a, b = _finite(values), _finite(reference)
    n = min(len(a), len(b))
    if n < 2:
        return Difference(math.nan, math.nan, math.nan, math.nan, math.nan, n, False, level)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    mean = float(a.mean() - b.mean())
    se = math.sqrt(va + vb)
    if se == 0:
        return Difference(mean, mean, mean, 0.0 if mean == 0 else math.inf, 1.0 if mean == 0 else 0.0,
                          n, False, level)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = float(stats.t.ppf(0.5 + level / 2, df)) * se
    pooled = math.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
    p = float(stats.ttest_ind(a, b, equal_var=False).pvalue)
    return Difference(mean, mean - half, mean + half, mean / pooled if pooled > 0 else math.inf, p,
                      n, False, level)


@dataclasses.dataclass(frozen=True)
class Correlation:
    """Spearman's rho with a bootstrap percentile interval."""

    rho: float
    low: float
    high: float
    p_value: float
    n: int
    level: float = 0.95

    def __str__(self) -> str:
        return f"rho={_g(self.rho)} [{_g(self.low)}, {_g(self.high)}], p={_g(self.p_value)}, n={self.n}"


def spearman_ci(x: Iterable[float], y: Iterable[float], level: float = 0.95, n_boot: int = 2000,
                seed: int = 0, stratified: bool = True) -> Correlation:
    """Spearman's rho of y against x with a bootstrap interval.

    With `stratified` (the default, for sweeps: x takes a few values, each with
    replicates), the bootstrap resamples the replicates within each value of x,
    so the design stays as run; otherwise it resamples (x, y) pairs. Pairs with a
    non-finite member are dropped; resamples in which y is constant are skipped.
    """
    x, y = np.asarray(list(x), dtype=float), np.asarray(list(y), dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(x)
    if n < 3:
        return Correlation(math.nan, math.nan, math.nan, math.nan, n, level)
    res = stats.spearmanr(x, y)
    rho, p = float(res.correlation), float(res.pvalue)
    rng = np.random.default_rng(seed)
    if stratified:
        groups = [np.flatnonzero(x == v) for v in np.unique(x)]
    else:
        groups = [np.arange(n)]
    idx = np.hstack([g[rng.integers(0, len(g), (n_boot, len(g)))] for g in groups])
    xr = stats.rankdata(x[idx], axis=1)
    yr = stats.rankdata(y[idx], axis=1)
    xr -= xr.mean(axis=1, keepdims=True)
    yr -= yr.mean(axis=1, keepdims=True)
    denom = np.sqrt((xr ** 2).sum(axis=1) * (yr ** 2).sum(axis=1))
    ok = denom > 0  # resamples with a constant x or y have no rho
    boot = (xr * yr).sum(axis=1)[ok] / denom[ok]
    if boot.size == 0:
        return Correlation(rho, math.nan, math.nan, p, n, level)
    low, high = np.quantile(boot, [0.5 - level / 2, 0.5 + level / 2])
    return Correlation(rho, float(low), float(high), p, n, level)


# ---------------------------------------------------------------------------
# Figures and tables


def plot_bands(ax, bands: Mapping[str, tuple[np.ndarray, np.ndarray]], start_year: float = 0.0,
               ylabel: str = "", level: float = 0.95):
    """One line per arm, the mean over replicates at every tick, with its
    confidence band. `bands` maps a label to (time in years, [replicate][time])
    as :meth:`Replicates.series` returns it; the x axis is start_year + time."""
    for label, (time, matrix) in bands.items():
        if matrix.shape[0] == 0:
            continue
        mean, low, high = tick_ci(matrix, level)
        x = start_year + np.asarray(time)
        (line,) = ax.plot(x, mean, label=f"{label} (n={matrix.shape[0]})")
        if matrix.shape[0] > 1:
            ax.fill_between(x, low, high, color=line.get_color(), alpha=0.25, linewidth=0)
    ax.set_xlabel("year" if start_year else "years since start")
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.legend(fontsize="small", title=f"mean, {level:.0%} CI", title_fontsize="small")
    return ax


def plot_against(ax, x: Sequence[float], estimates: Sequence[Estimate], label: str = "",
                 logx: bool = False, zero_at: float | None = None, **style):
    """A response against a swept variable: the mean at each x with its
    confidence interval as error bars. With `logx`, a point at x = 0 is drawn at
    `zero_at` (default: a decade below the smallest positive x) and its tick is
    labelled 0."""
    x = np.asarray(x, dtype=float)
    mean = np.array([e.mean for e in estimates])
    low = np.array([e.low for e in estimates])
    high = np.array([e.high for e in estimates])
    err = np.vstack([np.where(np.isfinite(low), mean - low, 0), np.where(np.isfinite(high), high - mean, 0)])
    xs = x.copy()
    if logx:
        positive = x[x > 0]
        zero = zero_at if zero_at is not None else (positive.min() / 10 if len(positive) else 1.0)
        xs = np.where(x > 0, x, zero)
        ax.set_xscale("log")
    ax.errorbar(xs, mean, yerr=err, marker="o", capsize=3, label=label or None, **style)
    if logx and (x <= 0).any():
        ticks = sorted(set(xs.tolist()))
        ax.set_xticks(ticks)
        ax.set_xticklabels(["0" if t == xs[x <= 0][0] else f"{t:g}" for t in ticks])
        ax.minorticks_off()
    return ax


def save_figure(fig, path: str | os.PathLike, dpi: int = 100) -> None:
    """Lays out `fig`, writes it to `path` (creating its folder) and closes it."""
    import matplotlib.pyplot as plt

    fig.tight_layout()
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    plt.close(fig)


def add_run_arguments(parser, per: str = "arm") -> None:
    """The options every experiment's command line shares: the program and the seeds."""
    parser.add_argument("--bin", default="build/bin/clustersim", help="the clustersim program")
    parser.add_argument("--seeds", type=int, default=10, help=f"seeds 1..N for every {per} (default 10)")


def add_setting_arguments(parser, counterfactual: str) -> None:
    """The options of experiments that compare arms against a counterfactual arm:
    ``--set`` for every arm (``counterfactual`` says what that arm keeps), ``--sweep``
    over one setting, ``--ticks``."""
    parser.add_argument("--set", action="append", default=[], dest="settings", metavar="KEY=VALUE",
                        help=f"an override for every arm (repeatable); {counterfactual}")
    parser.add_argument("--sweep", metavar="KEY=V1,V2,...",
                        help="repeat the experiment at each value of one setting and tabulate the claim")
    parser.add_argument("--ticks", type=int, help="run length (default: the scenarios')")


def slug(text: str) -> str:
    """``text`` as a file-name part: runs of other characters become one ``_``."""
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", text).strip("_")


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table; cells are str() of the values (floats with 3 significant digits)."""
    def cell(v: object) -> str:
        if isinstance(v, float):
            return _g(v)
        return str(v).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |",
             "| " + " | ".join("---" for _ in header) + " |"]
    for r in rows:
        r = list(r)
        if len(r) != len(header):
            raise ValueError(f"row {r} has {len(r)} cells, the header {len(header)}")
        lines.append("| " + " | ".join(cell(v) for v in r) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - a convenience
    """``python -m clustersim.analysis.replicates SCENARIO [--set K=V]... --seeds N``:
    the end value of national value added with its CI, for a quick look."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("--set", action="append", default=[], dest="settings")
    parser.add_argument("--series", default="value_added")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--bin", default="build/bin/clustersim")
    parser.add_argument("--work", default="out/replicates")
    parser.add_argument("--jobs", type=int)
    args = parser.parse_args(argv)
    arm = Arm("run", args.scenario, tuple(args.settings))
    res = run_arms([arm], range(1, args.seeds + 1), args.bin, args.work, args.jobs,
                   log=lambda m: print(m, file=sys.stderr))
    _, m = res.series("run", args.series)
    print(f"{args.series}, last tick: {mean_ci(m[:, -1]) if m.size else 'no complete run'}")
    return 0 if not res.failures else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
