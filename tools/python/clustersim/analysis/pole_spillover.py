"""What each growth pole passes to the periphery, as a function of distance.

For every region that was a growth pole in a run, and every non-pole region
(the periphery), prints the great-circle distance between them, the
periphery region's annualised growth of ``mean_knowledge`` and of
``value_added``, and a reference spillover weight at that distance,
``2^(-d / h)`` with Keller's (2002) ``h = 1200`` km: the decay the measured
periphery growth is compared with (the model has no decay parameter; knowledge
crosses regions only along ties and with workers, docs/MODEL.md 7.2). Then, per pole, the "multiplier on the periphery": the least-squares
slope through the origin of periphery growth on the pole's own growth times
the distance weight, ``g_r = b * g_pole * 2^(-d_r / h)``, for knowledge and
value added separately, with the number of regions and the R² (uncentred, as
for a fit through the origin), and the periphery's mean growth by distance
band from the pole.

Rules:

- *Pole.* The ``growth_pole`` series is re-chosen every tick. Counting only
  the recorded rows in which some region is a pole (tick 0, before the first
  policy phase, has none), a region is a pole of the run when it is a pole in
  more than half of them.
- *Periphery.* All regions that are not poles of the run; each appears once
  per pole. Other poles are left out: they receive the targeted budget
  themselves.
- *Growth.* ``(x_end / x_start)^(1 / years) - 1`` from tick 1 (tick 0 has no
  production yet) to the last recorded tick; undefined (blank) where
  ``x_start <= 0``.
- *Distance.* The run file's ``/regions/distance_km``: the great-circle
  distances the model itself used (docs/OUTPUT.md).
- *Reference half distance.* 1,200 km (Keller 2002, AER 92(1):120), fixed.
  Files written before clustersim recorded the distances are refused.

With several run files (replicates), each pole's figures are given as mean ±
standard deviation across the runs in which that region was a pole.
Unusable input (missing file, no ``growth_pole`` series, no distances or
parameters, no pole) exits with status 2.

    /usr/bin/python3 tools/analysis/pole_spillover.py out/growth_poles-*.h5 --csv poles.csv

From Python (``PYTHONPATH=tools/python``): ``read_run(path)`` gives the rows and
facts of one file, ``report(rows, facts)`` the Markdown.
"""

from __future__ import annotations

import argparse
import csv
import math
import pathlib
import statistics
import sys

import numpy as np

from clustersim import runfile as cio

REFERENCE_HALF_DISTANCE_KM = 1200.0  # Keller (2002): the benchmark, not a model parameter
BANDS = [(0.0, 500.0), (500.0, 1000.0), (1000.0, 2000.0), (2000.0, math.inf)]
CSV_COLUMNS = ["file", "seed", "pole", "pole_tick_share", "pole_knowledge_growth", "pole_value_added_growth",
               "region", "distance_km", "half_distance_km", "weight", "knowledge_growth", "value_added_growth"]


class InputError(Exception):
    """A run file the report cannot use (exit status 2)."""


def annual_growth(values: np.ndarray, years: float) -> np.ndarray:
    """Per-region annualised growth from row 1 to the last row (NaN where undefined)."""
    start, end = values[1], values[-1]
    out = np.full(start.shape, np.nan)
    ok = (start > 0) & (end >= 0)
    out[ok] = (end[ok] / start[ok]) ** (1.0 / years) - 1.0
    return out


def read_run(path: pathlib.Path) -> tuple[list[dict], dict]:
    """The per-pole-per-region rows of one run file and the run's facts (seed, poles, h)."""
    try:
        run = cio.load_run(path)
    except (FileNotFoundError, OSError) as err:
        raise InputError(f"{path}: cannot read: {err}") from err
    if "growth_pole" not in run.series:
        raise InputError(f"{path}: no growth_pole series (/observables/growth_pole); "
                         "run a scenario with the policy layer (e.g. scenarios/growth_poles.yaml)")
    for name in ("mean_knowledge", "value_added"):
        if name not in run.series:
            raise InputError(f"{path}: no {name} series")
    distance = run.distance_km
    if distance is None:
        raise InputError(f"{path}: no /regions/distance_km (written by an older clustersim; run it again)")
    h = REFERENCE_HALF_DISTANCE_KM

    pole_series = run.series["growth_pole"]
    knowledge, value_added = run.series["mean_knowledge"], run.series["value_added"]
    rows = min(len(pole_series.step), len(knowledge.step), len(value_added.step))
    if rows < 3:
        raise InputError(f"{path}: {rows} recorded ticks; growth needs at least 3 (ticks 0, 1 and a later one)")
    flags = pole_series.value[:rows] > 0.5
    selecting = flags.any(axis=1)
    if not selecting.any():
        raise InputError(f"{path}: no region was ever a growth pole (growth_pole_count 0 or no policy?)")
    share = flags[selecting].mean(axis=0)
    poles = [i for i in range(len(share)) if share[i] > 0.5]
    if not poles:
        raise InputError(f"{path}: no region was a growth pole in more than half of the ticks")
    n = len(run.regions)
    if distance.shape != (n, n):
        raise InputError(f"{path}: /regions/distance_km is {distance.shape}, not {n} x {n} regions")

    years = float(value_added.time[rows - 1] - value_added.time[1])
    g_k = annual_growth(knowledge.value[:rows], years)
    g_va = annual_growth(value_added.value[:rows], years)
    seed = run.parameters.get("seed", "")
    out = []
    for p in poles:
        for r in range(n):
            if r in poles:
                continue
            d = float(distance[p, r])
            out.append({
                "file": str(path), "seed": seed, "pole": run.regions[p], "pole_tick_share": float(share[p]),
                "pole_knowledge_growth": float(g_k[p]), "pole_value_added_growth": float(g_va[p]),
                "region": run.regions[r], "distance_km": d, "half_distance_km": h, "weight": 2.0 ** (-d / h),
                "knowledge_growth": float(g_k[r]), "value_added_growth": float(g_va[r]),
            })
    facts = {"seed": seed, "poles": [run.regions[p] for p in poles], "half_distance_km": h,
             "years": years, "ticks": int(value_added.step[rows - 1])}
    return out, facts


def through_origin(x: np.ndarray, y: np.ndarray) -> tuple[float, float, int]:
    """Least-squares slope of y = b x without intercept, its uncentred R² and the n used."""
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    sxx = float((x * x).sum())
    if len(x) == 0 or sxx == 0:
        return math.nan, math.nan, int(len(x))
    b = float((x * y).sum()) / sxx
    syy = float((y * y).sum())
    r2 = 1.0 - float(((y - b * x) ** 2).sum()) / syy if syy > 0 else math.nan
    return b, r2, int(len(x))


def pole_summary(rows: list[dict]) -> dict[str, float]:
    """Multipliers and band means of one pole in one run (rows: that pole's periphery)."""
    w = np.array([r["weight"] for r in rows])
    out: dict[str, float] = {
        "pole_tick_share": rows[0]["pole_tick_share"],
        "pole_knowledge_growth": rows[0]["pole_knowledge_growth"],
        "pole_value_added_growth": rows[0]["pole_value_added_growth"],
    }
    for key in ("knowledge", "value_added"):
        y = np.array([r[f"{key}_growth"] for r in rows])
        b, r2, n = through_origin(rows[0][f"pole_{key}_growth"] * w, y)
        out[f"{key}_slope"], out[f"{key}_r2"], out[f"{key}_n"] = b, r2, n
        ok = np.isfinite(y)
        out[f"{key}_corr"] = (float(np.corrcoef(w[ok], y[ok])[0, 1])
                              if ok.sum() > 2 and np.std(w[ok]) > 0 and np.std(y[ok]) > 0 else math.nan)
        d = np.array([r["distance_km"] for r in rows])
        for lo, hi in BANDS:
            band = (d >= lo) & (d < hi) & np.isfinite(y)
            out[f"{key}_band_{lo:g}_{hi:g}"] = float(y[band].mean()) if band.any() else math.nan
            out[f"n_band_{lo:g}_{hi:g}"] = float(band.sum())
    return out


def cell(values: list[float], scale: float = 1.0, digits: int = 3) -> str:
    """mean ± sd (sd only with two or more finite values); '–' if none is finite."""
    v = [x * scale for x in values if x is not None and math.isfinite(x)]
    if not v:
        return "–"
    if len(v) == 1:
        return f"{v[0]:.{digits}g}"
    return f"{statistics.mean(v):.{digits}g} ± {statistics.stdev(v):.2g}"


def band_label(lo: float, hi: float) -> str:
    return f">{lo:g} km" if math.isinf(hi) else (f"<{hi:g} km" if lo == 0 else f"{lo:g}–{hi:g} km")


def report(all_rows: list[dict], facts: list[dict]) -> str:
    """The Markdown tables."""
    runs = len(facts)
    poles = sorted({r["pole"] for r in all_rows}, key=lambda p: min(i for i, r in enumerate(all_rows) if r["pole"] == p))
    hs = sorted({f["half_distance_km"] for f in facts})
    lines = [f"{runs} run file(s); seeds {', '.join(str(f['seed']) for f in facts)}; "
             f"growth per year from tick 1 to tick {facts[0]['ticks']} ({facts[0]['years']:g} years); "
             f"reference half distance {', '.join(f'{h:g}' for h in hs)} km (Keller 2002). "
             + ("Figures are mean ± sd across the runs in which the region was a pole." if runs > 1 else ""), ""]

    summaries: dict[str, list[dict]] = {p: [] for p in poles}
    for f in facts:
        for p in f["poles"]:
            summaries[p].append(pole_summary([r for r in all_rows if r["pole"] == p and r["file"] == f["file"]]))

    lines += ["#### Poles", "",
              "| pole | runs as pole | share of ticks as pole | own knowledge growth %/yr | own VA growth %/yr |",
              "| --- | --- | --- | --- | --- |"]
    for p in poles:
        s = summaries[p]
        lines.append(f"| {p} | {len(s)} of {runs} | {cell([x['pole_tick_share'] for x in s], digits=2)} | "
                     f"{cell([x['pole_knowledge_growth'] for x in s], 100)} | "
                     f"{cell([x['pole_value_added_growth'] for x in s], 100)} |")

    lines += ["", "#### Multiplier on the periphery", "",
              "Slope b of periphery growth on (pole growth × 2^(-d/h)), least squares through the origin, "
              "with its uncentred R²; r is the ordinary (centred) correlation of periphery growth with the "
              "weight, positive when growth falls with distance.", "",
              "| pole | regions | knowledge b | knowledge R² | knowledge r | VA b | VA R² | VA r |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for p in poles:
        s = summaries[p]
        lines.append(f"| {p} | {cell([x['knowledge_n'] for x in s])} | {cell([x['knowledge_slope'] for x in s])} | "
                     f"{cell([x['knowledge_r2'] for x in s], digits=2)} | {cell([x['knowledge_corr'] for x in s], digits=2)} | "
                     f"{cell([x['value_added_slope'] for x in s])} | {cell([x['value_added_r2'] for x in s], digits=2)} | "
                     f"{cell([x['value_added_corr'] for x in s], digits=2)} |")

    lines += ["", "#### Periphery growth by distance from the pole (%/yr)", "",
              "| pole | band | regions | weight 2^(-d/h) | knowledge growth | VA growth |",
              "| --- | --- | --- | --- | --- | --- |"]
    for p in poles:
        s = summaries[p]
        prow = [r for r in all_rows if r["pole"] == p]
        for lo, hi in BANDS:
            key = f"{lo:g}_{hi:g}"
            ws = [r["weight"] for r in prow if lo <= r["distance_km"] < hi]
            wtxt = f"{min(ws):.2f}–{max(ws):.2f}" if ws else "–"
            lines.append(f"| {p} | {band_label(lo, hi)} | {cell([x['n_band_' + key] for x in s])} | {wtxt} | "
                         f"{cell([x['knowledge_band_' + key] for x in s], 100)} | "
                         f"{cell([x['value_added_band_' + key] for x in s], 100)} |")

    lines += ["", "#### Periphery regions", "",
              "| pole | region | distance km | weight | knowledge growth %/yr | VA growth %/yr |",
              "| --- | --- | --- | --- | --- | --- |"]
    for p in poles:
        regions: dict[str, list[dict]] = {}
        for r in all_rows:
            if r["pole"] == p:
                regions.setdefault(r["region"], []).append(r)
        for name, rs in sorted(regions.items(), key=lambda kv: kv[1][0]["distance_km"]):
            lines.append(f"| {p} | {name} | {rs[0]['distance_km']:.0f} | {rs[0]['weight']:.3f} | "
                         f"{cell([r['knowledge_growth'] for r in rs], 100)} | "
                         f"{cell([r['value_added_growth'] for r in rs], 100)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="Rules: see the module docstring (pole = growth_pole 1 in more "
                                            "than half of the ticks; periphery = the non-pole regions).")
    parser.add_argument("runs", nargs="+", type=pathlib.Path, help="run files (replicates of one scenario)")
    parser.add_argument("--csv", type=pathlib.Path, help="write the per-pole-per-region rows here")
    args = parser.parse_args(argv)
    all_rows: list[dict] = []
    facts: list[dict] = []
    try:
        for path in args.runs:
            rows, f = read_run(path)
            f["file"] = str(path)
            all_rows += rows
            facts.append(f)
    except InputError as err:
        print(f"pole_spillover: {err}", file=sys.stderr)
        return 2
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            for r in all_rows:
                writer.writerow({k: ("" if isinstance(r[k], float) and math.isnan(r[k]) else
                                     (repr(r[k]) if isinstance(r[k], float) else r[k])) for k in CSV_COLUMNS})
    print(report(all_rows, facts))
    return 0
