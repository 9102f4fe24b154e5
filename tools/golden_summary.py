#!/usr/bin/python3
"""Prints an exact, diffable text summary of a clustersim run file.

    /usr/bin/python3 tools/golden_summary.py RUN.h5 [--header LINE]... [-o FILE]

This is the format of the golden run summaries in tests/golden/ (written and
checked by tools/golden). For every dataset under /regions, /observables and,
when the run has snapshots, /particles and /network, it prints

  PATH  DTYPE[SHAPE]  sum=S  sha256=H      one line per dataset, where
        sha256 is the SHA-256 of the dataset's raw little-endian bytes in C
        order (variable-length strings: each one's UTF-8 bytes followed by a
        NUL byte) and S its sum (math.fsum for floats, i.e. correctly rounded
        and independent of order; exact for integers)
  PATH @ ATTR=VALUE ...                its attributes (not the dimension-scale
                                       bookkeeping: CLASS, NAME, DIMENSION_LIST,
                                       REFERENCE_LIST)
  and values, every number as Python's repr (the shortest text that reads back
  to the same double, so exact):
    /regions/*, and snapshot time/step/offset/count: every value;
    /observables/*/value [time][region]: every region at the first, middle and
      last tick, one line per tick;
    /observables/*/national, time, step: the values at those three ticks;
    snapshot tables (one row per agent or link): the sum over each snapshot.

After /regions it lists the stage transitions (every tick where a region's
/observables/stage changes). Provenance (/parameters: threads, times, host,
command line, program version) is left out, except the few attributes that say
what was run (scenario name, seed, tick length, snapshot interval, status), so
the summary of a run is the same at any thread count and on any machine.

Uses Debian's python3-h5py and python3-numpy only (run it with /usr/bin/python3).
"""

import argparse
import hashlib
import math
import sys

import h5py
import numpy as np

FORMAT = "clustersim-golden-summary 1"
# HDF5 dimension-scale bookkeeping: object references and netCDF marker names,
# not results.
SKIP_ATTRS = {"CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST", "_Netcdf4Dimid", "_Netcdf4Coordinates"}
# Attributes of /parameters that say what was run (the others are provenance).
RUN_ATTRS = ("scenario_name", "run_id", "replicate", "seed", "tick_length", "snapshot_every", "status")
# Datasets of a snapshot group with one entry per snapshot (the rest have one per row).
PER_SNAPSHOT = {"time", "step", "offset", "count"}


def fmt(x):
    """Exact, stable text for one value."""
    if isinstance(x, (bytes, np.bytes_)):
        x = x.decode("utf-8")
    if isinstance(x, str):
        return repr(x)
    if isinstance(x, (bool, np.bool_)):
        return "true" if x else "false"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        return repr(float(x))  # float32 widens exactly to double
    if isinstance(x, np.ndarray):
        return fmt_list(x.tolist())
    return repr(x)


def fmt_list(values):
    return "[" + ", ".join(fmt(v) for v in values) + "]"


def is_string(ds):
    return h5py.check_string_dtype(ds.dtype) is not None or ds.dtype.kind in "SUO"


def read(ds):
    if is_string(ds):
        return np.array(ds.asstr()[()], dtype=object)
    return ds[()]


def digest(ds, data):
    h = hashlib.sha256()
    if is_string(ds):
        for s in np.asarray(data, dtype=object).ravel():
            h.update(str(s).encode("utf-8") + b"\0")
    else:
        arr = np.ascontiguousarray(data, dtype=data.dtype.newbyteorder("<"))
        h.update(arr.tobytes())
    return h.hexdigest()


def total(data):
    if data.dtype.kind == "f":
        return fmt(math.fsum(data.ravel().tolist()))
    if data.dtype.kind in "iub":
        return str(sum(int(v) for v in data.ravel().tolist()))
    return None


def dtype_name(ds):
    return "string" if is_string(ds) else str(ds.dtype)


def attr_line(path, obj):
    items = [(k, obj.attrs[k]) for k in sorted(obj.attrs) if k not in SKIP_ATTRS]
    if not items:
        return None
    return f"{path} @ " + " ".join(f"{k}={fmt(v)}" for k, v in items)


def head_line(path, ds, data):
    shape = ",".join(str(n) for n in ds.shape)
    parts = [f"{path}", f"{dtype_name(ds)}[{shape}]"]
    s = total(data) if not is_string(ds) else None
    if s is not None:
        parts.append(f"sum={s}")
    parts.append(f"sha256={digest(ds, data)}")
    return "  ".join(parts)


def ticks(n):
    """Row indices of the first, middle and last tick (fewer when n < 3)."""
    return sorted({0, n // 2, n - 1}) if n > 0 else []


def dataset_lines(path, ds, kind, snap=None):
    """kind: 'all' (every value), 'series' (first/middle/last tick), 'rows' (per-snapshot sums)."""
    data = read(ds)
    out = [head_line(path, ds, data)]
    a = attr_line(path, ds)
    if a:
        out.append(a)
    if data.ndim == 0:
        out.append(f"{path}  = {fmt(data.item() if not is_string(ds) else str(data))}")
    elif kind == "all" or is_string(ds):
        out.append(f"{path}  = {fmt_list(data.tolist())}")
    elif kind == "series":
        rows = ticks(data.shape[0])
        if data.ndim == 1:
            label = ", ".join(str(r) for r in rows)
            out.append(f"{path}  tick {label}: {fmt_list([data[r] for r in rows])}")
        else:
            for r in rows:
                out.append(f"{path}  tick {r}: {fmt_list(np.asarray(data[r]).ravel().tolist())}")
    elif kind == "rows" and snap is not None:
        offset, count = snap
        sums = []
        for o, c in zip(offset, count):
            part = data[int(o):int(o) + int(c)]
            sums.append(total(np.asarray(part)))
        out.append(f"{path}  sum per snapshot: [" + ", ".join(sums) + "]")
    return out


# Within a series the results come first, the coordinates after them.
FIRST = {"value": 0, "national": 1}


def datasets(group):
    names = sorted((k for k in group if isinstance(group[k], h5py.Dataset)), key=lambda k: (FIRST.get(k, 2), k))
    return [(k, group[k]) for k in names]


def subgroups(group):
    return [(k, group[k]) for k in sorted(group) if isinstance(group[k], h5py.Group)]


def stage_transitions(f):
    if "observables/stage/value" not in f:
        return []
    stage = f["observables/stage/value"][()]
    names = f["observables/stage/region"].asstr()[()] if "observables/stage/region" in f else \
        [str(i) for i in range(stage.shape[1])]
    out = []
    for t in range(1, stage.shape[0]):
        for r in range(stage.shape[1]):
            if stage[t, r] != stage[t - 1, r]:
                out.append(f"stage  tick {t}  {names[r]!r}: {fmt(stage[t - 1, r])} -> {fmt(stage[t, r])}")
    return out or ["stage  no transitions"]


def summarise(path, header=()):
    lines = [f"# {FORMAT} (tools/golden_summary.py)"]
    lines += [f"# {h}" for h in header]
    with h5py.File(path, "r") as f:
        lines.append("file @ " + " ".join(f"{k}={fmt(f.attrs[k])}" for k in sorted(f.attrs) if k not in SKIP_ATTRS))
        if "parameters" in f:
            p = f["parameters"].attrs
            lines.append("run @ " + " ".join(f"{k}={fmt(p[k])}" for k in RUN_ATTRS if k in p))

        lines.append("")
        lines.append("## /regions")
        if "regions" in f:
            for name, ds in datasets(f["regions"]):
                lines += dataset_lines(f"/regions/{name}", ds, "all")

        lines.append("")
        lines.append("## stage transitions (from /observables/stage/value)")
        lines += stage_transitions(f)

        lines.append("")
        lines.append("## /observables")
        if "observables" in f:
            for series, g in subgroups(f["observables"]):
                lines.append("")
                base = f"/observables/{series}"
                a = attr_line(base, g)
                if a:
                    lines.append(a)
                for name, ds in datasets(g):
                    lines += dataset_lines(f"{base}/{name}", ds, "series")
                for name, sub in subgroups(g):  # not in format 2; listed if it appears
                    for n2, ds in datasets(sub):
                        lines += dataset_lines(f"{base}/{name}/{n2}", ds, "series")

        for top in ("particles/agents", "network"):
            if top not in f:
                continue
            g = f[top]
            lines.append("")
            lines.append(f"## /{top} (snapshots)")
            a = attr_line(f"/{top}", g)
            if a:
                lines.append(a)
            snap = None
            if "offset" in g and "count" in g:
                snap = (g["offset"][()], g["count"][()])
            for name, ds in datasets(g):
                kind = "all" if name in PER_SNAPSHOT else "rows"
                lines += dataset_lines(f"/{top}/{name}", ds, kind, snap)
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("run", help="a clustersim run file (.h5)")
    ap.add_argument("--header", action="append", default=[], help="a comment line to put at the top (repeatable)")
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    args = ap.parse_args(argv)
    text = summarise(args.run, args.header)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
