"""Analyses of clustersim run files; each module has a ``main(argv)`` that its
launcher in ``tools/analysis/`` calls."""
