"""Read clustersim run files (HDF5) into pandas and xarray.

A run file (see output/hdf5_recorder.hpp and docs/OUTPUT.md) holds::

    /                               attrs: format, format_version, status, start_time, end_time
    /parameters                     attrs: scenario_name, seed, threads, tick_length, ...
    /provenance                     attrs: program_version, git_hash, command_line
    /regions/name                   [region] string
    /observables/<series>/time      [time] float64, years
    /observables/<series>/step      [time] int, ticks completed
    /observables/<series>/value     [time][region] float64, attrs unit, description

The reader is deliberately forgiving, so that it also reads files that a run
left behind when it was interrupted (``<name>.h5.partial``, status
"interrupted") and older or newer layouts: attributes may sit on the series
group or on ``value``; ``status`` may sit on the root or on ``/parameters``;
rows of ``time``/``step``/``value`` that do not all exist yet are cut to the
shortest; a one-dimensional ``value`` is read as a single column "total".

Use it from Python (``/usr/bin/python3``, which sees Debian's h5py, pandas and
xarray)::

    import sys; sys.path.insert(0, "tools/analysis")
    import clustersim_io as cio
    run = cio.load_run("out/demo.h5")
    df = cio.to_long(run)          # columns: series, time, step, region, value
    ds = cio.to_xarray(run)        # one variable per series, dims (time, region)
    table = cio.final_values(run)  # one row per region, one column per series
"""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

import h5py
import numpy as np
import pandas as pd

__all__ = ["Series", "Run", "load_run", "to_long", "to_xarray", "final_values"]


@dataclasses.dataclass
class Series:
    """One recorded indicator: a value per region at each recorded time."""

    name: str
    time: np.ndarray  #: [time] float64, years since the start
    step: np.ndarray  #: [time] int64, ticks completed
    value: np.ndarray  #: [time][region] float64
    regions: list[str]
    unit: str = ""
    description: str = ""

    @property
    def label(self) -> str:
        """The series name with its unit, for axis labels and table headers."""
        return f"{self.name} [{self.unit}]" if self.unit else self.name


@dataclasses.dataclass
class Run:
    """Everything a run file says, with the series read into numpy arrays."""

    path: pathlib.Path
    status: str  #: "running", "complete", "interrupted", "failed" or "" if absent
    attributes: dict[str, Any]  #: attributes of the root group
    parameters: dict[str, Any]  #: attributes (and small datasets) of /parameters
    provenance: dict[str, Any]  #: attributes of /provenance and /provenance/libraries
    regions: list[str]
    series: dict[str, Series]

    @property
    def scenario_name(self) -> str:
        """The scenario's name, or the file's stem when the file does not say."""
        name = self.parameters.get("scenario_name") or self.attributes.get("scenario_name")
        return str(name) if name else self.path.name.split(".")[0]


def _text(value: Any) -> Any:
    """Decodes bytes (and arrays of them) that HDF5 may hand back for strings."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, np.ndarray) and value.dtype.kind in "OSU":
        return [_text(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _attrs(obj: h5py.HLObject | None) -> dict[str, Any]:
    """An object's attributes as plain Python values ({} for None)."""
    if obj is None:
        return {}
    out = {}
    for key in obj.attrs:
        try:
            out[key] = _text(obj.attrs[key])
        except (OSError, TypeError) as err:  # an unreadable attribute must not hide the rest
            out[key] = f"<unreadable: {err}>"
    return out


def _strings(dataset: h5py.Dataset) -> list[str]:
    """A one-dimensional dataset of strings as a list of str."""
    if dataset.dtype.kind in "OS" or h5py.check_string_dtype(dataset.dtype) is not None:
        return [str(_text(v)) for v in dataset[()].tolist()]
    return [str(v) for v in dataset[()].tolist()]


def _group(file: h5py.File, path: str) -> h5py.Group | None:
    obj = file.get(path)
    return obj if isinstance(obj, h5py.Group) else None


def _read_series(name: str, group: h5py.Group, regions: list[str]) -> Series | None:
    """Reads /observables/<name>; None if it has no `value` dataset."""
    if not isinstance(group.get("value"), h5py.Dataset):
        return None
    value = np.asarray(group["value"][()], dtype=np.float64)
    if value.ndim == 1:
        value = value[:, np.newaxis]
        names = ["total"]
    elif value.ndim == 2:
        names = regions
        if isinstance(group.get("region"), h5py.Dataset):
            names = _strings(group["region"])
        if len(names) != value.shape[1]:
            names = [f"region_{i}" for i in range(value.shape[1])]
    else:
        raise ValueError(f"/observables/{name}/value has {value.ndim} dimensions; expected 2 (time, region)")

    rows = value.shape[0]
    time = np.asarray(group["time"][()], dtype=np.float64) if "time" in group else None
    step = np.asarray(group["step"][()], dtype=np.int64) if "step" in group else None
    for axis in (time, step):
        if axis is not None:
            rows = min(rows, axis.shape[0])
    if step is None:
        step = np.arange(rows, dtype=np.int64)
    if time is None:
        time = step.astype(np.float64)

    meta = {**_attrs(group), **_attrs(group["value"])}
    return Series(
        name=name,
        time=time[:rows],
        step=step[:rows],
        value=value[:rows],
        regions=list(names),
        unit=str(meta.get("unit", "") or ""),
        description=str(meta.get("description", "") or ""),
    )


def load_run(path: str | pathlib.Path) -> Run:
    """Reads a run file (finished or `.partial`) into memory.

    Raises FileNotFoundError if `path` does not exist and OSError if it is not
    an HDF5 file.
    """
    path = pathlib.Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    with h5py.File(path, "r") as file:
        attributes = _attrs(file)
        parameters = _attrs(_group(file, "parameters"))
        params_group = _group(file, "parameters")
        if params_group is not None:
            for key, obj in params_group.items():
                if isinstance(obj, h5py.Dataset) and obj.size <= 1024:
                    parameters.setdefault(key, _text(obj[()]))
        provenance = _attrs(_group(file, "provenance"))
        libraries = _attrs(_group(file, "provenance/libraries"))
        if libraries:
            provenance["libraries"] = libraries

        regions: list[str] = []
        if isinstance(file.get("regions/name"), h5py.Dataset):
            regions = _strings(file["regions/name"])

        series: dict[str, Series] = {}
        observables = _group(file, "observables")
        if observables is not None:
            for name in observables:
                if isinstance(observables[name], h5py.Group):
                    s = _read_series(name, observables[name], regions)
                    if s is not None:
                        series[name] = s

    status = attributes.get("status", parameters.get("status", ""))
    return Run(
        path=path,
        status=str(status or ""),
        attributes=attributes,
        parameters=parameters,
        provenance=provenance,
        regions=regions,
        series=series,
    )


def to_long(run: Run) -> pd.DataFrame:
    """All series as one long table: columns series, time, step, region, value."""
    frames = []
    for s in run.series.values():
        n_time, n_region = s.value.shape
        frames.append(
            pd.DataFrame(
                {
                    "series": s.name,
                    "time": np.repeat(s.time, n_region),
                    "step": np.repeat(s.step, n_region),
                    "region": np.tile(np.asarray(s.regions, dtype=object), n_time),
                    "value": s.value.reshape(-1),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["series", "time", "step", "region", "value"])
    return pd.concat(frames, ignore_index=True)


def to_xarray(run: Run):
    """The series as an xarray.Dataset, one variable per series.

    Series that share their time axis share the dimensions ("time", "region");
    a series recorded at other times gets its own time dimension "time_<name>".
    Each variable carries its unit and description as attributes, and the
    dataset carries the run's status and parameters.
    """
    import xarray as xr  # imported here: plotting and tables do not need it

    variables = {}
    reference = None
    for s in run.series.values():
        if reference is None:
            reference = s
        shared = reference.time.shape == s.time.shape and np.array_equal(reference.time, s.time)
        time_dim, step_name = ("time", "step") if shared else (f"time_{s.name}", f"step_{s.name}")
        region_dim = "region" if s.regions == reference.regions else f"region_{s.name}"
        variables[s.name] = xr.DataArray(
            s.value,
            dims=(time_dim, region_dim),
            coords={time_dim: s.time, step_name: (time_dim, s.step), region_dim: s.regions},
            attrs={"unit": s.unit, "description": s.description},
        )
    attrs = {"status": run.status, "source": str(run.path)}
    attrs.update({k: v for k, v in run.parameters.items() if isinstance(v, (str, int, float))})
    return xr.Dataset(variables, attrs=attrs)


def final_values(run: Run) -> pd.DataFrame:
    """The last recorded value of every series: one row per region, one column per series.

    Columns are labelled "name [unit]". A run without any recorded row gives an
    empty table.
    """
    columns = {}
    for s in run.series.values():
        if s.value.shape[0] == 0:
            continue
        columns[s.label] = pd.Series(s.value[-1], index=s.regions)
    table = pd.DataFrame(columns)
    table.index.name = "region"
    return table
