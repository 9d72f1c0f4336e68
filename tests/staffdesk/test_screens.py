"""Every desk screen, drawn offscreen from made-up states in both orientations: the
accessibility audit passes, the layout turns with the tablet, the smoke check and the
screenshots command work without a backend; the pure parts (words, the model, the chime)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from firststop.cli import main
from shared.client import BackendClient
from shared.live.messages import DeskWelcome, HelpRaised
from shared.resources import asset_path
from shared.schema import decode, encode, replace
from shared.ui.audit import audit
from staffdesk import words
from staffdesk.alert import Alarm, chime_frames, write_chime
from staffdesk.app import build_desk
from staffdesk.mirror.view import MirrorView
from staffdesk.model import DeskModel
from staffdesk.screenshots import SIZES, sample_welcome, visit
from staffdesk.settings import DeskSettings


@pytest.mark.parametrize("orientation", list(SIZES))
def test_every_screen_passes_the_accessibility_audit(
    orientation: str, qtbot: QtBot, qapp: QApplication
) -> None:
    width, height = SIZES[orientation]
    settings = DeskSettings(sound=False, windowed=True, width=width, height=height)
    window = build_desk(settings, BackendClient("http://127.0.0.1:9"))
    qtbot.addWidget(window)
    window.show()
    seen = []
    try:
        for name in visit(window, qapp):
            qapp.processEvents()
            assert window.size().width() == width
            assert window.size().height() == height
            problems = audit(window)
            assert problems == [], f"{name}: " + "; ".join(map(str, problems))
            seen.append(name)
    finally:
        window.presenter.shutdown()
    assert {
        "mirror",
        "confirm",
        "board-and-queue",
        "add-walk-in",
        "walk-in-ticket",
        "appointments",
        "book-appointment",
        "cancel-booking",
        "rebook-booking",
        "pass-on",
        "fleet",
        "board-menu",
        "figures",
        "figures-visits",
        "figures-charts",
        "figures-failed",
        "lookup-found",
        "lookup-case",
        "assist-services",
        "assist-journey",
        "mirror-type-for-them",
        "mirror-booking",
    } <= set(seen)
    portrait = orientation == "portrait"
    direction = window.mirror._layout.direction()
    assert (direction is QBoxLayout.Direction.TopToBottom) == portrait


def test_smoke_and_screenshots_need_no_backend(tmp_path: Path, qapp: QApplication) -> None:
    assert main(["desk", "--smoke"]) == 0
    assert main(["desk", "--screenshots", str(tmp_path)]) == 0
    drawn = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.png"))
    assert "landscape/05-add-walk-in.png" in drawn
    assert "portrait/07-appointments.png" in drawn
    assert "landscape/08-book-appointment.png" in drawn
    assert "narrow/09-cancel-booking.png" in drawn
    assert "portrait/10-rebook-booking.png" in drawn
    assert "landscape/11-pass-on.png" in drawn
    assert "landscape/13-mirror.png" in drawn
    assert "landscape/14-mirror-services.png" in drawn
    assert "landscape/16-fleet.png" in drawn
    assert "narrow/17-board-menu.png" in drawn
    assert "portrait/18-confirm.png" in drawn
    assert "narrow/19-figures.png" in drawn
    assert "landscape/20-figures-visits.png" in drawn
    assert "portrait/22-figures-failed.png" in drawn
    assert "contact-sheets/landscape-01.png" in drawn
    assert "contact-sheets/portrait-01.png" in drawn
    assert "contact-sheets/narrow-01.png" in drawn


def test_the_chime_is_the_committed_file_and_silence_never_fails(
    tmp_path: Path, qtbot: QtBot
) -> None:
    made = tmp_path / "help.wav"
    write_chime(made)
    assert made.read_bytes() == asset_path("sounds", "help.wav").read_bytes()
    assert len(chime_frames()) > 10_000
    # Offscreen there is no audio device: the alarm rings without a sound and without failing.
    alarm = Alarm(enabled=True)
    alarm.ring()
    assert alarm.rung == 1
    assert not Alarm(enabled=False).audible


def test_durations_and_readable_messages() -> None:
    assert words.duration(5.9) == "5 s"
    assert words.duration(125) == "2 min 05 s"
    assert words.duration(3725) == "1 h 02 min"
    assert words.error("contact.email.invalid").startswith("Please type an email address")
    assert words.error("made.up_thing") == "Made: Up thing"
    assert words.screen("services") == "The customer is choosing a service"


def test_the_model_alerts_once_per_request_ever() -> None:
    model = DeskModel()
    welcome = sample_welcome()
    # The one nobody has claimed alerts; the one Alex has does not.
    assert [r.kiosk_name for r in model.welcome(welcome)] == ["Kiosk 1 (by the door)"]
    # A reconnect lists them again: nothing new.
    again = replace(welcome, server_time=welcome.server_time + timedelta(seconds=9))
    assert model.welcome(again) == []
    request = replace(welcome.help[1], id=uuid.uuid4().hex, raised_at=datetime.now(UTC))
    assert model.raised(HelpRaised(request=request).request) is True
    assert model.raised(request) is False
    assert [r.id for r in model.queue()][-1] == request.id
    model.clear()
    assert model.welcome(decode(DeskWelcome, encode(again))) == []


def test_a_new_claims_tips_leave_no_old_send_button_behind(qtbot: QtBot) -> None:
    mirror = MirrorView()
    qtbot.addWidget(mirror)
    mirror.show()
    tips = [("tip.a", "Tip A", None), ("tip.b", "Tip B", "Astuce B")]
    mirror.start("Kiosk 1", tips)
    old = mirror.tip_buttons["tip.a"]
    # Claimed again: before Qt has had a moment to delete the old rows, only the new
    # buttons are there to find or press.
    mirror.start("Kiosk 1", tips)
    found = mirror.findChildren(QWidget, "tip-tip.a")
    assert found == [mirror.tip_buttons["tip.a"]]
    assert found[0] is not old
    assert not old.isVisible()
    assert len(mirror.findChildren(QWidget, "tipWords-tip.b")) == 1
