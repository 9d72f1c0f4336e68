"""Building the desk: the window, its stylesheet and its presenter. :func:`build_desk` is
the programmatic face (the demo and the end-to-end tests drive the window it returns);
:func:`run` starts the desk for real and returns the process's exit code."""

from __future__ import annotations

import dataclasses
import logging
import sys

from PySide6.QtWidgets import QApplication

from shared.client import BackendClient
from shared.ui import theme
from shared.ui.collector import MainThreadCollector
from staffdesk.presenter import DeskPresenter
from staffdesk.settings import DeskSettings
from staffdesk.window import DeskWindow

log = logging.getLogger(__name__)

# The shared screen widgets (for the mirror), then the desk's own parts.
STYLE_PARTS = ("screen.qss", "desk.qss")


def desk_sizes() -> theme.Sizes:
    """The kiosk's standard sizes, a little smaller for a tablet held at arm's length (the
    customer's screen is read closer than a kiosk), touch targets still 56 px."""
    standard = theme.sizes(large_text=False, dpi=96, viewing_distance_mm=500)
    return dataclasses.replace(
        standard, small_px=17, body_px=20, heading_px=28, reference_px=40, target_px=56
    )


def desk_stylesheet() -> str:
    return theme.stylesheet(STYLE_PARTS, theme.palette(high_contrast=False), desk_sizes())


def build_desk(settings: DeskSettings, client: BackendClient | None = None) -> DeskWindow:
    """The desk's window on its sign-in screen, its presenter attached (``window.presenter``).

    The stylesheet is set on the window, not the application, so a kiosk in the same
    process (the demo) keeps its own."""
    window = DeskWindow()
    window.setStyleSheet(desk_stylesheet())
    window.presenter = DeskPresenter(settings, window, client)
    window.resize(settings.width, settings.height)
    return window


def run(settings: DeskSettings) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("First Stop help desk")
    collector = MainThreadCollector(app)
    collector.start()
    window = build_desk(settings)
    if settings.windowed:
        window.show()
    else:
        window.showFullScreen()
    try:
        return app.exec()
    finally:
        window.presenter.shutdown()
        collector.stop()
