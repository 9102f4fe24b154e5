"""clustersim.analysis: the pole-spillover report and the policy experiment's measures,
on run files made by the program."""

import csv
import math

import h5py
import numpy as np
import pytest

import clustersim
from clustersim.analysis import pole_spillover, policy_experiment


def test_poles_and_periphery(poles_run):
    rows, facts = pole_spillover.read_run(poles_run)
    run = clustersim.load_run(poles_run)
    assert facts["poles"], "growth_poles should have at least one pole"
    periphery = sorted(set(run.regions) - set(facts["poles"]))
    for pole in facts["poles"]:
        assert sorted(r["region"] for r in rows if r["pole"] == pole) == periphery
    # Distances are the run file's own, not recomputed; the reference decay is Keller's.
    assert facts["half_distance_km"] == pole_spillover.REFERENCE_HALF_DISTANCE_KM == 1200
    for r in rows:
        assert r["distance_km"] == run.distance_km[run.regions.index(r["pole"]), run.regions.index(r["region"])]
        assert r["distance_km"] > 0


def test_weights_fall_with_distance(poles_run):
    rows, _ = pole_spillover.read_run(poles_run)
    for pole in {r["pole"] for r in rows}:
        mine = sorted((r for r in rows if r["pole"] == pole), key=lambda r: r["distance_km"])
        weights = [r["weight"] for r in mine]
        assert all(0 < w <= 1 for w in weights)
        assert weights == sorted(weights, reverse=True)


def test_main_writes_the_report_and_csv(poles_run, tmp_path, capsys):
    out = tmp_path / "poles.csv"
    assert pole_spillover.main([str(poles_run), str(poles_run), "--csv", str(out)]) == 0
    report = capsys.readouterr().out
    for heading in ("#### Poles", "#### Multiplier on the periphery",
                    "#### Periphery growth by distance from the pole", "#### Periphery regions"):
        assert heading in report
    assert report.startswith("2 run file(s)")
    with open(out, newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert table and list(table[0]) == pole_spillover.CSV_COLUMNS


def test_through_origin_fits_a_known_line():
    x = np.array([1.0, 2.0, 3.0, np.nan])
    b, r2, n = pole_spillover.through_origin(x, 2.5 * x)
    assert (b, r2, n) == (2.5, 1.0, 3)
    assert math.isnan(pole_spillover.through_origin(np.zeros(3), np.ones(3))[0])


@pytest.mark.parametrize("delete, message", [
    ("observables/growth_pole", "no growth_pole series"),
    ("regions/distance_km", "no /regions/distance_km"),
])
def test_unusable_files_exit_2(poles_run, tmp_path, capsys, delete, message):
    bad = tmp_path / "bad.h5"
    bad.write_bytes(poles_run.read_bytes())
    with h5py.File(bad, "r+") as f:
        del f[delete]
    assert pole_spillover.main([str(bad)]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path, capsys):
    assert pole_spillover.main([str(tmp_path / "none.h5")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_policy_metrics_of_a_growth_pole_run(clustersim_bin, tmp_path):
    assert (policy_experiment.SOURCE / "scenarios" / "growth_poles.yaml").is_file()
    path = policy_experiment.run(str(clustersim_bin), "growth_poles", 1, tmp_path)
    m = policy_experiment.metrics(path)
    run = clustersim.load_run(path)
    last = run.series["stage"].value.shape[0] - 1
    assert f"mean stage at tick {last}" in m
    assert 0 <= m["wasted share of spending"] <= 1
    assert 0 <= m["clusters at stage >= 3, last tick"] <= len(run.regions)
    assert math.isfinite(m["VA growth %/yr, poles"])  # the run has poles (distance 0)
    assert m["national value added, last tick (bn tenge/yr)"] > 0


def test_policy_table_has_a_row_per_measure():
    results = {"a": [{"x": 1.0, "VA growth %/yr, poles": 2.0}, {"x": 3.0, "VA growth %/yr, poles": 4.0}],
               "b": [{"x": float("nan"), "VA growth %/yr, poles": 1.0}] * 2}
    text = policy_experiment.table(("a", "b"), results, growth=False)
    lines = text.splitlines()
    assert lines[0] == "| measure | a mean ± sd [min, max] | b mean ± sd [min, max] |"
    assert lines[2].startswith("| x | 2 ± 1.4 [1, 3] | – |")
    assert len(lines) == 3  # growth rows left out
    assert len(policy_experiment.table(("a", "b"), results, growth=True).splitlines()) == 4


def test_governance_sign_changes_count_swings_not_trends():
    from clustersim.analysis.governance_modes import sign_changes

    assert sign_changes(np.arange(10.0)) == 0  # a trend
    assert sign_changes(np.array([0, 2, 1, 3, 2, 4, 3], dtype=float)) == 5  # a zig-zag
    assert sign_changes(np.array([1, 2, 2, 3, 1], dtype=float)) == 1  # flat steps do not count


def test_governance_contrasts_mark_only_intervals_that_exclude_zero():
    from clustersim.analysis import governance_modes as gm

    base = {s: {key: 1.0 for key, _ in gm.MEASURES} for s in range(1, 6)}
    noisy = {s: {key: 1.0 + (0.1 if s % 2 else -0.1) for key, _ in gm.MEASURES} for s in range(1, 6)}
    higher = {s: {key: 2.0 + 0.01 * s for key, _ in gm.MEASURES} for s in range(1, 6)}
    rows = {"cluster": base, "triple": higher, "quadruple": noisy, "quintuple": higher}
    _, diffs = gm.difference_table(rows)
    assert gm.distinguishable(diffs, "triple", "cluster") == [k for k, _ in gm.MEASURES]
    assert gm.distinguishable(diffs, "quadruple", "cluster") == []
