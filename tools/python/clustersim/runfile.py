"""Read clustersim run files (HDF5) into pandas and xarray (``clustersim.runfile``).

A run file (see docs/OUTPUT.md) holds::

    /h5md                           H5MD 1.1 header (version, author, creator)
    /parameters                     attrs: status, scenario_name, seed, replicate, run_id,
                                    program_version, git_hash, command_line, host,
                                    start_time, end_time, ...; scenario_text; libraries/;
                                    model/ (every model parameter, resolved); stage_names
    /regions/name                   [region] string
    /regions/distance_km            [region][region] float64, great-circle km
    /observables/<series>/time      [time] float64, years
    /observables/<series>/step      [time] int, ticks completed
    /observables/<series>/value     [time][region] float64, attrs unit, description, aggregation
    /observables/<series>/national  [time] float64, the aggregate over regions
    /particles/agents/...           agent snapshots (ragged: offset/count per snapshot)
    /network/...                    link snapshots (ragged: offset/count per snapshot)

The reader is deliberately forgiving, so that it also reads files that a run
left behind when it was interrupted (``<name>.h5.partial``, status
"interrupted"), files a ``--swmr`` run is still writing, and older or newer
layouts: attributes may sit on the series group or on ``value``; ``status``
may sit on ``/parameters`` or on the root; provenance on ``/parameters`` or
``/provenance`` (format version 1);
rows of ``time``/``step``/``value`` that do not all exist yet are cut to the
shortest; a one-dimensional ``value`` is read as a single column "total".

Use it from Python (``/usr/bin/python3``, which sees Debian's h5py, pandas and
xarray) with ``PYTHONPATH=tools/python``::

    import clustersim.runfile as cio   # or: import clustersim (the same names)
    run = cio.load_run("out/demo.h5")
    run.model_parameters["tie_distance_cost_km"]  # every model parameter
    run.distance_km                # [region][region] great-circle km
    run.stage_names[2]             # "ecosystem_formation": a value of `stage`
    run.settings["network.initial.generator"]  # "random": settings outside model:
    df = cio.to_long(run)          # columns: series, time, step, region, value
    ds = cio.to_xarray(run)        # one variable per series, dims (time, region)
    table = cio.final_values(run)  # one row per region, one column per series
    agents = cio.load_agents("out/demo.h5")     # one row per agent per snapshot
    links = cio.load_network("out/demo.h5")     # one row per link per snapshot
"""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

import h5py
import numpy as np
import pandas as pd

__all__ = [
    "Series",
    "Run",
    "open_file",
    "load_run",
    "to_long",
    "to_xarray",
    "final_values",
    "national",
    "load_agents",
    "load_network",
    "snapshot_steps",
]


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
    aggregation: str = ""  #: how `national` was made: sum, mean, min, max or none
    national: np.ndarray | None = None  #: [time] the aggregate over regions, if recorded

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
    #: every model parameter as the run used it, defaults filled in
    #: (/parameters/model); {} for files written before it was recorded
    model_parameters: dict[str, float] = dataclasses.field(default_factory=dict)
    #: the name of each cluster stage, indexed by a value of the `stage` series
    #: (/parameters/stage_names); [] for older files
    stage_names: list[str] = dataclasses.field(default_factory=list)
    #: the resolved scenario settings outside `model:` (governance,
    #: policy.targeting, network.initial.*) as text, by key path
    #: (/parameters/settings); {} for older files
    settings: dict[str, str] = dataclasses.field(default_factory=dict)
    #: [region][region] great-circle distances in km between region centres, as
    #: the model computes them (/regions/distance_km); None for older files
    distance_km: np.ndarray | None = None

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
    national = None
    if isinstance(group.get("national"), h5py.Dataset):
        national = np.asarray(group["national"][()], dtype=np.float64)
        rows = min(rows, national.shape[0])
        national = national[:rows]
    return Series(
        aggregation=str(meta.get("aggregation", "") or ""),
        national=national,
        name=name,
        time=time[:rows],
        step=step[:rows],
        value=value[:rows],
        regions=list(names),
        unit=str(meta.get("unit", "") or ""),
        description=str(meta.get("description", "") or ""),
    )


def open_file(path: str | pathlib.Path) -> h5py.File:
    """Opens a run file read-only; a file that a ``--swmr`` run is still writing
    is opened as a SWMR reader (call ``dataset.refresh()`` to see new rows).

    Raises FileNotFoundError if `path` does not exist and OSError if it is not
    an HDF5 file.
    """
    path = pathlib.Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    try:
        return h5py.File(path, "r")
    except OSError:
        # A SWMR writer holds the file; only a SWMR reader may open it.
        return h5py.File(path, "r", libver="latest", swmr=True)


def load_run(path: str | pathlib.Path) -> Run:
    """Reads a run file (finished or `.partial`) into memory.

    Raises FileNotFoundError if `path` does not exist and OSError if it is not
    an HDF5 file.
    """
    path = pathlib.Path(path)
    with open_file(path) as file:
        attributes = _attrs(file)
        parameters = _attrs(_group(file, "parameters"))
        params_group = _group(file, "parameters")
        if params_group is not None:
            for key, obj in params_group.items():
                if isinstance(obj, h5py.Dataset) and obj.size <= 1024:
                    parameters.setdefault(key, _text(obj[()]))
        provenance = _attrs(_group(file, "provenance"))
        for key in ("program_version", "git_hash", "command_line", "host", "start_time", "end_time"):
            if key in parameters:
                provenance.setdefault(key, parameters[key])
        libraries = _attrs(_group(file, "parameters/libraries")) or _attrs(_group(file, "provenance/libraries"))
        if libraries:
            provenance["libraries"] = libraries

        regions: list[str] = []
        if isinstance(file.get("regions/name"), h5py.Dataset):
            regions = _strings(file["regions/name"])
        model_parameters = {k: float(v) for k, v in _attrs(_group(file, "parameters/model")).items()
                            if isinstance(v, (int, float))}
        settings = {k: str(v) for k, v in _attrs(_group(file, "parameters/settings")).items()}
        stage_names: list[str] = []
        if isinstance(file.get("parameters/stage_names"), h5py.Dataset):
            stage_names = _strings(file["parameters/stage_names"])
        distance_km = None
        if isinstance(file.get("regions/distance_km"), h5py.Dataset):
            distance_km = np.asarray(file["regions/distance_km"][()], dtype=np.float64)

        series: dict[str, Series] = {}
        observables = _group(file, "observables")
        if observables is not None:
            for name in observables:
                if isinstance(observables[name], h5py.Group):
                    s = _read_series(name, observables[name], regions)
                    if s is not None:
                        series[name] = s

    status = parameters.get("status", attributes.get("status", ""))
    return Run(
        path=path,
        status=str(status or ""),
        attributes=attributes,
        parameters=parameters,
        provenance=provenance,
        regions=regions,
        series=series,
        model_parameters=model_parameters,
        stage_names=stage_names,
        settings=settings,
        distance_km=distance_km,
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


def national(run: Run) -> pd.DataFrame:
    """The national series (one column per series that has one), indexed by time."""
    columns = {}
    index = None
    for s in run.series.values():
        if s.national is None:
            continue
        if index is None:
            index = pd.Index(s.time[: s.national.shape[0]], name="time")
        n = min(len(index), s.national.shape[0])
        columns[s.name] = pd.Series(s.national[:n], index=index[:n])
    return pd.DataFrame(columns)


def snapshot_steps(path: str | pathlib.Path, group: str = "particles/agents") -> np.ndarray:
    """The ticks at which `group` ("particles/agents" or "network") holds a
    snapshot; empty if the run recorded none."""
    with open_file(path) as file:
        if not isinstance(file.get(f"{group}/step"), h5py.Dataset):
            return np.zeros(0, dtype=np.int64)
        return np.asarray(file[f"{group}/step"][()], dtype=np.int64)


def _flag_names(dataset: h5py.Dataset) -> dict[int, str]:
    values = dataset.attrs.get("flag_values")
    meanings = _text(dataset.attrs.get("flag_meanings", ""))
    if values is None or not meanings:
        return {}
    return dict(zip((int(v) for v in values), str(meanings).split()))


def _ragged(path: str | pathlib.Path, group: str, step: int | None, decode: bool) -> pd.DataFrame:
    """Rows of a ragged snapshot table (all snapshots, or the one at `step`)."""
    with open_file(path) as file:
        g = _group(file, group)
        if g is None or not isinstance(g.get("count"), h5py.Dataset):
            return pd.DataFrame()
        steps = np.asarray(g["step"][()], dtype=np.int64)
        times = np.asarray(g["time"][()], dtype=np.float64)
        offsets = np.asarray(g["offset"][()], dtype=np.int64)
        counts = np.asarray(g["count"][()], dtype=np.int64)
        n = min(len(steps), len(times), len(offsets), len(counts))
        chosen = range(n)
        if step is not None:
            chosen = [i for i in range(n) if steps[i] == step]
            if not chosen:
                raise KeyError(f"{path}: no snapshot of /{group} at tick {step}; ticks: {steps[:n].tolist()}")
        frames = []
        for i in chosen:
            lo, hi = int(offsets[i]), int(offsets[i] + counts[i])
            data: dict[str, Any] = {"step": steps[i], "time": times[i]}
            for name, obj in g.items():
                if name in ("step", "time", "offset", "count", "row", "field") or not isinstance(obj, h5py.Dataset):
                    continue
                if obj.ndim == 2:
                    block = obj[lo:hi]
                    data[f"{name}_mean"] = block.mean(axis=1) if block.shape[1] else np.nan
                    for j in range(block.shape[1]):
                        data[f"{name}_{j}"] = block[:, j]
                else:
                    column = obj[lo:hi]
                    names = _flag_names(obj) if decode else {}
                    data[name] = pd.Categorical([names.get(int(v), str(v)) for v in column]) if names else column
            frames.append(pd.DataFrame(data))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def load_agents(path: str | pathlib.Path, step: int | None = None, decode: bool = True) -> pd.DataFrame:
    """Agent snapshots from /particles/agents: one row per agent per snapshot
    (or only the snapshot at tick `step`), columns step, time, id, kind,
    firm_type, region, employees, capital, value_added, productivity, age,
    knowledge_mean and
    knowledge_<field>. With `decode`, kind and firm_type are names. Empty if the
    run recorded no snapshots; KeyError if none is at `step`."""
    return _ragged(path, "particles/agents", step, decode)


def load_network(path: str | pathlib.Path, step: int | None = None, decode: bool = True) -> pd.DataFrame:
    """Link snapshots from /network: one row per link per snapshot (or only
    the snapshot at tick `step`), columns step, time, source, target (agent
    ids), kind, strength, age. Empty if the run recorded no snapshots."""
    return _ragged(path, "network", step, decode)
