"""Help nobody answers ends after ``help_timeout_seconds``, so the kiosk's privacy wipe can
run (SQLite and PostgreSQL); a claimed request does not."""

from __future__ import annotations

import uuid

import pytest

from casebackend.db.engine import unit_of_work
from casebackend.live.models import HelpSession
from casebackend.settings import BackendSettings
from shared.live.messages import (
    DeskWelcome,
    HelpClaim,
    HelpClaimed,
    HelpEnded,
    HelpEndReason,
    HelpRaise,
    HelpRaised,
    KioskWelcome,
    TriageChanged,
)
from shared.triage.schemas import TriageState
from tests.casebackend.test_live import _context, desk, kiosk_socket
from tests.conftest import Backend, make_settings


@pytest.fixture
def backend_settings(database_url: str) -> BackendSettings:
    return make_settings(database_url, help_timeout_seconds=1)


def test_unanswered_help_times_out_and_the_kiosk_is_told(backend: Backend) -> None:
    first, _ = backend.enrol("shop")
    second, _ = backend.enrol("shop")
    with (
        desk(backend, "sam") as sam,
        kiosk_socket(backend, first) as waiting,
        kiosk_socket(backend, second) as helped,
    ):
        sam.expect(DeskWelcome)
        waiting.expect(KioskWelcome)
        helped.expect(KioskWelcome)
        unanswered, answered = uuid.uuid4().hex, uuid.uuid4().hex
        helped.send(HelpRaise(help_id=answered, context=_context()))
        assert sam.expect(HelpRaised).request.id == answered
        sam.send(HelpClaim(help_id=answered))
        helped.expect(HelpClaimed)
        waiting.send(HelpRaise(help_id=unanswered, context=_context()))

        ended = waiting.expect(HelpEnded)
        assert (ended.help_id, ended.reason) == (unanswered, HelpEndReason.TIMED_OUT)
        while True:
            news = sam.expect(TriageChanged).entry
            if news.id == unanswered and news.state is TriageState.ENDED:
                break
    with unit_of_work(backend.context.sessions) as session:
        assert session.get_one(HelpSession, unanswered).end_reason == "timed_out"
        # Claimed a second before the other was raised, and still open.
        assert session.get_one(HelpSession, answered).ended_at is None
