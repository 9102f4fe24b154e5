"""clustersim.plots: the figures of tools/plot are written as PNGs from a real run file."""

import pathlib

import clustersim
from clustersim import plots

PNG = b"\x89PNG\r\n\x1a\n"


def is_png(path: pathlib.Path) -> bool:
    return path.is_file() and path.stat().st_size > 1000 and path.read_bytes()[:8] == PNG


def test_grid_is_a_png(demo_run, tmp_path):
    run = clustersim.load_run(demo_run)
    out = tmp_path / "grid.png"
    plots.plot_grid(run, out, dpi=40)
    assert is_png(out)


def test_plot_all_writes_every_figure_the_file_has_data_for(demo_run, tmp_path):
    run = clustersim.load_run(demo_run)
    written = plots.plot_all(run, tmp_path / "figs", dpi=40, per_series=False)
    names = {p.name for p in written}
    # The demo records stages, policy spending and density; snapshots give the network.
    assert {"indicators.png", "stages.png", "policy.png", "network.png", "innovation_density.png"} <= names
    assert all(is_png(p) for p in written)
    assert not (tmp_path / "figs" / "series").exists()


def test_no_network_figure_without_snapshots(make_run, tmp_path):
    run = clustersim.load_run(make_run("demo", "--ticks", "2", name="demo-nosnap"))
    assert plots.plot_network(run, tmp_path / "network.png", dpi=40) is None
    assert not (tmp_path / "network.png").exists()


def test_stage_labels_come_from_the_file(demo_run):
    run = clustersim.load_run(demo_run)
    assert plots.stage_label(run, 2) == "2 ecosystem formation"
    assert plots.stage_label(run, 99) == "99"


def test_main_as_tools_plot(demo_run, tmp_path, capsys):
    out = tmp_path / "one.png"
    assert plots.main([str(demo_run), "-o", str(out), "--summary", "--dpi", "40"]) == 0
    assert is_png(out)
    printed = capsys.readouterr().out
    for region in ("Almaty", "Astana", "Karaganda region"):
        assert region in printed
    assert "status: complete" in printed


def test_main_refuses_a_missing_file(tmp_path, capsys):
    assert plots.main([str(tmp_path / "none.h5"), "--no-plot"]) == 1
    assert "cannot read" in capsys.readouterr().err
