"""The app side of the AT-SPI test: ``python -m tests.accessibility.driver kiosk|desk``.

Builds the real kiosk (demo catalogue, windowed, a throwaway outbox) or the real staff desk
(no backend: made-up hub messages, as ``--screenshots`` does) on whatever display the
environment names, and shows one screen per line read on standard input. Each answer is one
line on standard output: ``DRIVER {json}`` with the screen's name, its headings' texts and
how many controls it shows, or ``DRIVER {"done": true}`` after the last. Between lines the
Qt event loop runs, so the accessibility bridge answers a screen reader's questions."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Generator
from pathlib import Path

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

# The text roles (shared/ui/fields.label) of a screen's headings, in both apps.
HEADING_ROLES = frozenset(
    {"title", "panelTitle", "welcomeTitle", "deskTitle", "sectionTitle", "helpTitle"}
)


def say(message: dict[str, object]) -> None:
    sys.stdout.write("DRIVER " + json.dumps(message) + "\n")
    sys.stdout.flush()


def headings(window: QWidget) -> list[str]:
    return [
        widget.text()
        for widget in window.findChildren(QLabel)
        if widget.property("textRole") in HEADING_ROLES and widget.isVisible() and widget.text()
    ]


def controls(window: QWidget) -> list[QWidget]:
    """The visible buttons, toggles, check boxes, radio buttons and text fields."""
    found: list[QWidget] = [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QLineEdit | QPlainTextEdit) and widget.isVisible()
    ]
    return found


def kiosk_screens(scratch: Path) -> Generator[tuple[str, QWidget], None, None]:
    """One of each kind of kiosk screen, in English: welcome, services, each kind of
    question (by its step and its controls), one while typing, the check-your-answers
    screen, the thank-you screen and tracking."""
    from kiosk.screenshots import visit_all
    from kiosk.settings import KioskSettings

    settings = KioskSettings(
        config_dir=scratch / "config",
        data_dir=scratch / "data",
        locked=False,
        speech_engine=None,
        screen_dpi=96,
    )
    seen: set[object] = set()
    for kiosk, _mode, language, name in visit_all(settings, only_modes={"standard"}):
        if language != "en":
            break
        window = kiosk.window
        if name.endswith("-typing"):
            kind: object = "typing"
        elif name.endswith("-zz-thanks"):
            kind = "thanks"
            # It would go back to the welcome screen by itself while being read.
            kiosk._thanks_timer.stop()
        elif kiosk.journey.flow is not None and not kiosk.journey.flow.finished:
            shown = controls(window.journey_view)
            kind = (
                kiosk.journey.flow.step.kind,
                any(isinstance(w, QLineEdit | QPlainTextEdit) for w in shown),
                any(isinstance(w, QRadioButton) for w in shown),
                any(isinstance(w, QCheckBox) for w in shown),
            )
        else:
            kind = name
        if kind not in seen:
            seen.add(kind)
            yield name, window


def desk_screens() -> Generator[tuple[str, QWidget], None, None]:
    """Every staff desk screen, in landscape, as ``firststop desk --screenshots`` draws them."""
    from shared.client import BackendClient
    from staffdesk.app import build_desk
    from staffdesk.screenshots import visit
    from staffdesk.settings import DeskSettings

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = DeskSettings(sound=False, windowed=True, width=1280, height=800)
    # A client that is never called: every message the desk is given is made up.
    window = build_desk(settings, BackendClient("http://127.0.0.1:9"))
    window.show()
    try:
        for name in visit(window, app):
            app.processEvents()
            yield name, window
    finally:
        window.close()


def main(which: str) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName(f"firststop-{which}")
    with tempfile.TemporaryDirectory() as scratch:
        screens = kiosk_screens(Path(scratch)) if which == "kiosk" else desk_screens()
        notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

        def on_line() -> None:
            line = sys.stdin.readline()
            if line.strip() != "next":
                notifier.setEnabled(False)
                app.quit()
                return
            try:
                name, window = next(screens)
            except StopIteration:
                say({"done": True})
                return
            say(
                {
                    "screen": name,
                    "headings": headings(window),
                    "controls": len(controls(window)),
                }
            )

        notifier.activated.connect(on_line)
        say({"ready": True, "pid": os.getpid()})
        code = app.exec()
        screens.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "kiosk"))
