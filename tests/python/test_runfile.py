"""clustersim.runfile: a run file made by the program reads into Python as documented."""

import h5py
import numpy as np
import pandas as pd
import pytest

import clustersim
from clustersim import runfile

DEMO_REGIONS = ["Almaty", "Astana", "Karaganda region"]


def test_package_reexports_the_reader():
    assert clustersim.load_run is runfile.load_run
    assert set(clustersim.__all__) <= set(dir(runfile))


def test_load_run_reads_status_regions_and_series(demo_run):
    run = clustersim.load_run(demo_run)
    assert run.status == "complete"
    assert run.scenario_name == "demo"
    assert run.regions == DEMO_REGIONS
    va = run.series["value_added"]
    assert va.value.shape == (5, 3)  # ticks 0..4, three regions
    np.testing.assert_array_equal(va.step, np.arange(5))
    np.testing.assert_allclose(va.time, np.arange(5) * 0.25)  # demo: quarterly ticks
    assert va.unit and va.label == f"value_added [{va.unit}]"
    assert va.aggregation == "sum"
    np.testing.assert_allclose(va.national, va.value.sum(axis=1))
    assert run.parameters["seed"] == 20261124
    assert "program_version" in run.provenance


def test_resolved_model_parameters_have_defaults_and_overrides(demo_run, make_run):
    run = clustersim.load_run(demo_run)
    # The demo does not set it: the file still says what the model used.
    assert run.model_parameters["tie_distance_cost_km"] == 1000
    assert run.model_parameters["max_partners"] == int(run.model_parameters["max_partners"])
    other = clustersim.load_run(make_run("demo", "--ticks", "1", "--set", "model.tie_distance_cost_km=700",
                                         name="demo-h700"))
    assert other.model_parameters["tie_distance_cost_km"] == 700
    assert set(other.model_parameters) == set(run.model_parameters)


def test_stage_names_name_the_stage_series(demo_run):
    run = clustersim.load_run(demo_run)
    assert run.stage_names[0] == "none"
    assert run.stage_names[1:] == ["resource_concentration", "ecosystem_formation", "breakthrough", "maturity"]
    stages = run.series["stage"].value
    assert np.all((stages >= 0) & (stages < len(run.stage_names)))


def test_settings_record_what_the_scenario_chose(demo_run, make_run):
    run = clustersim.load_run(demo_run)
    assert run.settings["network.initial.generator"] == "random"
    assert run.settings["governance"] in ("cluster", "triple_helix", "quadruple_helix", "quintuple_helix")
    small_world = clustersim.load_run(make_run("small_world", "--ticks", "1", name="small-world-1"))
    assert small_world.settings["network.initial.generator"] == "watts_strogatz"
    assert small_world.settings["network.initial.degree"] == "10"
    assert float(small_world.settings["network.initial.rewiring"]) == 0.1


def test_distances_are_the_great_circle_matrix(demo_run):
    run = clustersim.load_run(demo_run)
    d = run.distance_km
    assert d.shape == (3, 3)
    np.testing.assert_array_equal(np.diag(d), 0)
    np.testing.assert_array_equal(d, d.T)
    almaty, astana = run.regions.index("Almaty"), run.regions.index("Astana")
    assert 900 < d[almaty, astana] < 1100  # about 970 km as the crow flies


def test_tables_and_xarray(demo_run):
    run = clustersim.load_run(demo_run)
    long = clustersim.to_long(run)
    assert list(long.columns) == ["series", "time", "step", "region", "value"]
    assert len(long) == sum(s.value.size for s in run.series.values())
    assert set(long["region"]) == set(DEMO_REGIONS)
    ds = clustersim.to_xarray(run)
    assert ds["value_added"].dims == ("time", "region")
    assert float(ds["value_added"].sel(region="Astana").isel(time=-1)) == run.series["value_added"].value[-1, 1]
    final = clustersim.final_values(run)
    assert list(final.index) == DEMO_REGIONS
    assert run.series["value_added"].label in final.columns
    np.testing.assert_array_equal(final[run.series["value_added"].label], run.series["value_added"].value[-1])
    nat = clustersim.national(run)
    assert "value_added" in nat.columns and "stage" in run.series


def test_snapshots(demo_run):
    np.testing.assert_array_equal(clustersim.snapshot_steps(demo_run), [0, 2, 4])
    agents = clustersim.load_agents(demo_run, step=4)
    assert len(agents) > 0 and set(agents["step"]) == {4}
    assert set(agents["kind"]) <= {"large_firm", "sme", "university", "government", "civil_society"}
    assert agents["region"].between(0, 2).all()
    assert agents["id"].is_unique
    links = clustersim.load_network(demo_run, step=4)
    assert (links["source"] < links["target"]).all()
    assert set(links["source"]) | set(links["target"]) <= set(agents["id"])
    everything = clustersim.load_network(demo_run)
    assert set(everything["step"]) == {0, 2, 4}
    with pytest.raises(KeyError):
        clustersim.load_agents(demo_run, step=3)


def test_a_file_without_snapshots_gives_empty_tables(make_run):
    path = make_run("demo", "--ticks", "1", name="demo-plain")
    assert clustersim.snapshot_steps(path).size == 0
    assert isinstance(clustersim.load_agents(path), pd.DataFrame) and clustersim.load_agents(path).empty


def test_older_files_load_without_the_new_datasets(demo_run, tmp_path):
    old = tmp_path / "old.h5"
    old.write_bytes(demo_run.read_bytes())
    with h5py.File(old, "r+") as f:
        del f["regions/distance_km"], f["parameters/model"], f["parameters/stage_names"]
        del f["parameters/settings"]
    run = clustersim.load_run(old)
    assert run.distance_km is None and run.model_parameters == {} and run.stage_names == []
    assert run.settings == {}
    assert run.regions == DEMO_REGIONS


def test_missing_and_foreign_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        clustersim.load_run(tmp_path / "nothing.h5")
    text = tmp_path / "text.h5"
    text.write_text("not HDF5")
    with pytest.raises(OSError):
        clustersim.load_run(text)
