"""The daily overdue digest and the overdue list, on the real backend (SQLite and
PostgreSQL): exactly the expected cases per team, once a day however many workers race for
it, nothing on weekends and bank holidays, through GOV.UK Notify (a loopback fake), and
printed by ``firststop admin overdue-digest --dry-run``."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from casebackend.cases.models import Case
from casebackend.cases.sla import add_working_days, working_days_between
from casebackend.db.engine import unit_of_work
from casebackend.notifications.models import Notification
from casebackend.notifications.provider import NotificationTemplate
from casebackend.organisation.models import Team
from casebackend.overdue.models import OverdueDigest
from casebackend.overdue.scheduler import DigestScheduler
from shared.cases.workflow import CaseStatus
from shared.references import CaseReference
from tests.casebackend.seeding import add_case
from tests.conftest import Backend, make_settings
from tests.fakes.notify import FakeNotify

# Thursday 3 December 2026, 08:30 in London (GMT): due soon runs to Monday 7 December.
THURSDAY = datetime(2026, 12, 3, 8, 30, tzinfo=UTC)


def add_cases(
    backend: Backend, cases: list[tuple[str, str | None, date | None, bool]]
) -> list[str]:
    """(service, team code, due, finished) each; returns their references in order."""
    references = []
    with unit_of_work(backend.context.sessions) as session:
        team = dict(session.execute(select(Team.code, Team.id)).all())
        start = session.scalar(select(func.count(Case.id))) or 0
        for number, (service, team_code, due, finished) in enumerate(cases, start + 700):
            created = datetime(2026, 10, 1, 10, tzinfo=UTC)
            reference = str(CaseReference.issue("333", number))
            add_case(
                session,
                reference,
                service,
                created=created,
                team_id=team[team_code] if team_code else None,
                due=due,
                resolved=created + timedelta(days=5) if finished else None,
                status=None if finished else CaseStatus.IN_PROGRESS,
            )
            references.append(reference)
    return references


def seed(backend: Backend) -> dict[str, str]:
    refs = add_cases(
        backend,
        [
            ("pothole", "highways", date(2026, 11, 20), False),  # overdue, 9 working days
            ("pothole", "highways", date(2026, 12, 3), False),  # due today: due soon
            ("pothole", "highways", date(2026, 12, 7), False),  # due soon (2 working days)
            ("pothole", "highways", date(2026, 12, 8), False),  # on time
            ("pothole", "highways", date(2026, 11, 2), True),  # late, but resolved
            ("pothole", "highways", None, False),  # no due date
            ("missed_bin", "waste", date(2026, 12, 1), False),  # overdue, 2 working days
            ("missed_bin", "parking", date(2026, 12, 31), False),  # parking: nothing due
            ("missed_bin", None, date(2026, 11, 1), False),  # no team: listed, no digest
        ],
    )
    names = ["h_overdue", "h_today", "h_soon", "h_on_time", "h_done", "h_none", "w_overdue"]
    return dict(zip([*names, "p_on_time", "no_team"], refs, strict=True))


def scheduler(backend: Backend, **overrides: object) -> DigestScheduler:
    settings = backend.context.settings.model_copy(update={"overdue_digest": True} | overrides)
    return DigestScheduler(backend.context.sessions, backend.context.catalogue, settings)


def digest_messages(backend: Backend) -> list[Notification]:
    with backend.context.sessions() as session:
        return list(
            session.scalars(
                select(Notification)
                .where(Notification.template == NotificationTemplate.OVERDUE_DIGEST)
                .order_by(Notification.id)
            )
        )


def test_each_team_gets_exactly_its_overdue_and_due_soon_cases(backend: Backend):
    refs = seed(backend)
    sent = scheduler(backend).run_due(THURSDAY)
    by_team = {d.team_code: d for d in sent}
    assert set(by_team) == {"highways", "waste"}  # parking has nothing due; no team, no mail
    highways = by_team["highways"]
    assert [c.reference for c in highways.overdue] == [refs["h_overdue"]]
    assert highways.overdue[0].days_overdue == 9
    assert highways.overdue[0].service_name == "Report a pothole"
    assert [c.reference for c in highways.due_soon] == [refs["h_today"], refs["h_soon"]]
    assert [(c.reference, c.days_overdue) for c in by_team["waste"].overdue] == [
        (refs["w_overdue"], 2)
    ]
    assert by_team["waste"].due_soon == []

    messages = digest_messages(backend)
    assert [(m.recipient, m.case_id, m.channel) for m in messages] == [
        ("highways@example.gov.uk", None, "email"),
        ("waste@example.gov.uk", None, "email"),
    ]
    text = messages[0].personalisation
    assert text["team_name"] == "Highways"
    assert text["day"] == "3 December 2026"
    assert (text["overdue_count"], text["due_soon_count"]) == ("1", "2")
    display = CaseReference.issue(refs["h_overdue"][:3], 0).display  # the same grouping
    assert display.count("-") == 2
    assert text["overdue_list"].startswith("* ")
    assert "Report a pothole, due 20 November 2026 (9 working days overdue)" in text["overdue_list"]
    # References and services only: nothing about any customer.
    assert set(text) == {
        "team_name",
        "day",
        "overdue_count",
        "due_soon_count",
        "overdue_list",
        "due_soon_list",
    }
    # The dispatcher sends them (the recording provider, by default).
    assert backend.context.dispatcher.send_due() >= 2
    assert {m.status for m in digest_messages(backend)} == {"sent"}


def test_once_a_day_however_many_workers_race(backend: Backend):
    seed(backend)
    racers = [scheduler(backend) for _ in range(4)]
    results: list[int] = []
    start = threading.Barrier(len(racers))

    def race(racer: DigestScheduler) -> None:
        start.wait()
        results.append(len(racer.run_due(THURSDAY)))

    threads = [threading.Thread(target=race, args=(r,)) for r in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results)[-1] >= 1
    assert sum(results) == 2  # highways and waste, each claimed by exactly one racer
    # A fresh process later the same day (a restart) sends nothing again.
    assert scheduler(backend).run_due(THURSDAY + timedelta(hours=6)) == []
    assert len(digest_messages(backend)) == 2
    with backend.context.sessions() as session:
        assert session.scalar(select(func.count(OverdueDigest.id))) == 2
    # The next working day is a new day.
    assert len(scheduler(backend).run_due(THURSDAY + timedelta(days=1))) == 2


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 5, 9, tzinfo=UTC),  # Saturday
        datetime(2026, 12, 6, 9, tzinfo=UTC),  # Sunday
        datetime(2026, 12, 25, 9, tzinfo=UTC),  # Christmas Day, a Friday
        datetime(2026, 12, 28, 9, tzinfo=UTC),  # Boxing Day's substitute, a Monday
        datetime(2026, 12, 3, 7, 59, tzinfo=UTC),  # a working day, before 08:00
    ],
)
def test_nothing_on_weekends_bank_holidays_or_before_the_time(backend: Backend, moment):
    seed(backend)
    assert scheduler(backend).run_due(moment) == []
    assert digest_messages(backend) == []


def test_the_time_is_local_and_the_digest_can_be_turned_off(backend: Backend):
    seed(backend)
    # Wednesday 31 March 2027: 07:30 UTC is 08:30 in London (BST), 06:30 UTC is 07:30.
    spring = datetime(2027, 3, 31, 7, 30, tzinfo=UTC)
    assert scheduler(backend).run_due(spring - timedelta(hours=1)) == []
    assert scheduler(backend, overdue_digest=False).run_due(THURSDAY) == []
    assert scheduler(backend, overdue_digest_time=time(9, 0)).run_due(THURSDAY) == []
    assert len(scheduler(backend).run_due(spring)) == 3  # parking's is overdue by then


def test_a_team_with_nothing_due_gets_nothing(backend: Backend):
    add_cases(backend, [("missed_bin", "parking", date(2026, 12, 31), False)])
    assert scheduler(backend).run_due(THURSDAY) == []
    assert digest_messages(backend) == []


def test_the_overdue_list_for_staff(backend: Backend):
    today = datetime.now(UTC).date()  # the endpoint works on the real clock
    refs = add_cases(
        backend,
        [
            ("pothole", "highways", today - timedelta(days=30), False),
            ("pothole", "highways", today, False),
            ("pothole", "highways", today + timedelta(days=30), False),
            ("missed_bin", "waste", today - timedelta(days=10), False),
            ("missed_bin", "waste", today - timedelta(days=10), True),
        ],
    )
    jo = backend.login("jo")  # a caseworker
    answer = backend.http.get(f"{backend.api}/cases/overdue", headers=jo)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    mine = [c for c in body["cases"] if c["reference"] in refs]
    assert [(c["reference"], c["team"], c["state"]) for c in mine] == [
        (refs[0], "highways", "overdue"),
        (refs[3], "waste", "overdue"),
        (refs[1], "highways", "due_soon"),
    ]
    assert mine[0]["days_overdue"] == working_days_between(today - timedelta(days=30), today)
    assert mine[0]["service_name"] == "Report a pothole"
    assert mine[2]["days_overdue"] == 0
    assert add_working_days(today, 2) >= today
    waste = backend.http.get(
        f"{backend.api}/cases/overdue", params={"team": "waste"}, headers=jo
    ).json()
    assert [c["reference"] for c in waste["cases"]] == [refs[3]]
    unknown = backend.http.get(f"{backend.api}/cases/overdue", params={"team": "x"}, headers=jo)
    assert unknown.status_code == 404


def test_the_command_line_dry_run_prints_the_digest(backend: Backend):
    today = datetime.now(UTC).date()
    refs = add_cases(backend, [("pothole", "highways", today - timedelta(days=30), False)])
    command = [
        sys.executable,
        "-m",
        "firststop",
        "admin",
        "overdue-digest",
        "--dry-run",
        "--database",
        backend.context.settings.database_url,
    ]
    printed = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    assert "To Highways <highways@example.gov.uk>" in printed.stdout
    assert CaseReference.issue(refs[0][:3], 0).display[:4] in printed.stdout
    assert "nothing was sent" in printed.stdout
    assert digest_messages(backend) == []
    sent = subprocess.run(command[:-3] + command[-2:], capture_output=True, text=True, check=True)
    assert "Overdue digest sent to 1 teams: highways." in sent.stdout
    assert [m.status for m in digest_messages(backend)] == ["sent"]
    again = subprocess.run(command[:-3] + command[-2:], capture_output=True, text=True, check=True)
    assert "sent to 0 teams" in again.stdout


class TestThroughGovUkNotify:
    @pytest.fixture
    def notify(self):
        with FakeNotify() as fake:
            yield fake

    @pytest.fixture
    def backend_settings(self, database_url, notify):
        body = (
            "((day)): ((overdue_count)) overdue\n((overdue_list))\n"
            "((due_soon_count)) due soon\n((due_soon_list))"
        )
        return make_settings(
            database_url,
            notification_provider="govuk_notify",
            notify_api_key=notify.api_key,
            notify_base_url=notify.base_url,
            notify_templates={
                "email:overdue_digest": notify.add_email_template(
                    "Overdue cases for ((team_name))", body
                )
            },
        )

    def test_the_digest_is_an_email_through_notify(self, backend: Backend, notify):
        refs = seed(backend)
        scheduler(backend).run_due(THURSDAY)
        assert backend.context.dispatcher.send_due() == 2
        sent = {m.recipient: m for m in notify.messages}
        assert set(sent) == {"highways@example.gov.uk", "waste@example.gov.uk"}
        highways = sent["highways@example.gov.uk"]
        assert highways.subject == "Overdue cases for Highways"
        assert highways.type == "email"
        assert highways.body.startswith("3 December 2026: 1 overdue\n* ")
        assert "2 due soon" in highways.body
        assert refs["h_on_time"] not in highways.body
        assert highways.reference is not None
        assert highways.reference.startswith("firststop-")
