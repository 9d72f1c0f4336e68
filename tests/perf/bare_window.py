"""The floor for ``bench_bundle``: the least a PySide6 program can show, a ``QWidget`` with
one label, run by the project's own Python (not bundled). The label is the welcome
screen's Start button's green (``#00703c``), large enough for the benchmark to see it on
the screen as it sees the kiosk's button; no stylesheet, no other module."""

import sys

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

GREEN = "#00703c"

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1280, 800)
    label = QLabel("Start")
    label.setMinimumSize(640, 128)
    label.setAutoFillBackground(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(GREEN))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    label.setPalette(palette)
    layout = QVBoxLayout(window)
    layout.addWidget(label)
    window.show()
    sys.exit(app.exec())
