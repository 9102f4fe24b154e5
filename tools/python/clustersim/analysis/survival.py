"""Firm survival and the firm-size distribution, measured from runs.

Runs ``scenarios/survival_experiment.yaml`` (an agent snapshot every tick) for
several seeds and variants of the parameters that decide whether a firm makes
losses, follows every firm born during the run from its first snapshot to its
last, and prints the Markdown tables of docs/EXPERIMENTS.md ("Firm survival and
the size distribution"):

- survival of the birth cohorts by age, with 95% confidence intervals across
  seeds (t distribution), and the 2- and 4-year rates against business
  demography (Eurostat/OECD: about 2/3 after two years, 40-45% after four);
- the same rates when fixed_cost, startup_capital, productivity_dispersion or
  the wage move, and what the exogenous hazard alone would give;
- the tail exponent of the firm-size distribution (staff) at the last tick:
  the Hill estimator with k = floor(sqrt(n)) largest firms, and the
  continuous power-law MLE of Clauset, Shalizi & Newman (2009, SIAM Review
  51:661) with x_min chosen to minimise the Kolmogorov-Smirnov distance.

A firm is alive at age h (ticks) if it is in the snapshot of tick birth + h;
only firms born at least h ticks before the last snapshot count for age h, so
no cohort is censored. The figure (survival curves and the size distribution's
complementary CDF) goes to --figure.

    /usr/bin/python3 tools/analysis/survival.py --bin build/bin/clustersim \\
        --replicates 10 --figure docs/figures/survival.png > /tmp/survival.md

From Python (``PYTHONPATH=tools/python``): ``firm_histories(path)``,
``survival_curve(...)``, ``hill(sizes, k)``, ``csn_power_law(sizes)``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import math
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np
from scipy import stats

# The repository root: this file is tools/python/clustersim/analysis/survival.py.
SOURCE = pathlib.Path(__file__).resolve().parents[4]
SCENARIO = SOURCE / "scenarios" / "survival_experiment.yaml"
FIRM_KINDS = (0, 1)  # large_firm, sme (sim/agents.hpp)
TARGETS = {2: (0.62, 0.70), 4: (0.40, 0.45)}  # Eurostat/OECD business demography bands

# name -> --set overrides (model.*). The baseline is the defaults.
VARIANTS: dict[str, dict[str, str]] = {
    "defaults": {},
    "fixed_cost 0": {"model.fixed_cost": "0"},
    "fixed_cost 0, productivity_dispersion 0": {"model.fixed_cost": "0", "model.productivity_dispersion": "0"},
    "fixed_cost x2": {"model.fixed_cost": "6"},
    "startup_capital x2": {"model.startup_capital": "10"},
    "startup_capital x0.5": {"model.startup_capital": "2.5"},
    "productivity_dispersion 0.2": {"model.productivity_dispersion": "0.2"},
    "productivity_dispersion 0.5": {"model.productivity_dispersion": "0.5"},
    "wage x1.2": {"model.wage": "3.6"},
}
QUICK_VARIANTS = ["defaults", "fixed_cost 0"]


@dataclasses.dataclass
class Histories:
    """Every firm born during a run: the tick of its first and last snapshot."""

    birth: np.ndarray  # int64 ticks
    last: np.ndarray  # int64 ticks
    last_step: int  # tick of the last snapshot
    tick_length: float  # years
    final_sizes: np.ndarray  # staff of every firm alive at the last snapshot
    exit_hazard: float  # the run's exogenous hazard, 1 / year


def firm_histories(path: str | pathlib.Path) -> Histories:
    """Births and exits of the firms of one run file, from its agent snapshots,
    which must be at every tick (output.snapshot_every: 1)."""
    with h5py.File(path, "r") as f:
        if "particles/agents/step" not in f:
            raise SystemExit(f"{path}: no agent snapshots (set output.snapshot_every: 1)")
        g = f["particles/agents"]
        steps = np.asarray(g["step"][()], dtype=np.int64)
        if len(steps) < 2 or np.any(np.diff(steps) != 1) or steps[0] != 0:
            raise SystemExit(f"{path}: survival needs a snapshot at every tick (snapshot_every: 1)")
        offsets = np.asarray(g["offset"][()], dtype=np.int64)
        counts = np.asarray(g["count"][()], dtype=np.int64)
        ids = np.asarray(g["id"][()], dtype=np.int64)
        kinds = np.asarray(g["kind"][()])
        staff = np.asarray(g["employees"][()], dtype=np.float64)
        values = {k: float(v) for k, v in f["parameters/model"].attrs.items()}
        tick_length = float(f["parameters"].attrs["tick_length"])
    step_of_row = np.repeat(steps, counts)
    firm = np.isin(kinds, FIRM_KINDS)
    initial = set(ids[offsets[0]:offsets[0] + counts[0]].tolist())
    born = firm & ~np.isin(ids, list(initial))
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, t in zip(ids[born].tolist(), step_of_row[born].tolist()):
        first.setdefault(i, t)
        last[i] = t
    order = sorted(first)
    lo, hi = int(offsets[-1]), int(offsets[-1] + counts[-1])
    final = staff[lo:hi][firm[lo:hi]]
    return Histories(np.array([first[i] for i in order], dtype=np.int64),
                     np.array([last[i] for i in order], dtype=np.int64), int(steps[-1]), tick_length,
                     final, float(values.get("exit_hazard", float("nan"))))


def survival_curve(h: Histories, max_age_ticks: int) -> tuple[np.ndarray, np.ndarray]:
    """Share of the firms born at least a ticks before the last snapshot that
    are still alive at age a, for a = 0..max_age_ticks; and the cohort sizes."""
    share = np.full(max_age_ticks + 1, np.nan)
    n = np.zeros(max_age_ticks + 1, dtype=np.int64)
    for a in range(max_age_ticks + 1):
        eligible = h.birth + a <= h.last_step
        n[a] = int(eligible.sum())
        if n[a]:
            share[a] = float((h.last[eligible] >= h.birth[eligible] + a).mean())
    return share, n


def hill(sizes: np.ndarray, k: int) -> float:
    """Hill estimator of the tail exponent (of the complementary CDF) from the
    k largest values: k / sum ln(x_(i) / x_(k+1))."""
    x = np.sort(np.asarray(sizes, dtype=np.float64))[::-1]
    if k < 2 or k >= len(x):
        return float("nan")
    return k / float(np.sum(np.log(x[:k] / x[k])))


def hill_k(n: int) -> int:
    """The documented cut-off rule: the floor(sqrt(n)) largest firms."""
    return int(math.isqrt(n))


def csn_power_law(sizes: np.ndarray, min_tail: int = 10) -> tuple[float, float, int, float]:
    """Clauset-Shalizi-Newman continuous power-law fit: for every candidate
    x_min (the distinct values leaving at least min_tail points above), the MLE
    of the density exponent alpha = 1 + n / sum ln(x / x_min), and the x_min
    with the smallest Kolmogorov-Smirnov distance between the tail and the
    fitted law. Returns (alpha - 1, the tail exponent of the CCDF; x_min;
    points in the tail; the KS distance)."""
    x = np.sort(np.asarray(sizes, dtype=np.float64))
    best = (float("nan"), float("nan"), 0, float("inf"))
    candidates = np.unique(x)
    for xmin in candidates[:-1]:
        tail = x[x >= xmin]
        n = len(tail)
        if n < min_tail:
            break
        logs = np.log(tail / xmin)
        if logs.sum() <= 0:
            continue
        alpha = 1.0 + n / logs.sum()
        empirical = np.arange(n) / n  # CDF just below each sorted point
        fitted = 1.0 - (tail / xmin) ** (1.0 - alpha)
        d = float(np.max(np.maximum(np.abs(fitted - empirical), np.abs(fitted - (np.arange(n) + 1) / n))))
        if d < best[3]:
            best = (alpha - 1.0, float(xmin), n, d)
    return best


def ci95(values: list[float]) -> tuple[float, float]:
    """Mean and half width of its 95% confidence interval across replicates."""
    v = np.asarray([x for x in values if not math.isnan(x)], dtype=np.float64)
    if len(v) == 0:
        return float("nan"), float("nan")
    if len(v) == 1:
        return float(v[0]), float("nan")
    return float(v.mean()), float(stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / math.sqrt(len(v)))


def run(binary: str, seed: int, out: pathlib.Path, sets: dict[str, str], ticks: int | None,
        tag: str) -> pathlib.Path:
    path = out / f"survival-{tag}-{seed}.h5"
    cmd = [binary, "run", str(SCENARIO), "--seed", str(seed), "-o", str(path), "--force",
           "--progress", "never", "--threads", "1"]
    if ticks is not None:
        cmd += ["--ticks", str(ticks)]
    for key, value in sets.items():
        cmd += ["--set", f"{key}={value}"]
    result = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"clustersim failed ({' '.join(cmd)}):\n{result.stderr}")
    return path


@dataclasses.dataclass
class Replicate:
    curve: np.ndarray  # survival by age in ticks
    cohort: np.ndarray
    tick_length: float
    exit_hazard: float
    sizes: np.ndarray

    def at_years(self, years: float) -> float:
        a = int(round(years / self.tick_length))
        return float(self.curve[a]) if a < len(self.curve) else float("nan")


def measure(path: pathlib.Path, max_years: float) -> Replicate:
    h = firm_histories(path)
    curve, cohort = survival_curve(h, int(round(max_years / h.tick_length)))
    path.unlink()  # snapshots at every tick: keep the disk small
    return Replicate(curve, cohort, h.tick_length, h.exit_hazard, h.final_sizes)


def cell(values: list[float], digits: int = 3) -> str:
    mean, half = ci95(values)
    if math.isnan(mean):
        return "–"
    return f"{mean:.{digits}f} ± {half:.{digits}f}" if not math.isnan(half) else f"{mean:.{digits}f}"


def survival_table(results: dict[str, list[Replicate]]) -> str:
    lines = ["| variant | 1 year | 2 years | 4 years | 6 years | exogenous hazard alone, 2 / 4 years | "
             "firms born (4-year cohort, per seed) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, reps in results.items():
        h = reps[0].exit_hazard
        exo = f"{math.exp(-2 * h):.3f} / {math.exp(-4 * h):.3f}"
        a4 = int(round(4 / reps[0].tick_length))
        cohort = np.mean([r.cohort[a4] for r in reps if a4 < len(r.cohort)])
        lines.append(f"| {name} | {cell([r.at_years(1) for r in reps])} | {cell([r.at_years(2) for r in reps])} | "
                     f"{cell([r.at_years(4) for r in reps])} | {cell([r.at_years(6) for r in reps])} | {exo} | "
                     f"{cohort:.0f} |")
    return "\n".join(lines)


def tail_table(results: dict[str, list[Replicate]]) -> str:
    lines = ["| variant | firms at the last tick | largest (staff) | Hill, k = floor(sqrt(n)) | "
             "CSN 2009: exponent | CSN x_min (staff) | CSN tail firms | CSN KS distance |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, reps in results.items():
        fits = [csn_power_law(r.sizes) for r in reps]
        lines.append(
            f"| {name} | {cell([len(r.sizes) for r in reps], 0)} | {cell([float(r.sizes.max()) for r in reps], 0)} | "
            f"{cell([hill(r.sizes, hill_k(len(r.sizes))) for r in reps], 2)} | {cell([f[0] for f in fits], 2)} | "
            f"{cell([f[1] for f in fits], 0)} | {cell([float(f[2]) for f in fits], 0)} | "
            f"{cell([f[3] for f in fits], 3)} |")
    return "\n".join(lines)


def figure(results: dict[str, list[Replicate]], path: pathlib.Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, reps in results.items():
        if name not in ("defaults", "fixed_cost 0", "fixed_cost x2", "startup_capital x2",
                        "fixed_cost 0, productivity_dispersion 0"):
            continue
        dt = reps[0].tick_length
        curves = np.array([r.curve for r in reps])
        ages = np.arange(curves.shape[1]) * dt
        mean = np.nanmean(curves, axis=0)
        half = np.array([ci95(list(curves[:, a]))[1] for a in range(curves.shape[1])]) if len(reps) > 1 \
            else np.zeros_like(mean)
        line, = left.plot(ages, mean, label=name)
        left.fill_between(ages, mean - half, mean + half, color=line.get_color(), alpha=0.25)
    base = next(iter(results.values()))
    ages = np.arange(len(base[0].curve)) * base[0].tick_length
    left.plot(ages, np.exp(-base[0].exit_hazard * ages), "k:", label="exogenous hazard alone")
    for years, (lo, hi) in TARGETS.items():
        left.errorbar([years], [(lo + hi) / 2], yerr=[[(hi - lo) / 2]], fmt="ks", capsize=4,
                      label="Eurostat/OECD" if years == 2 else None)
    left.set_xlabel("age (years)")
    left.set_ylabel("share of the birth cohort alive")
    left.set_ylim(0, 1.02)
    left.set_title("Survival of new firms (mean, 95% CI across seeds)")
    left.legend(fontsize=8)
    sizes = np.concatenate([r.sizes for r in base])
    x = np.sort(sizes)
    ccdf = 1.0 - np.arange(len(x)) / len(x)
    right.loglog(x, ccdf, ".", ms=3, label=f"staff at the last tick, {len(base)} seeds pooled")
    exponent, xmin, _, _ = csn_power_law(sizes)
    if not math.isnan(exponent):
        above = (x >= xmin).mean()
        xs = np.geomspace(xmin, x.max(), 50)
        right.loglog(xs, above * (xs / xmin) ** (-exponent), "r-",
                     label=f"CSN fit: exponent {exponent:.2f}, x_min {xmin:.0f}")
    k = hill_k(len(sizes))
    right.axvline(np.sort(sizes)[::-1][k], color="g", ls="--",
                  label=f"Hill cut-off (k = {k}): exponent {hill(sizes, k):.2f}")
    right.set_xlabel("staff (persons)")
    right.set_ylabel("P(staff ≥ x)")
    right.set_title("Firm-size distribution (defaults)")
    right.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="build/bin/clustersim", help="the clustersim program")
    parser.add_argument("--replicates", type=int, default=10, help="seeds 1..N per variant")
    parser.add_argument("--ticks", type=int, default=None, help="shorten the runs (default: the scenario's)")
    parser.add_argument("--quick", action="store_true", help="only the defaults and fixed_cost 0")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time")
    parser.add_argument("--figure", type=pathlib.Path, default=None, help="write the figure (PNG) here")
    args = parser.parse_args(argv)
    if not pathlib.Path(args.bin).exists():
        print(f"survival: no program at {args.bin}", file=sys.stderr)
        return 2
    names = QUICK_VARIANTS if args.quick else list(VARIANTS)
    max_years = 8.0
    results: dict[str, list[Replicate]] = {}
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        out = pathlib.Path(tmp)
        jobs = {(name, seed): pool.submit(lambda n=name, s=seed: measure(
            run(args.bin, s, out, VARIANTS[n], args.ticks, str(names.index(n))), max_years))
            for name in names for seed in range(1, args.replicates + 1)}
        for name in names:
            results[name] = [jobs[(name, seed)].result() for seed in range(1, args.replicates + 1)]
    print(f"#### Survival of new firms ({args.replicates} seeds, 1-{args.replicates}; mean ± 95% CI "
          f"half width across seeds)\n")
    print(survival_table(results))
    print(f"\nTargets (Eurostat/OECD business demography): 2 years {TARGETS[2][0]:.2f}-{TARGETS[2][1]:.2f}, "
          f"4 years {TARGETS[4][0]:.2f}-{TARGETS[4][1]:.2f}.\n")
    print("#### Tail of the firm-size distribution (staff, last tick; mean ± 95% CI across seeds)\n")
    print(tail_table(results))
    print()
    if args.figure is not None:
        figure(results, args.figure)
        print(f"Figure: {args.figure}")
    return 0
