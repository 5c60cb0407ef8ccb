"""A short soak for CI: random real touches, swipes, language switches, idle resets and
content reloads against the kiosk, the same driver as `python -m benchmarks.soak`."""

from __future__ import annotations

import pytest

from benchmarks import qtkiosk
from benchmarks.generate import valid_sample
from benchmarks.soak import SoakDriver

TOUCHES = 600  # ~40 s here; `python -m benchmarks.soak` runs 50,000
QOBJECT_TOLERANCE = 20  # a transition picture or a timer may be alive at one sample only


@pytest.mark.soak
@pytest.mark.timeout(900)  # ~40 s here; minutes on a loaded machine
def test_random_touches_log_no_errors_and_leak_no_widgets(qapp, tmp_path):
    content, _ = valid_sample(tmp_path)
    kiosk = qtkiosk.build(content, tmp_path / "data")
    try:
        report = SoakDriver(kiosk, content, seed=7).run(TOUCHES, every=300, warmup=100)
    finally:
        qtkiosk.close(kiosk)

    assert not report.errors, f"{len(report.errors)} errors: {sorted(set(report.errors))}"
    first, last = report.samples[0], report.samples[-1]
    assert last.top_level_widgets == first.top_level_widgets
    assert last.all_widgets == first.all_widgets
    assert abs(last.live_qobjects - first.live_qobjects) <= QOBJECT_TOLERANCE
    assert sum(report.counts.values()) == TOUCHES
    assert all(report.counts[action] > 0 for action in report.counts)
