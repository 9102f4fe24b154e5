"""Fixtures for the tests of the Python package (tools/python/clustersim).

The run files are made once per session by the program named in
CLUSTERSIM_BIN (ctest sets it to the program it built); without it every test
that needs a run file is skipped, with that reason. Run them by hand with

    CLUSTERSIM_BIN=build/bin/clustersim PYTHONPATH=tools/python /usr/bin/python3 -m pytest -q tests/python
"""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(__file__).resolve().parents[2]  # the repository root


@pytest.fixture(scope="session")
def clustersim_bin() -> pathlib.Path:
    """The clustersim program (CLUSTERSIM_BIN)."""
    value = os.environ.get("CLUSTERSIM_BIN")
    if not value:
        pytest.skip("CLUSTERSIM_BIN is not set: it names the clustersim program that makes the run files")
    path = pathlib.Path(value)
    if not path.is_file():
        pytest.fail(f"CLUSTERSIM_BIN={value} is not a file")
    return path


@pytest.fixture(scope="session")
def make_run(clustersim_bin, tmp_path_factory):
    """make_run(scenario, *args, name=...) runs `clustersim run scenarios/<scenario>.yaml
    ARGS -o <tmp>/<name>.h5` and returns the file's path."""
    directory = tmp_path_factory.mktemp("runs")

    def make(scenario: str, *args: str, name: str | None = None) -> pathlib.Path:
        path = directory / f"{name or scenario}.h5"
        result = subprocess.run(
            [str(clustersim_bin), "run", str(SOURCE / "scenarios" / f"{scenario}.yaml"), *args,
             "-o", str(path), "--force", "--progress", "never", "--threads", "1"],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"clustersim run {scenario} {args} failed:\n{result.stderr}"
        return path

    return make


@pytest.fixture(scope="session")
def demo_run(make_run) -> pathlib.Path:
    """The demo, 4 ticks, with agent and network snapshots at ticks 0, 2 and 4."""
    return make_run("demo", "--ticks", "4", "--snapshot-every", "2")


@pytest.fixture(scope="session")
def poles_run(make_run) -> pathlib.Path:
    """growth_poles (16 regions), 12 ticks: growth poles and a periphery."""
    return make_run("growth_poles", "--ticks", "12")
