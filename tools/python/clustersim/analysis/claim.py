"""Where an experiment's claim holds and where it fails: a verdict per interval,
and ``--sweep KEY=V1,V2,...`` to repeat an experiment over a parameter.

An experiment states its claim as the sign of a paired difference (or of a
correlation); :func:`verdict` reads the 95% interval: "holds" when it excludes 0
on the claimed side, "reversed" when it excludes 0 on the other side, "not
shown" when it contains 0. Repeating the experiment at several values of one
setting (:func:`parse_sweep`) then shows the parameter region of each verdict.
"""

from __future__ import annotations

import math


def verdict(low: float, high: float, sign: int = 1) -> str:
    """The reading of a 95% interval [low, high] for a claim that the quantity has `sign` (+1 or -1)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return "undecided (no interval)"
    lo, hi = (low, high) if sign > 0 else (-high, -low)
    if lo > 0:
        return "holds (CI excludes 0)"
    if hi < 0:
        return "reversed (CI excludes 0, other side)"
    return "not shown (CI includes 0)"


def parse_sweep(text: str | None) -> tuple[str, list[str]] | None:
    """``KEY=V1,V2,...`` -> (KEY, [V1, V2, ...]); None for None. Raises ValueError if malformed."""
    if text is None:
        return None
    key, sep, values = text.partition("=")
    items = [v.strip() for v in values.split(",") if v.strip()]
    if not sep or not key.strip() or not items:
        raise ValueError(f"--sweep {text!r}: expected KEY=V1,V2,...")
    return key.strip(), items


def settings_grid(extra: list[str], sweep: tuple[str, list[str]] | None) -> list[tuple[str, tuple[str, ...]]]:
    """(label, overrides) per point of the sweep: the `extra` overrides plus KEY=V;
    one point labelled by `extra` (or "as scenario") without a sweep."""
    if sweep is None:
        return [(", ".join(extra) or "scenario settings", tuple(extra))]
    key, values = sweep
    return [(f"{key}={v}", (*extra, f"{key}={v}")) for v in values]


def number(x: float) -> str:
    """Large numbers as integers (value added in mn tenge), the rest to 4 significant digits."""
    return f"{x:.0f}" if math.isfinite(x) and abs(x) >= 1e4 else f"{x:.4g}"


def estimate(e) -> str:
    """An Estimate (or anything with mean, low, high) as 'mean [low, high]'."""
    return f"{number(e.mean)} [{number(e.low)}, {number(e.high)}]"


def difference(d) -> str:
    """A Difference as 'mean [low, high] (n=pairs)'."""
    return f"{estimate(d)} (n={d.n})"
