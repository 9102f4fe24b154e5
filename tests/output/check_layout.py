"""Checks that a run file opens in h5py and in xarray (h5netcdf engine) with
named dimensions and the values the writer put in.

usage: check_layout.py WRITER_EXECUTABLE WORK_DIR
(with PYTHONPATH=tools/python, for the project's loader, clustersim.runfile)
Exit 77 (ctest: skipped) when h5py, xarray or h5netcdf is missing.
"""
import hashlib
import math
import os
import re
import subprocess
import sys

try:
    import h5py
    import numpy as np
    import xarray as xr
    import h5netcdf  # noqa: F401  (xarray's engine)
except ImportError as error:
    print(f"skipping: {error}")
    sys.exit(77)

SERIES = ["firms", "value_added", "stage"]
UNITS = ["agents", "million tenge", "1"]
REGIONS = ["Алматы", "Astana", "Shymkent", "Karaganda"]
TICKS = 21
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def expected(s):
    t = np.arange(TICKS, dtype=float)[:, None]
    r = np.arange(len(REGIONS), dtype=float)[None, :]
    return s * 1000.0 + t + r / 8.0


def main():
    writer, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "layout.h5")
    subprocess.run([writer, path], check=True)
    assert not os.path.exists(path + ".partial")

    with h5py.File(path, "r") as f:
        assert f.attrs["status"] == "complete", f.attrs["status"]
        assert isinstance(f.attrs["status"], str), "strings must read as str, not bytes"
        assert f.attrs["format"] == "clustersim-run"
        # H5MD 1.1 header
        assert list(f["h5md"].attrs["version"]) == [1, 1]
        assert f["h5md/creator"].attrs["name"] == "clustersim"
        assert f["h5md/creator"].attrs["version"] == "test"
        assert f["h5md/author"].attrs["name"]
        p = f["parameters"]
        assert p.attrs["status"] == "complete"
        assert p.attrs["seed"] == 7
        assert p.attrs["replicate"] == 0
        assert p.attrs["run_id"] == "layout check"
        assert p.attrs["tick_length"] == 0.25
        assert p.attrs["snapshot_every"] == 5
        assert p["scenario_text"].asstr()[()] == "name: layout check\n"
        digest = hashlib.sha256(b"name: layout check\n").hexdigest()
        assert p.attrs["scenario_sha256"] == digest, p.attrs["scenario_sha256"]
        assert p["included_files"].shape == (0,)
        assert "hdf5" in p["libraries"].attrs
        # The resolved model parameters and the stage names the writer was given.
        assert dict(p["model"].attrs) == {"tie_distance_cost_km": 900.0, "max_partners": 12.0}
        assert p["model"].attrs["max_partners"].dtype == np.float64
        assert list(p["stage_names"].asstr()[...]) == ["none", "first", "second"]
        for key in ("program_version", "git_hash", "command_line", "host", "start_time", "end_time"):
            assert isinstance(p.attrs[key], str), key
        assert ISO.fullmatch(p.attrs["start_time"]) and ISO.fullmatch(p.attrs["end_time"])
        assert list(f["regions/name"].asstr()[...]) == REGIONS
        # Great-circle distances between the regions, checked against a haversine here.
        d = f["regions/distance_km"]
        assert d.shape == (len(REGIONS), len(REGIONS)) and d.attrs["unit"] == "km"
        assert d.dims[0][0].name == f["regions/name"].name
        lat, lon = f["regions/lat"][...], f["regions/lon"][...]
        for a in range(len(REGIONS)):
            assert d[a, a] == 0.0
            for b in range(len(REGIONS)):
                assert d[a, b] == d[b, a]
                h = (math.sin(math.radians(lat[b] - lat[a]) / 2) ** 2
                     + math.cos(math.radians(lat[a])) * math.cos(math.radians(lat[b]))
                     * math.sin(math.radians(lon[b] - lon[a]) / 2) ** 2)
                km = 2 * 6371.0088 * math.asin(math.sqrt(h))
                assert abs(d[a, b] - km) <= 1e-9 * max(km, 1.0), (a, b, d[a, b], km)
        assert 900 < d[0, 1] < 1100, d[0, 1]  # Almaty to Astana, about 970 km
        for s, name in enumerate(SERIES):
            g = f["observables"][name]
            assert g["value"].shape == (TICKS, len(REGIONS)), g["value"].shape
            assert g["value"].maxshape == (None, len(REGIONS))
            np.testing.assert_array_equal(g["value"][...], expected(s))
            np.testing.assert_array_equal(g["step"][...], np.arange(TICKS))
            np.testing.assert_array_equal(g["time"][...], np.arange(TICKS) * 0.25)
            assert g["value"].attrs["unit"] == UNITS[s]
            assert g["value"].dims[0][0].name == g["time"].name
            assert g["value"].dims[1][0].name == g["region"].name
            if name == "stage":
                assert g["value"].attrs["aggregation"] == "none" and "national" not in g
            else:
                np.testing.assert_array_equal(g["national"][...], expected(s).sum(axis=1))

        # Snapshots: a ragged table per group, 5 snapshots of 6 agents / 5 links.
        agents = f["particles/agents"]
        np.testing.assert_array_equal(agents["step"][...], [0, 5, 10, 15, 20])
        np.testing.assert_array_equal(agents["offset"][...], [0, 6, 12, 18, 24])
        np.testing.assert_array_equal(agents["count"][...], [6] * 5)
        assert agents["knowledge"].shape == (30, 4)
        np.testing.assert_array_equal(agents["id"][6:12], np.arange(6))
        np.testing.assert_array_equal(agents["region"][0:6], np.arange(6) % 4)
        net = f["network"]
        np.testing.assert_array_equal(net["count"][...], [5] * 5)
        np.testing.assert_array_equal(net["source"][0:5], np.arange(5))
        np.testing.assert_array_equal(net["target"][0:5], np.arange(1, 6))

    for s, name in enumerate(SERIES):
        with xr.open_dataset(path, group=f"observables/{name}", engine="h5netcdf") as ds:
            value = ds["value"]
            assert value.dims == ("time", "region"), value.dims
            assert list(ds["region"].values) == REGIONS, ds["region"].values
            np.testing.assert_array_equal(value.values, expected(s))
            np.testing.assert_array_equal(ds["time"].values, np.arange(TICKS) * 0.25)
            assert "step" in value.coords, list(value.coords)
            np.testing.assert_array_equal(value["step"].values, np.arange(TICKS))
            assert value.attrs["unit"] == UNITS[s]
            assert float(value.sel(region="Astana", time=1.0)) == s * 1000.0 + 4 + 1 / 8.0

    with xr.open_dataset(path, group="observables/firms", engine="h5netcdf") as ds:
        assert ds["national"].dims == ("time",)

    with xr.open_dataset(path, group="regions", engine="h5netcdf") as ds:
        np.testing.assert_allclose(ds["lat"].values, [43.24, 51.17, 42.32, 49.81])
        assert ds["distance_km"].dims == ("name", "to_region"), ds["distance_km"].dims
        assert ds.sizes["to_region"] == len(REGIONS)

    # Every group opens in xarray with named dimensions on every axis.
    with xr.open_dataset(path, group="particles/agents", engine="h5netcdf") as ds:
        assert ds["id"].dims == ("row",), ds["id"].dims
        assert ds["knowledge"].dims == ("row", "field")
        assert ds["count"].dims == ("time",)
        assert ds.sizes["row"] == 30 and ds.sizes["time"] == 5
        assert "row" not in ds.variables, "row is a dimension without a coordinate"
    with xr.open_dataset(path, group="network", engine="h5netcdf") as ds:
        assert ds["strength"].dims == ("row",) and ds.sizes["row"] == 25
    with xr.open_dataset(path, group="parameters", engine="h5netcdf") as ds:
        assert ds.attrs["status"] == "complete"
        assert list(ds["stage_names"].values) == ["none", "first", "second"]
    # The project's loader reads the same file into pandas.
    import clustersim.runfile as cio

    run = cio.load_run(path)
    assert run.model_parameters == {"tie_distance_cost_km": 900.0, "max_partners": 12.0}
    assert run.stage_names == ["none", "first", "second"]
    assert run.distance_km.shape == (4, 4) and run.distance_km[1, 0] == run.distance_km[0, 1] > 0
    assert run.status == "complete" and run.provenance["program_version"] == "test"
    np.testing.assert_array_equal(run.series["firms"].national, expected(0).sum(axis=1))
    assert run.series["stage"].national is None
    assert list(cio.national(run).columns) == ["firms", "value_added"]
    agents = cio.load_agents(path, step=5)
    assert list(agents["id"]) == list(range(6)) and set(agents["kind"]) == {"sme"}, agents
    assert set(agents["firm_type"]) == {"product"}
    np.testing.assert_array_equal(agents["knowledge_3"], np.arange(6))
    links = cio.load_network(path, step=20)
    assert len(links) == 5 and set(links["kind"]) == {"supplier"}, links
    assert len(cio.load_network(path)) == 25
    np.testing.assert_array_equal(cio.snapshot_steps(path, "network"), [0, 5, 10, 15, 20])
    print("layout ok")


if __name__ == "__main__":
    main()
