"""The first-frame hook fires once, after the window's widgets have painted, in whatever order
the window is shown and its hook made."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from kiosk.services.first_frame import on_first_paint


class PaintedLabel(QLabel):
    def __init__(self):
        super().__init__("painted")
        self.paints = 0

    def paintEvent(self, event) -> None:  # noqa: N802
        self.paints += 1
        super().paintEvent(event)


def window_with_label(qtbot):
    window = QMainWindow()
    label = PaintedLabel()
    window.setCentralWidget(label)
    window.resize(400, 300)
    qtbot.addWidget(window)
    return window, label


def test_the_hook_runs_once_after_the_first_paint_when_made_before_show(qtbot):
    window, label = window_with_label(qtbot)
    seen: list[int] = []
    on_first_paint(window, lambda: seen.append(label.paints))
    window.show()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] >= 1  # the label had painted when the hook ran
    window.update()
    qtbot.waitUntil(lambda: label.paints > seen[0])
    assert len(seen) == 1  # later frames do not call it again


def test_the_hook_made_after_show_waits_for_the_next_paint(qtbot):
    window, label = window_with_label(qtbot)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: label.paints >= 1)
    painted = label.paints
    seen: list[int] = []
    on_first_paint(window, lambda: seen.append(label.paints))
    window.update()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] > painted
