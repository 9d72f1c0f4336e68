"""``firststop desk --smoke``: does this build start and draw its sign-in screen?

For CI and the bundle check: no backend and no display needed (``QT_QPA_PLATFORM=offscreen``
works). It passes when the Sign in button is visible and enabled.
"""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger(__name__)


def run_smoke() -> float | None:
    """Seconds until the sign-in screen was ready for a touch; ``None`` if it never was."""
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from staffdesk.app import build_desk
    from staffdesk.settings import DeskSettings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    window = build_desk(DeskSettings(sound=False, windowed=True))
    try:
        window.show()
        app.processEvents()
        window.repaint()
        sign_in = window.sign_in_view.sign_in_button
        ready = window.isVisible() and sign_in.isVisible() and sign_in.isEnabled()
        elapsed = time.perf_counter() - started
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    if not ready:
        log.error("smoke check failed: the sign-in screen's button is not ready")
        return None
    return elapsed
