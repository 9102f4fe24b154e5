"""clustersim.analysis: the governance-modes experiment's measures."""


import numpy as np

import clustersim


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
