"""A greeter types into a field on the customer's kiosk, only once the customer allows it.

A real kiosk and a real desk meet through the backend's live hub on loopback. Before the
customer's consent a typed value is refused by the hub and never reaches the kiosk; the
greeter asks, the kiosk asks the customer in their language, and on Allow the greeter's
words appear in the field on the kiosk, marked; the consent ends with the help. Each
step is audited (who, which field), never the value.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from casebackend.db.engine import unit_of_work
from kiosk.app import Kiosk
from kiosk.help.session import HelpStatus
from shared.live.messages import FillValue
from staffdesk.assist.fill import Consent
from staffdesk.window import DeskWindow
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap
from tests.staffdesk.conftest import make_desk, sign_in
from tests.test_mirror_end_to_end import claim

__all__ = ["kiosk", "make_desk"]  # fixtures

FIELD = "vehicle_registration"
PLATE = "QX51 YRT"


def audited(backend: Backend) -> list[tuple[str, str, str]]:
    with unit_of_work(backend.context.sessions) as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("fill.%")).order_by(AuditEvent.id)
        ).all()
        return [(row.action, row.actor_label, row.detail) for row in rows]


def test_a_greeter_types_for_the_customer_only_once_they_allow_it(
    qtbot: QtBot,
    backend: Backend,
    kiosk: Kiosk,
    make_desk: Callable[..., DeskWindow],
) -> None:
    desk = make_desk(backend.url)
    sign_in(qtbot, desk, "sam")
    window = kiosk.window
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.services.findChild(QWidget, "service:parking_permit"))
    field = window.journey_view.field(FIELD)
    assert field is not None
    claim(qtbot, kiosk, desk)
    qtbot.waitUntil(lambda: desk.mirror.screen.field(FIELD) is not None, timeout=5_000)
    help_id = kiosk.help.help_id
    assert help_id is not None

    # Without the customer's consent: the hub refuses, the kiosk's field stays empty.
    assert desk.presenter.link is not None
    desk.presenter.link.send(FillValue(help_id=help_id, field=FIELD, value=PLATE))
    qtbot.waitUntil(lambda: "has not allowed you to type" in desk.notice.text(), timeout=5_000)
    assert field.value() in (None, "")

    # The greeter taps the box on the mirror and asks; the kiosk asks the customer.
    desk.mirror.screen.field_tapped.emit(FIELD)
    panel = desk.mirror.fill
    assert not panel.put_button.isEnabled()
    tap(qtbot, panel.ask_button)
    prompt = kiosk.fill.prompt
    qtbot.waitUntil(prompt.isVisible, timeout=5_000)
    assert prompt.title.text() == "Sam at the desk would like to type this for you"
    assert field.property("highlighted") is True

    # No thanks: the greeter is told, and still cannot type.
    tap(qtbot, prompt.decline_button)
    qtbot.waitUntil(lambda: panel.consent is Consent.REFUSED, timeout=5_000)
    assert not panel.put_button.isEnabled()

    # Asked again, allowed: the greeter's words appear in the box on the kiosk, marked.
    tap(qtbot, panel.ask_button)
    qtbot.waitUntil(prompt.isVisible, timeout=5_000)
    tap(qtbot, prompt.allow_button)
    qtbot.waitUntil(lambda: panel.consent is Consent.ALLOWED, timeout=5_000)
    panel.value.setText(PLATE)
    tap(qtbot, panel.put_button)
    qtbot.waitUntil(lambda: field.value() == PLATE, timeout=5_000)
    assert kiosk.journey.flow is not None
    assert kiosk.journey.flow.answers[FIELD] == PLATE
    assert field.property("highlighted") is True
    qtbot.waitUntil(window.help_banner.tip.isVisible)

    # The help released: the consent ends with it, on the kiosk and at the hub.
    tap(qtbot, desk.findChild(QPushButton, "release"))
    qtbot.waitUntil(lambda: kiosk.help.status is HelpStatus.WAITING, timeout=5_000)
    assert not kiosk.help.fill_allowed

    detail = f"help {help_id}"
    rows = audited(backend)
    assert [(action, who) for action, who, _ in rows] == [
        ("fill.refused", "Kiosk by the door"),
        ("fill.allowed", "Kiosk by the door"),
        ("fill.typed", "Sam"),
    ]
    assert all(text.startswith(detail) for _, _, text in rows)
    assert rows[-1][2].endswith(f"field {FIELD}")
    assert not any(PLATE in text for _, _, text in rows)
