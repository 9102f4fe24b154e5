"""clustersim.analysis.replicates: the statistics on simulated data with known
answers, and the runner (caching, failures) with a stand-in program that writes
run files the way clustersim does, so that these tests need no build."""

import math
import pathlib
import stat
import textwrap

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from clustersim.analysis import replicates as rp  # noqa: E402


# --- statistics -------------------------------------------------------------

def test_mean_ci_covers_the_true_mean_about_95_percent_of_the_time():
    rng = np.random.default_rng(1)
    for n in (3, 10, 40):
        draws = 4000
        covered = sum(_covers(rp.mean_ci(rng.normal(7.0, 2.0, n)), 7.0) for _ in range(draws))
        # 95% ± 3 binomial sd (0.0034 at 4000 draws): a normal-quantile
        # interval (z instead of t) covers only ~88% at n = 3 and fails this.
        assert abs(covered / draws - 0.95) < 0.011, (n, covered / draws)


def _covers(e, true):
    return e.low <= true <= e.high


def test_a_90_percent_interval_is_narrower_and_covers_less():
    rng = np.random.default_rng(2)
    samples = [rng.normal(0.0, 1.0, 10) for _ in range(3000)]
    c95 = np.mean([_covers(rp.mean_ci(s), 0.0) for s in samples])
    c90 = np.mean([_covers(rp.mean_ci(s, level=0.90), 0.0) for s in samples])
    assert abs(c90 - 0.90) < 0.017 and c90 < c95
    assert rp.mean_ci(samples[0], 0.90).half_width < rp.mean_ci(samples[0]).half_width


def test_mean_ci_counts_only_finite_values_and_has_no_interval_below_two():
    e = rp.mean_ci([1.0, float("nan"), 3.0, float("inf")])
    assert e.n == 2 and e.mean == 2.0 and e.low < 2.0 < e.high
    one = rp.mean_ci([5.0])
    assert one.n == 1 and one.mean == 5.0 and math.isnan(one.low)
    assert rp.mean_ci([]).n == 0


def test_tick_ci_matches_mean_ci_column_by_column():
    rng = np.random.default_rng(3)
    m = rng.normal(size=(12, 5)).cumsum(axis=1)
    mean, low, high = rp.tick_ci(m)
    for j in range(5):
        e = rp.mean_ci(m[:, j])
        assert mean[j] == pytest.approx(e.mean) and low[j] == pytest.approx(e.low)
        assert high[j] == pytest.approx(e.high)


def test_paired_interval_is_narrower_than_unpaired_for_positively_correlated_arms():
    rng = np.random.default_rng(4)
    narrower, covered = 0, 0
    draws = 500
    for _ in range(draws):
        common = rng.normal(0.0, 3.0, 10)  # what the seed does to both arms
        ref = {s: 10.0 + common[s] + rng.normal(0.0, 0.5) for s in range(10)}
        arm = {s: 11.0 + common[s] + rng.normal(0.0, 0.5) for s in range(10)}
        paired = rp.paired_difference(arm, ref)
        unpaired = rp.unpaired_difference(list(arm.values()), list(ref.values()))
        narrower += paired.half_width < unpaired.half_width
        covered += paired.low <= 1.0 <= paired.high
        assert paired.n == 10 and paired.paired and not unpaired.paired
    assert narrower == draws
    assert abs(covered / draws - 0.95) < 0.03


def test_paired_is_not_narrower_when_the_arms_are_independent():
    # With no common seed effect, pairing buys nothing: the paired interval is
    # not systematically narrower (it has fewer degrees of freedom).
    rng = np.random.default_rng(5)
    narrower = 0
    for _ in range(500):
        ref = {s: rng.normal() for s in range(10)}
        arm = {s: rng.normal() for s in range(10)}
        narrower += (rp.paired_difference(arm, ref).half_width
                     < rp.unpaired_difference(list(arm.values()), list(ref.values())).half_width)
    assert 0.25 < narrower / 500 < 0.75


def test_paired_difference_uses_only_seeds_both_arms_completed():
    ref = {1: 1.0, 2: 2.0, 3: 3.0, 4: float("nan")}
    arm = {1: 2.0, 2: 4.0, 4: 5.0, 5: 9.0}
    d = rp.paired_difference(arm, ref)
    assert d.n == 2 and d.mean == pytest.approx(1.5)
    # Effect size d_z: mean difference over its sd.
    assert d.effect_size == pytest.approx(1.5 / np.std([1.0, 2.0], ddof=1))


def test_spearman_ci_of_a_monotone_sweep_and_of_noise():
    rng = np.random.default_rng(6)
    x = np.repeat([0.0, 0.01, 0.1, 1.0], 10)
    up = rp.spearman_ci(x, np.log10(x + 1e-3) + rng.normal(0, 0.3, len(x)))
    assert up.rho > 0.8 and 0 < up.low <= up.rho <= up.high <= 1 and up.n == 40
    flat = rp.spearman_ci(x, rng.normal(size=len(x)))
    assert flat.low < 0 < flat.high
    down = rp.spearman_ci(x, -x + rng.normal(0, 0.01, len(x)), stratified=False)
    assert down.high < 0


# --- figures and tables -----------------------------------------------------

def test_markdown_table():
    t = rp.markdown_table(["a", "b"], [[1, 2.34567], ["x|y", float("nan")]])
    assert t.splitlines() == ["| a | b |", "| --- | --- |", "| 1 | 2.35 |", "| x\\|y | nan |"]
    with pytest.raises(ValueError):
        rp.markdown_table(["a"], [[1, 2]])


def test_plots_draw_bands_and_error_bars(tmp_path):
    rng = np.random.default_rng(7)
    time = np.arange(5) * 0.25
    fig, (a, b) = plt.subplots(1, 2)
    rp.plot_bands(a, {"one": (time, rng.normal(size=(4, 5))), "two": (time, rng.normal(size=(1, 5)))},
                  start_year=2010)
    assert len(a.lines) == 2 and len(a.collections) == 1  # no band for n = 1
    assert a.lines[0].get_xdata()[0] == 2010
    est = [rp.mean_ci(rng.normal(size=5)) for _ in range(3)]
    rp.plot_against(b, [0.0, 0.01, 1.0], est, logx=True)
    assert b.get_xscale() == "log"
    assert [t.get_text() for t in b.get_xticklabels()][0] == "0"
    fig.savefig(tmp_path / "f.png")
    plt.close(fig)
    assert (tmp_path / "f.png").stat().st_size > 0


# --- the runner, with a stand-in program -------------------------------------

FAKE = textwrap.dedent("""\
    #!/usr/bin/python3
    # Stand-in for clustersim: `--version`, and `run SCENARIO --seed S ... --set K=V ... -o FILE`
    # writes FILE (.partial first, renamed when complete) with one series whose
    # value is seed + the value of --set x=...; seed 3 fails when FAIL_SEED3 is in the scenario.
    import pathlib, sys, h5py, numpy as np
    args = sys.argv[1:]
    if args == ["--version"]:
        print("fake 1.0"); sys.exit(0)
    log = pathlib.Path(sys.argv[0]).with_suffix(".log")
    with open(log, "a") as f:
        f.write(" ".join(args) + "\\n")
    seed = int(args[args.index("--seed") + 1]); out = args[args.index("-o") + 1]
    x = 0.0
    for i, a in enumerate(args):
        if a == "--set" and args[i + 1].startswith("x="):
            x = float(args[i + 1][2:])
    if seed == 3 and "FAIL_SEED3" in pathlib.Path(args[1]).read_text():
        print("error: seed 3 broke", file=sys.stderr); sys.exit(4)
    with h5py.File(out + ".partial", "w") as f:
        p = f.create_group("parameters"); p.attrs["status"] = "complete"
        f["regions/name"] = np.array([b"A", b"B"])
        g = f.create_group("observables/y")
        g["time"] = np.array([0.0, 0.25, 0.5]); g["step"] = np.arange(3)
        g["value"] = np.array([[seed, x], [seed + 1, x], [seed + 2, x]], dtype=float)
        g["national"] = g["value"][()].sum(axis=1)
    pathlib.Path(out + ".partial").rename(out)
""")


@pytest.fixture
def fake(tmp_path):
    program = tmp_path / "fakesim"
    program.write_text(FAKE)
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\n")
    return program, scenario


def _calls(program: pathlib.Path) -> list[str]:
    log = program.with_suffix(".log")
    return log.read_text().splitlines() if log.exists() else []


def test_runner_runs_every_arm_and_seed_with_the_documented_command(fake, tmp_path):
    program, scenario = fake
    arms = [rp.Arm("base", scenario), rp.Arm("x is 2", scenario, ("x=2",))]
    res = rp.run_arms(arms, range(1, 5), program, tmp_path / "work", jobs=3)
    assert res.ran == 8 and res.reused == 0 and not res.failures
    assert res.n("base") == res.n("x is 2") == 4
    calls = _calls(program)
    assert len(calls) == 8
    assert all("--threads 1" in c and "--progress never" in c for c in calls)
    assert sum("--set x=2" in c for c in calls) == 4
    time, m = res.series("x is 2", "y")
    assert list(time) == [0.0, 0.25, 0.5] and m.shape == (4, 3)
    assert list(m[:, 0]) == [1 + 2, 2 + 2, 3 + 2, 4 + 2]  # national = seed + x, in seed order
    assert res.values("base", lambda run: run.series["y"].value[-1, 0]) == {1: 3, 2: 4, 3: 5, 4: 6}
    assert list(res.series("base", "y", region="B")[1][:, 0]) == [0, 0, 0, 0]


def test_a_complete_file_is_not_rerun_but_a_changed_arm_is(fake, tmp_path):
    program, scenario = fake
    arms = [rp.Arm("a", scenario, ("x=1",))]
    rp.run_arms(arms, [1, 2], program, tmp_path / "w")
    assert len(_calls(program)) == 2
    again = rp.run_arms(arms + [rp.Arm("b", scenario)], [1, 2, 3], program, tmp_path / "w")
    assert again.reused == 2 and again.ran == 4
    assert len(_calls(program)) == 6
    # A different override is a different run, even under the same arm name.
    rp.run_arms([rp.Arm("a", scenario, ("x=5",))], [1], program, tmp_path / "w")
    assert len(_calls(program)) == 7
    # A file left incomplete is run again; fresh=True reruns everything.
    path = next(iter(again.paths["a"].values()))
    import h5py
    with h5py.File(path, "r+") as f:
        f["parameters"].attrs["status"] = "interrupted"
    assert not rp.is_complete(path)
    third = rp.run_arms(arms, [1, 2], program, tmp_path / "w")
    assert (third.ran, third.reused) == (1, 1)
    assert rp.run_arms(arms, [1, 2], program, tmp_path / "w", fresh=True).ran == 2
    # A rebuilt program with the same --version (uncommitted changes) is a different program.
    program.write_text(FAKE + "# rebuilt\n")
    assert rp.run_arms(arms, [1, 2], program, tmp_path / "w").ran == 2


def test_a_failed_run_is_reported_and_not_counted(fake, tmp_path):
    program, scenario = fake
    bad = tmp_path / "bad.yaml"
    bad.write_text("FAIL_SEED3\n")
    arms = [rp.Arm("good", scenario), rp.Arm("bad", bad)]
    messages = []
    res = rp.run_arms(arms, range(1, 6), program, tmp_path / "w", log=messages.append)
    assert res.n("good") == 5 and res.n("bad") == 4
    assert [(f.arm, f.seed, f.returncode) for f in res.failures] == [("bad", 3, 4)]
    assert "seed 3 broke" in res.failures[0].message
    assert any("failed" in m for m in messages) and "bad: 4/5" in res.summary()
    assert sorted(res.paths["bad"]) == [1, 2, 4, 5]
    end = {a.name: res.values(a.name, lambda run: run.series["y"].national[-1]) for a in arms}
    assert rp.mean_ci(end["bad"].values()).n == 4
    assert rp.paired_difference(end["bad"], end["good"]).n == 4
    # The failed seed is tried again next time (it left no complete file), and only it.
    calls = len(_calls(program))
    again = rp.run_arms(arms, range(1, 6), program, tmp_path / "w")
    assert (again.ran, again.reused, len(again.failures)) == (0, 9, 1)
    assert len(_calls(program)) == calls + 1


def test_arm_names_must_differ_and_settings_need_a_value(fake, tmp_path):
    program, scenario = fake
    with pytest.raises(ValueError):
        rp.run_arms([rp.Arm("a", scenario), rp.Arm("a", scenario)], [1], program, tmp_path)
    with pytest.raises(ValueError):
        rp.Arm("a", scenario, ("model.x",))


def test_a_changed_file_that_the_scenario_reads_reruns(fake, tmp_path):
    program, _ = fake
    scenario = tmp_path / "with_csv.yaml"
    scenario.write_text("regions:\n  csv: data/r.csv\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "r.csv").write_text("region\nA\n")
    arm = [rp.Arm("a", scenario)]
    assert rp.run_arms(arm, [1], program, tmp_path / "w").ran == 1
    assert rp.run_arms(arm, [1], program, tmp_path / "w").reused == 1
    (tmp_path / "data" / "r.csv").write_text("region\nB\n")
    assert rp.run_arms(arm, [1], program, tmp_path / "w").ran == 1
