"""What a growth-pole budget does to the periphery, by distance from the poles, with paired seeds.

Three arms share seeds 1..N (paired replicates, :mod:`clustersim.analysis.replicates`):

- ``growth_poles``: ``scenarios/growth_poles.yaml`` (the national budget on the poles);
- ``no_budget``: the same scenario with ``policy.national_budget=0``, the counterfactual;
- ``uniform``: ``scenarios/uniform.yaml`` (the same budget spread over all regions).

``--set KEY=VALUE`` (repeatable) changes every arm (the no-budget arm keeps its zero
budget); ``--sweep KEY=V1,V2,...`` repeats the experiment at each value and ends with
a table of the claim at every value (where it holds, where it fails).

Rules:

- *Poles.* From the ``growth_pole`` series of the growth_poles arm: counting, over
  all its seeds, the recorded ticks at which some region is a pole, a region is a
  pole of the experiment when it is a pole in more than half of them. The share of
  each seed's ticks in which it was a pole is printed. Every other region is the
  *periphery*.
- *Gain.* Per periphery region and seed, the paired relative gain of last-year
  value added (the mean over the ticks within one year of the end, tick length
  read from the run file): ``100 (VA_poles / VA_no_budget − 1)`` percent, the same
  seed; the absolute gain (mn tenge / year) is reported too.
- *Distance.* ``/regions/distance_km`` of the run file (great-circle km between
  region centres, as the model uses them): to the nearest pole and to each pole.
- *Spearman.* rho of the gain against distance over all (region, seed) points,
  with a bootstrap interval that resamples seeds within each region
  (:func:`replicates.spearman_ci`, stratified). The same for the uniform arm's gain
  against the distance to the same poles is printed as a control: a gradient that
  shows there too comes from the geography and the ties, not from the poles' budget.
- *Bands.* Per seed, the mean gain of the periphery regions in each distance band;
  mean and t interval over seeds.
- *Half distance.* ``gain = g0 * 2^(-d / h)`` fitted (scipy.optimize.curve_fit,
  parametrised by the rate k = 1/h so that a flat or rising gain is a finite fit,
  k <= 0) to the regions' mean gains over seeds; the 95% interval of h is the
  bootstrap over seeds (resampling whole seeds, refitting) of k, mapped to h = 1/k:
  where the interval of k reaches 0 or below, h has no upper bound ("∞"), and where
  k itself is <= 0 the gain does not fall with distance and there is no half
  distance. The fit never reads a model parameter. (With 10 seeds the percentile interval
  covers a known h in about 87% of synthetic experiments, tests/python/test_policy_experiments.py:
  read it as a little narrow.)

The claim read by the verdicts: the periphery gains less the farther it lies from
the poles (Spearman rho < 0 with its interval below 0, and a finite half distance).

    /usr/bin/python3 tools/analysis/pole_periphery.py --bin build/bin/clustersim --seeds 10 \\
        --figure docs/figures/pole_periphery.png
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import pathlib
import sys
import warnings

import numpy as np
from scipy import optimize

from clustersim import runfile as cio
from clustersim.analysis import claim
from clustersim.analysis import replicates as rp

SOURCE = pathlib.Path(__file__).resolve().parents[4]
POLES, NONE, UNIFORM = "growth_poles", "no_budget", "uniform"
SCENARIOS = {POLES: SOURCE / "scenarios" / "growth_poles.yaml",
             NONE: SOURCE / "scenarios" / "growth_poles.yaml",
             UNIFORM: SOURCE / "scenarios" / "uniform.yaml"}
NO_BUDGET = ("policy.national_budget=0",)
BANDS = [(0.0, 500.0), (500.0, 1000.0), (1000.0, 1500.0), (1500.0, math.inf)]
N_BOOT = 1000


def arms(extra: tuple[str, ...] = (), ticks: int | None = None, tag: str = "") -> list[rp.Arm]:
    args = ("--ticks", str(ticks)) if ticks else ()
    return [rp.Arm(f"{name}{tag}", SCENARIOS[name], (*extra, *NO_BUDGET) if name == NONE else extra, args)
            for name in (POLES, NONE, UNIFORM)]


def last_year_va(run: cio.Run) -> np.ndarray:
    """Per region: mean value added over the ticks within one year of the end (tick 0 left out)."""
    s = run.series["value_added"]
    time = np.asarray(s.time, dtype=float)
    mask = (np.arange(len(time)) > 0) & (time > time[-1] - 1.0 + 1e-9)
    return np.asarray(s.value, dtype=float)[mask].mean(axis=0)


def national_last_year(run: cio.Run) -> float:
    s = run.series["value_added"]
    time = np.asarray(s.time, dtype=float)
    mask = (np.arange(len(time)) > 0) & (time > time[-1] - 1.0 + 1e-9)
    nat = s.national if s.national is not None else s.value.sum(axis=1)
    return float(np.asarray(nat, dtype=float)[mask].mean())


def pole_shares(run: cio.Run) -> tuple[np.ndarray, int]:
    """Per region: ticks as a pole, and the number of recorded ticks at which some region is a pole."""
    if "growth_pole" not in run.series:
        raise SystemExit(f"{run.path}: no growth_pole series; the scenario needs the policy layer")
    flags = np.asarray(run.series["growth_pole"].value) > 0.5
    selecting = flags.any(axis=1)
    return flags[selecting].sum(axis=0), int(selecting.sum())


def exp2_decay(d, g0, k):
    return g0 * np.power(2.0, -k * d)


@dataclasses.dataclass
class Fit:
    g0: float
    k: float  #: 1/h, per km
    k_low: float
    k_high: float
    boot_ok: int  #: resamples whose fit converged
    n_boot: int
    message: str = ""
    nearest_km: float = math.nan  #: the smallest distance with data: below it the curve is extrapolated

    @property
    def h(self) -> float:
        return 1.0 / self.k if self.k > 0 else math.nan

    @property
    def bounded(self) -> bool:
        """A gain near the poles that falls with distance, with a finite 95% interval of h."""
        return (not self.message and self.g0 > 0 and self.k > 0
                and math.isfinite(self.k_low) and self.k_low > 0 and not self.h < self.nearest_km / 2)

    def h_interval(self) -> tuple[float, float]:
        lo = 1.0 / self.k_high if self.k_high > 0 else math.nan
        hi = 1.0 / self.k_low if self.k_low > 0 else math.inf
        return lo, hi

    def text(self) -> str:
        if self.message:
            return f"FIT FAILED: {self.message}"
        if not self.g0 > 0:
            loss = (f"half distance of the loss {self.h:.0f} km" if self.k > 0
                    else "not fading with distance")
            return (f"NO HALF DISTANCE OF A GAIN: the fitted gain near a pole is g0 = {self.g0:.3g}% <= 0 "
                    f"(a loss, {loss})")
        if not self.k > 0:
            return (f"NO HALF DISTANCE: the gain does not fall with distance (k = {self.k:.3g}/km, "
                    f"95% CI [{self.k_low:.3g}, {self.k_high:.3g}])")
        lo, hi = self.h_interval()
        hi_text = "∞" if math.isinf(hi) else f"{hi:.0f}"
        lo_text = "–" if not math.isfinite(lo) else f"{lo:.0f}"
        extra = " (the CI of the decay rate reaches 0: no upper bound)" if math.isinf(hi) else ""
        if self.h < self.nearest_km / 2:
            extra += (f"; h is under half the nearest region's distance ({self.nearest_km:.0f} km): "
                      "the decay and g0 are extrapolated, not measured")
        return (f"h = {self.h:.0f} km [{lo_text}, {hi_text}]{extra}, g0 = {self.g0:.3g}%; "
                f"{self.boot_ok}/{self.n_boot} bootstrap fits converged")


def fit_half_distance(distance: np.ndarray, gains: np.ndarray, n_boot: int = N_BOOT, seed: int = 0) -> Fit:
    """gain = g0 2^(-k d) on the regions' mean gains over seeds (gains: [seed][region]); the
    bootstrap resamples seeds. k <= 0 means the gain does not fall with distance."""
    def fit(mean_gain: np.ndarray):
        ok = np.isfinite(mean_gain)
        if ok.sum() < 3:
            return None
        d, y = distance[ok], mean_gain[ok]
        p0 = (float(y[np.argmin(d)]) or 1.0, 1.0 / 1000.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                p, _ = optimize.curve_fit(exp2_decay, d, y, p0=p0, maxfev=20000)
            except (RuntimeError, ValueError, optimize.OptimizeWarning):
                return None
        return p if np.all(np.isfinite(p)) else None

    gains = np.asarray(gains, dtype=float)
    if gains.shape[1] < 3:
        return Fit(math.nan, math.nan, math.nan, math.nan, 0, 0, f"{gains.shape[1]} periphery regions, need 3")
    best = fit(np.nanmean(gains, axis=0))
    if best is None:
        return Fit(math.nan, math.nan, math.nan, math.nan, 0, 0, "curve_fit did not converge on the mean gains")
    rng = np.random.default_rng(seed)
    ks = []
    for _ in range(n_boot):
        p = fit(np.nanmean(gains[rng.integers(0, gains.shape[0], gains.shape[0])], axis=0))
        if p is not None:
            ks.append(p[1])
    if len(ks) < 0.9 * n_boot:
        return Fit(float(best[0]), float(best[1]), math.nan, math.nan, len(ks), n_boot,
                   f"only {len(ks)}/{n_boot} bootstrap fits converged")
    lo, hi = np.quantile(ks, [0.025, 0.975])
    return Fit(float(best[0]), float(best[1]), float(lo), float(hi), len(ks), n_boot,
               nearest_km=float(np.min(distance)))


def analyse(rows: dict[str, dict[int, cio.Run]]) -> dict:
    """Poles, periphery, distances and the per-seed gains of one point of the design."""
    seeds = sorted(set(rows[POLES]) & set(rows[NONE]))
    first = rows[POLES][seeds[0]]
    regions = list(first.regions)
    distance = first.distance_km
    if distance is None:
        raise SystemExit(f"{first.path}: no /regions/distance_km (an older run file)")
    counts, selecting = np.zeros(len(regions)), 0
    per_seed_share = {}
    for s in sorted(rows[POLES]):
        c, n = pole_shares(rows[POLES][s])
        counts += c
        selecting += n
        per_seed_share[s] = c / n if n else np.zeros(len(regions))
    if selecting == 0:
        raise SystemExit("no region was ever a growth pole in the growth_poles arm")
    share = counts / selecting
    poles = [i for i in range(len(regions)) if share[i] > 0.5]
    if not poles:
        raise SystemExit("no region was a growth pole in more than half of the ticks")
    periphery = [i for i in range(len(regions)) if i not in poles]
    va = {a: {s: last_year_va(r) for s, r in runs.items()} for a, runs in rows.items()}
    with np.errstate(divide="ignore", invalid="ignore"):  # a region with no value added: no relative gain
        rel = np.array([100.0 * (va[POLES][s][periphery] / va[NONE][s][periphery] - 1.0) for s in seeds])
    rel[~np.isfinite(rel)] = np.nan
    # The same gain under uniform spending: a gradient that shows here too comes from the
    # geography and the ties, not from the poles' budget.
    uni = [s for s in seeds if s in va.get(UNIFORM, {})]
    with np.errstate(divide="ignore", invalid="ignore"):
        rel_uniform = np.array([100.0 * (va[UNIFORM][s][periphery] / va[NONE][s][periphery] - 1.0)
                                for s in uni]).reshape(len(uni), len(periphery))
    rel_uniform[~np.isfinite(rel_uniform)] = np.nan
    absolute = np.array([va[POLES][s][periphery] - va[NONE][s][periphery] for s in seeds])
    return {"seeds": seeds, "regions": regions, "distance": distance, "poles": poles, "periphery": periphery,
            "share": share, "per_seed_share": per_seed_share, "va": va, "rel": rel, "abs": absolute,
            "rel_uniform": rel_uniform,
            "nearest": distance[np.ix_(poles, periphery)].min(axis=0),
            "national": {a: {s: national_last_year(r) for s, r in runs.items()} for a, runs in rows.items()}}


_fmt = claim.estimate
_diff = claim.difference


def band_label(lo: float, hi: float) -> str:
    return f"≥ {lo:g} km" if math.isinf(hi) else f"{lo:g}–{hi:g} km"


def band_means(nearest: np.ndarray, gains: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Per band with regions: its label and, per seed, the mean gain of its regions."""
    out = []
    for lo, hi in BANDS:
        inside = (nearest >= lo) & (nearest < hi)
        if inside.any() and gains.shape[0]:
            out.append((band_label(lo, hi), np.nanmean(gains[:, inside], axis=1)))
    return out


def band_contrasts(a: dict) -> list[list[str]]:
    """The nearest band's gain minus each farther band's, per seed, as mean [95% CI] over
    seeds: a coarser reading of "falls with distance" than Spearman's rho, which weighs
    every pair of regions within a band too."""
    poles = band_means(a["nearest"], a["rel"])
    control = dict(band_means(a["nearest"], a["rel_uniform"]))
    rows = []
    for label, far in poles[1:]:
        near_label, near = poles[0]
        cells = [f"{near_label} − {label}", _fmt(rp.mean_ci(near - far))]
        if near_label in control and label in control:
            cells.append(_fmt(rp.mean_ci(control[near_label] - control[label])))
        else:
            cells.append("–")
        rows.append(cells)
    return rows


def gradient(distance: np.ndarray, gains: np.ndarray, n_boot: int = N_BOOT) -> tuple[rp.Correlation, Fit]:
    """Spearman of gain on distance over (region, seed) points, and the half-distance fit."""
    x = np.tile(distance, gains.shape[0])
    c = rp.spearman_ci(x, gains.ravel(), n_boot=n_boot)
    return c, fit_half_distance(distance, gains, n_boot)


def report(label: str, a: dict, n_seeds: int, n_boot: int = N_BOOT) -> tuple[list[str], dict]:
    regions, poles, periphery = a["regions"], a["poles"], a["periphery"]
    lines = [f"#### {label}", ""]
    pole_cells = []
    for p in poles:
        per_seed = [a["per_seed_share"][s][p] for s in sorted(a["per_seed_share"])]
        pole_cells.append(f"{regions[p]} (pole in {a['share'][p]:.0%} of the pole ticks; in more than half "
                          f"of them in {sum(x > 0.5 for x in per_seed)}/{len(per_seed)} seeds)")
    lines += ["Poles: " + "; ".join(pole_cells) + ".", ""]

    nat = a["national"]
    n_rows = []
    for x, y in ((POLES, NONE), (UNIFORM, NONE), (POLES, UNIFORM)):
        if x in nat and y in nat:
            n_rows.append([f"{x} − {y}", _diff(rp.paired_difference(nat[x], nat[y]))])
    lines += ["National last-year value added [mn tenge/yr], paired difference [95% CI]:", "",
              rp.markdown_table(["arms", "difference"], n_rows), ""]

    rows = []
    va = a["va"]
    seeds = a["seeds"]
    uni = [s for s in seeds if s in va.get(UNIFORM, {})]
    for j, r in enumerate(periphery):
        cells = [regions[r], f"{a['nearest'][j]:.0f}"] + [f"{a['distance'][p, r]:.0f}" for p in poles]
        cells.append(_fmt(rp.mean_ci(a["rel"][:, j])))
        cells.append(_fmt(rp.mean_ci(a["abs"][:, j])))
        if uni:
            cells.append(_fmt(rp.mean_ci(100.0 * (va[UNIFORM][s][r] / va[NONE][s][r] - 1.0) for s in uni)))
        rows.append(cells)
    for p in poles:
        cells = [f"{regions[p]} (pole)", "0"] + [f"{a['distance'][q, p]:.0f}" for q in poles]
        cells.append(_fmt(rp.mean_ci(100.0 * (va[POLES][s][p] / va[NONE][s][p] - 1.0) for s in seeds)))
        cells.append(_fmt(rp.mean_ci(va[POLES][s][p] - va[NONE][s][p] for s in seeds)))
        if uni:
            cells.append(_fmt(rp.mean_ci(100.0 * (va[UNIFORM][s][p] / va[NONE][s][p] - 1.0) for s in uni)))
        rows.append(cells)
    head = (["region", "km to nearest pole"] + [f"km to {regions[p]}" for p in poles]
            + [f"gain {POLES} − {NONE} [%]", "gain [mn tenge/yr]"] + ([f"gain {UNIFORM} − {NONE} [%]"] if uni else []))
    lines += [f"Last-year value-added gain per region, paired over {len(seeds)}/{n_seeds} seeds, mean [95% CI]:", "",
              rp.markdown_table(head, rows), ""]

    b_rows = []
    for lo, hi in BANDS:
        inside = (a["nearest"] >= lo) & (a["nearest"] < hi)
        if not inside.any():
            b_rows.append([band_label(lo, hi), 0, "–"])
            continue
        b_rows.append([band_label(lo, hi), int(inside.sum()), _fmt(rp.mean_ci(np.nanmean(a["rel"][:, inside], axis=1)))])
    lines += ["Periphery gain [%] by distance to the nearest pole (per seed the mean over the band's regions):", "",
              rp.markdown_table(["band", "regions", "gain [%], mean [95% CI] over seeds"], b_rows), ""]
    c_rows = band_contrasts(a)
    if c_rows:
        lines += ["Nearest band against each farther band, paired over seeds (gain near − gain far, "
                  "percentage points); the uniform arm's same contrast is the control for geography:", "",
                  rp.markdown_table(["contrast", f"{POLES} − {NONE}", f"control: {UNIFORM} − {NONE}"], c_rows), ""]

    g_rows, summary = [], {}
    targets = [("nearest pole", a["nearest"])] + [(regions[p], a["distance"][p, periphery]) for p in poles]
    for name, d in targets:
        c, fit = gradient(d, a["rel"], n_boot)
        summary[name] = (c, fit)
        g_rows.append([name, f"{c.rho:.3g} [{c.low:.3g}, {c.high:.3g}] (n={c.n})",
                       claim.verdict(c.low, c.high, sign=-1), fit.text()])
    if a["rel_uniform"].shape[0] >= 2:
        c, fit = gradient(a["nearest"], a["rel_uniform"], n_boot)
        g_rows.append([f"nearest pole, control: {UNIFORM} − {NONE}",
                       f"{c.rho:.3g} [{c.low:.3g}, {c.high:.3g}] (n={c.n})",
                       claim.verdict(c.low, c.high, sign=-1), fit.text()])
    lines += ["Gain [%] against distance: Spearman rho [95% bootstrap CI, seeds resampled within regions]; "
              "gain = g0 2^(-d/h) fitted to the regions' mean gains, h with a 95% bootstrap-over-seeds CI:", "",
              rp.markdown_table(["distance to", "Spearman rho", "rho < 0?", "half distance h"], g_rows), ""]
    return lines, summary


def figure(a: dict, path: pathlib.Path, title: str, summary: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    regions, poles, periphery = a["regions"], a["poles"], a["periphery"]
    targets = [("nearest pole", a["nearest"])] + [(regions[p], a["distance"][p, periphery]) for p in poles]
    fig, axes = plt.subplots(1, len(targets), figsize=(5.2 * len(targets), 4.6), squeeze=False)
    for ax, (name, d) in zip(axes[0], targets):
        rel = a["rel"]
        for row in rel:
            ax.plot(d, row, ".", color="0.7", ms=3)
        ests = [rp.mean_ci(rel[:, j]) for j in range(rel.shape[1])]
        rp.plot_against(ax, d, ests, label="mean, 95% CI over seeds", linestyle="none")
        if name == "nearest pole" and a["rel_uniform"].shape[0]:
            ax.plot(d, np.nanmean(a["rel_uniform"], axis=0), "s", mfc="none", color="tab:green",
                    label=f"control: {UNIFORM} − {NONE}, mean")
        c, fit = summary[name]
        if math.isfinite(fit.g0) and math.isfinite(fit.k):
            xs = np.linspace(0, max(d.max(), 1.0) * 1.05, 100)
            lab = (f"fit: h = {fit.h:.0f} km" if fit.g0 > 0 and fit.k > 0
                   else f"fit: no half distance of a gain (g0 {fit.g0:.2g}%, k {fit.k:.2g}/km)")
            ax.plot(xs, exp2_decay(xs, fit.g0, fit.k), "r-", label=lab)
        ax.axhline(0, color="k", lw=0.8)
        ax.set_xlabel(f"distance to {name} [km]")
        ax.set_ylabel(f"last-year VA gain, {POLES} − {NONE} [%]")
        ax.set_title(f"{name}: rho {c.rho:.2f} [{c.low:.2f}, {c.high:.2f}]", fontsize="medium")
        ax.legend(fontsize="x-small")
    fig.suptitle(title, fontsize="medium")
    rp.save_figure(fig, path)


def sweep_figure(labels: list[str], fits: list[tuple[rp.Correlation, Fit]], path: pathlib.Path) -> None:
    """Spearman's rho of the periphery gain on distance to the nearest pole, and the fitted half
    distance where there is one, at every point of the sweep: the claim holds where rho's CI lies
    below 0 and h is bounded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    x = np.arange(len(labels))
    rho = [rp.Estimate(c.rho, c.low, c.high, math.nan, c.n) for c, _ in fits]
    rp.plot_against(left, x, rho)
    left.axhline(0, color="k", lw=0.8)
    left.set_ylabel("Spearman rho, gain vs km to nearest pole")
    left.set_title("claim holds where the CI lies below 0", fontsize="medium")
    for i, (_, fit) in enumerate(fits):
        if fit.g0 > 0 and fit.k > 0:
            lo, hi = fit.h_interval()
            top = hi if math.isfinite(hi) else 2 * max(fit.h, 1.0)
            right.errorbar([i], [fit.h], yerr=[[fit.h - (lo if math.isfinite(lo) else fit.h)], [top - fit.h]],
                           fmt="o", capsize=3, uplims=not math.isfinite(hi))
        else:
            right.annotate("no half distance\nof a gain", (i, 0), ha="center", va="bottom", fontsize="x-small")
    right.set_ylabel("fitted half distance h [km], 95% CI")
    right.set_ylim(bottom=-50, top=max([f.h_interval()[1] for _, f in fits if f.bounded] + [1000.0]) * 1.1)
    for ax in (left, right):
        ax.set_xticks(x)
        ax.set_xticklabels(labels, rotation=20, fontsize="small")
        ax.set_xlim(-0.5, len(labels) - 0.5)
    rp.save_figure(fig, path)



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rp.add_run_arguments(parser, "arm")
    rp.add_setting_arguments(parser, "the no-budget arm keeps a zero budget")
    parser.add_argument("--work", default="out/pole_periphery", help="folder for the run files (cached)")
    parser.add_argument("--jobs", type=int, help="runs at a time (default: CPU count)")
    parser.add_argument("--figure", type=pathlib.Path, help="write the figure (PNG) here")
    parser.add_argument("--boot", type=int, default=N_BOOT, help=f"bootstrap resamples (default {N_BOOT})")
    parser.add_argument("--fresh", action="store_true", help="rerun even complete run files")
    args = parser.parse_args(argv)
    try:
        grid = claim.settings_grid(args.settings, claim.parse_sweep(args.sweep))
    except ValueError as err:
        parser.error(str(err))
    tags = [f" [{label}]" if args.sweep else "" for label, _ in grid]
    point_arms = [arms(over, args.ticks, tag) for (_, over), tag in zip(grid, tags)]
    arm_list = [x for group in point_arms for x in group]
    res = rp.run_arms(arm_list, range(1, args.seeds + 1), args.bin, args.work, args.jobs, args.fresh,
                      log=lambda m: print(m, file=sys.stderr))
    if any(res.n(x.name) == 0 for x in arm_list):
        print("no complete run for some arm:\n" + "\n".join(map(str, res.failures)), file=sys.stderr)
        return 1
    print(f"Growth poles and the periphery: {args.seeds} paired seeds per arm; overrides for every arm: "
          f"{', '.join(args.settings) or 'none'}{'; sweep ' + args.sweep if args.sweep else ''}.\n")
    claim_rows, sweep_fits = [], []
    for (label, _), tag, group in zip(grid, tags, point_arms):
        rows = {x.name[:len(x.name) - len(tag)] if tag else x.name:
                {s: res.run(x.name, s) for s in res.paths[x.name]} for x in group}
        a = analyse(rows)
        lines, summary = report(label, a, args.seeds, args.boot)
        print("\n".join(lines))
        c, fit = summary["nearest pole"]
        sweep_fits.append((c, fit))
        holds = c.high < 0 and fit.bounded
        claim_rows.append([label, f"{c.rho:.3g} [{c.low:.3g}, {c.high:.3g}]", fit.text(),
                           "holds" if holds else "fails (rho CI not below 0, or no gain that falls with distance with a bounded half distance)"])
        if args.figure:
            path = args.figure if not args.sweep else args.figure.with_name(
                f"{args.figure.stem}-{rp.slug(label)}{args.figure.suffix}")
            figure(a, path, f"pole_periphery, {label}: {len(a['seeds'])} paired seeds", summary)
            print(f"Figure: {path}\n")
    print("#### The claim at each setting: periphery gain falls with distance to the nearest pole\n")
    print(rp.markdown_table(["setting", "Spearman rho [95% CI]", "half distance", "reading"], claim_rows))
    print()
    if args.sweep and args.figure:
        path = args.figure.with_name(f"{args.figure.stem}-sweep{args.figure.suffix}")
        sweep_figure([label for label, _ in grid], sweep_fits, path)
        print(f"Figure: {path}")
    if res.failures:
        print(f"Failed runs (left out): {'; '.join(map(str, res.failures))}")
    return 1 if res.failures else 0
