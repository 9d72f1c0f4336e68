"""A visitor passed to a named colleague alerts that colleague's desk as new help does (the
chime, the banner, the line's flash), over the real backend and live hub; passing to any
advisor alerts nobody."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebackend.identity.models import StaffMember
from tests.conftest import Backend
from tests.staffdesk.test_triage import add_walk_in, sam_and_alex


def test_a_visitor_passed_to_a_colleague_alerts_their_desk_alone(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    sam, alex = sam_and_alex(backend, make_desk, qtbot)
    with backend.context.sessions() as session:
        alex_id = session.query(StaffMember.id).filter_by(username="alex").scalar()
    to_advisor, to_alex = add_walk_in(backend)["id"], add_walk_in(backend)["id"]
    qtbot.waitUntil(lambda: to_alex in alex.triage.entries, timeout=5000)
    rung = alex.presenter.alarm.rung, sam.presenter.alarm.rung
    sam_http = backend.login("sam")

    def pass_on(entry_id: str, body: dict[str, Any]) -> None:
        done = backend.http.post(
            f"{backend.api}/triage/{entry_id}/transfer?location=shop", json=body, headers=sam_http
        )
        assert done.status_code == 200, done.text

    # To any advisor: the line changes on every desk, nobody is called for.
    pass_on(to_advisor, {"to_advisor": True})
    line = alex.triage.entries[to_advisor]
    qtbot.waitUntil(lambda: line.state.text().startswith("Waiting for an advisor"), timeout=5000)
    assert not alex.alert_banner.isVisible()
    assert alex.presenter.alarm.rung == rung[0]
    pass_on(to_alex, {"staff_id": alex_id, "note": "Arrears"})
    qtbot.waitUntil(alex.alert_banner.isVisible, timeout=5000)
    assert alex.alert_banner.text() == "Passed to you: Walk-in W002, from Sam"
    assert alex.presenter.alarm.rung == rung[0] + 1
    theirs = alex.triage.entries[to_alex]
    assert alex.flasher.flashing(theirs)
    # Sam's own desk is not alerted for what Sam did; Alex's only once.
    assert sam.presenter.alarm.rung == rung[1]
    assert not sam.alert_banner.isVisible()
    # The banner takes Alex to the line.
    qtbot.mouseClick(alex.alert_banner, Qt.MouseButton.LeftButton)
    viewport = alex.triage.scroll_area.viewport()
    qtbot.waitUntil(
        lambda: viewport.rect().contains(theirs.mapTo(viewport, theirs.rect().center()))
    )
