"""clustersim's Python side: read run files, plot them, analyse them.

This is the pure-Python package. Put ``tools/python`` on the path
(``PYTHONPATH=tools/python /usr/bin/python3``; Debian's python3-h5py,
-pandas, -xarray and -matplotlib, see tools/setup) and::

    import clustersim
    run = clustersim.load_run("out/demo.h5")   # = clustersim.runfile.load_run

Modules:

- ``clustersim.runfile``: the run-file reader (pandas tables, xarray, snapshots);
  its public names are re-exported here.
- ``clustersim.plots``: the figures of ``tools/plot``.
- ``clustersim.analysis.replicates``: arms x seeds runs, CIs, paired differences, plots;
- ``clustersim.analysis.stage_policy``, ``clustersim.analysis.pole_periphery``,
  ``clustersim.analysis.governance_modes``, ``clustersim.analysis.small_world`` and the others:
  the analyses behind ``tools/analysis/*.py``.

The name ``clustersim._core`` is kept free for a compiled extension (a future
pybind11 module of the C++ engine), so both can live in this one package; no
module here may take that name.
"""

from clustersim import runfile
from clustersim.runfile import *  # noqa: F401,F403  (the package's public reader API)

__all__ = list(runfile.__all__)
