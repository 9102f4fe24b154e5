"""Checks that a run file opens in h5py and in xarray (h5netcdf engine) with
named dimensions and the values the writer put in.

usage: check_layout.py WRITER_EXECUTABLE WORK_DIR
Exit 77 (ctest: skipped) when h5py, xarray or h5netcdf is missing.
"""
import os
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
        assert f["parameters"].attrs["seed"] == 7
        assert f["parameters"].attrs["tick_length"] == 0.25
        assert list(f["regions/name"].asstr()[...]) == REGIONS
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

    with xr.open_dataset(path, group="regions", engine="h5netcdf") as ds:
        np.testing.assert_allclose(ds["lat"].values, [43.24, 51.17, 42.32, 49.81])
    print("layout ok")


if __name__ == "__main__":
    main()
