"""``firststop kiosk --smoke``: does this build start and draw its welcome screen?

For CI and the installers' bundle check. It needs no enrolment, no backend and no display
(``QT_QPA_PLATFORM=offscreen`` works): the bundled demo catalogue, an outbox and the
settings' directories in a temporary directory (issuer ``222``, no client), the window shown
unlocked, one round of events and a synchronous paint. It passes when the Start button is
visible and enabled; the command then prints ``welcome screen rendered in X.XXX s`` (timed
from the start of the check, imports included) and exits 0.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

SMOKE_ISSUER = "222"


def run_smoke() -> float | None:
    """Seconds until the welcome screen was ready for a touch; ``None`` if it never was."""
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.outbox import Outbox
    from kiosk.settings import load_settings
    from kiosk.sync.catalogue import bundled_demo_catalogue

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="firststop-smoke-") as scratch:
        root = Path(scratch)
        settings = load_settings(config_dir=root / "config", data_dir=root / "data", locked=False)
        outbox = Outbox(root / "outbox.sqlite3", SMOKE_ISSUER)
        kiosk = Kiosk(settings, bundled_demo_catalogue(), outbox, client=None)
        window = kiosk.window
        try:
            window.resize(settings.width, settings.height)
            window.show()
            app.processEvents()
            window.repaint()
            start = window.welcome.start_button
            ready = window.isVisible() and start.isVisible() and start.isEnabled()
            elapsed = time.perf_counter() - started
        finally:
            window.close()
            kiosk.background.close()
            outbox.close()
            window.deleteLater()
            app.processEvents()
    if not ready:
        log.error("smoke check failed: the welcome screen's Start button is not ready")
        return None
    return elapsed
