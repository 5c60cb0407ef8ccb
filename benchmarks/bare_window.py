"""The floor: a bare PySide6 window, 1920x1080, shown; prints FIRST_FRAME and RSS_KB at its
first Paint event and exits. Run as a script: it imports nothing but PySide6."""

import sys

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class Window(QWidget):
    painted = False

    def event(self, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            print("FIRST_FRAME", flush=True)
            with open("/proc/self/status") as status:
                rss = next(line.split()[1] for line in status if line.startswith("VmRSS:"))
            print(f"RSS_KB {rss}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return super().event(event)


if __name__ == "__main__":
    app = QApplication(sys.argv)
    window = Window()
    window.resize(1920, 1080)
    window.show()
    sys.exit(app.exec())
