"""The retention purge: personal data goes from cases closed longer ago than their
service keeps it; the figures stay. Real backend, SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from casebackend.cases.models import Case, CaseNote, CaseStatusChange
from casebackend.customers.models import Customer, CustomerMatch, ServiceAccount
from casebackend.db.base import utcnow
from casebackend.db.engine import make_engine, make_session_factory
from casebackend.notifications.models import Notification
from casebackend.privacy.scheduler import RetentionScheduler
from casebackend.privacy.service import erase_expired, expired_cases
from tests.casebackend.customers.helpers import audit
from tests.casebackend.privacy.helpers import annotate, close, keep_moves_for, move, streetlight
from tests.conftest import Backend


def _seed(backend: Backend) -> dict[str, dict[str, Any]]:
    """Ceri: an expired move and a closed streetlight report still kept. Dai: only an
    expired move. Eve: an open move, years old. Change of address keeps 10 days."""
    keep_moves_for(backend, 10)
    kiosk, _ = backend.enrol()
    jo = backend.login("jo")
    ceri = move(
        backend,
        kiosk,
        first_name="Ceri",
        email="ceri@example.com",
        phone="07700 900123",
        accounts={"council_tax": "CT-1"},
    )
    light = streetlight(backend, kiosk, email="ceri@example.com")
    dai = move(backend, kiosk, first_name="Dai", email="dai@example.com")
    eve = move(backend, kiosk, first_name="Eve", email="eve@example.com")
    # Ceri's second case waits as a possible match; confirm it so both are Ceri's.
    (match,) = backend.http.get(f"{backend.api}/customers/matches", headers=jo).json()["items"]
    backend.http.post(f"{backend.api}/customers/matches/{match['id']}/confirm", headers=jo)
    for case in (ceri, dai):
        annotate(backend, case["reference"], jo)
        close(backend, case["reference"], jo, days_ago=11)
    close(backend, light["reference"], jo, days_ago=11)
    annotate(backend, eve["reference"], jo)
    return {"ceri": ceri, "light": light, "dai": dai, "eve": eve}


def _case(backend: Backend, reference: str) -> Case:
    with backend.context.sessions() as session:
        return session.scalars(select(Case).where(Case.reference == reference)).one()


def test_expired_cases_lose_personal_data_and_keep_their_figures(backend):
    seeded = _seed(backend)
    before = _case(backend, seeded["ceri"]["reference"])

    report = backend.context.retention.run_once()

    assert sorted(report.cases) == sorted([seeded["ceri"]["reference"], seeded["dai"]["reference"]])
    assert report.customers == [seeded["dai"]["customer_id"]]
    with backend.context.sessions() as session:
        for name in ("ceri", "dai"):
            case = session.scalars(
                select(Case).where(Case.reference == seeded[name]["reference"])
            ).one()
            assert case.purged_at is not None
            assert case.submitted_contact is None
            assert case.description == ""
            # Sensitive and free-text answers go; the rest is figures.
            assert case.answers == {
                "moved_on": "2026-11-01T00:00:00+00:00",
                "services_to_update": ["council_tax"],
                "people_moving": 2,
            }
            assert (case.address, case.uprn, case.lat, case.long) == (None, None, None, None)
            notes = session.scalars(select(CaseNote.body).where(CaseNote.case_id == case.id))
            assert set(notes) == {""}
            history = list(
                session.scalars(
                    select(CaseStatusChange)
                    .where(CaseStatusChange.case_id == case.id)
                    .order_by(CaseStatusChange.id)
                )
            )
            assert [h.status for h in history] == ["submitted", "closed"]
            assert {h.public_note for h in history} == {""}
            messages = list(
                session.scalars(select(Notification).where(Notification.case_id == case.id))
            )
            assert messages
            assert {(m.recipient, str(m.personalisation)) for m in messages} == {("", "{}")}
        ceri = session.scalars(
            select(Case).where(Case.reference == seeded["ceri"]["reference"])
        ).one()
        for kept in (
            "service_code",
            "channel",
            "tier",
            "location_id",
            "team_id",
            "status",
            "created_at",
            "sla_due",
            "customer_id",
        ):
            assert getattr(ceri, kept) == getattr(before, kept), kept

        # Ceri still has a case holding data, so her record stays; Dai's is anonymised.
        ceri_record = session.get_one(Customer, seeded["ceri"]["customer_id"])
        assert (ceri_record.email, ceri_record.erased_at) == ("ceri@example.com", None)
        dai_record = session.get_one(Customer, seeded["dai"]["customer_id"])
        assert dai_record.erased_at is not None
        assert (dai_record.first_name, dai_record.email, dai_record.phone) == ("", None, None)
        assert (
            session.scalars(
                select(ServiceAccount).where(ServiceAccount.customer_id == dai_record.id)
            ).all()
            == []
        )

        # Not yet due: the streetlight (730 days by default) and the open move.
        for name in ("light", "eve"):
            case = session.scalars(
                select(Case).where(Case.reference == seeded[name]["reference"])
            ).one()
            assert case.purged_at is None
            assert case.submitted_contact is not None
        eve = session.scalars(
            select(Case).where(Case.reference == seeded["eve"]["reference"])
        ).one()
        assert eve.description == "Moving in with my sister"
        assert eve.answers["new_address"] == "1 New Street, NG5 4WJ"
        # The kept case's decided match is kept with it.
        light = session.scalars(
            select(Case).where(Case.reference == seeded["light"]["reference"])
        ).one()
        assert session.scalars(select(CustomerMatch.case_id)).all() == [light.id]

    purged = audit(backend, "retention_purge")
    assert len(purged) == 3
    assert {e["actor_kind"] for e in purged} == {"system"}
    # Running again finds nothing more to do.
    again = backend.context.retention.run_once()
    assert (again.cases, again.customers) == ([], [])


def test_the_purge_runs_at_start_in_the_background(backend):
    assert backend.context.retention.ran.wait(10)
    seeded = _seed(backend)
    scheduler = RetentionScheduler(
        backend.context.sessions,
        backend.context.catalogue,
        default_days=backend.context.settings.retention_days_default,
        appointment_days=90,
        every_seconds=3600,
    )
    scheduler.start()
    try:
        assert scheduler.ran.wait(10)
    finally:
        scheduler.stop()
    assert _case(backend, seeded["dai"]["reference"]).purged_at is not None
    assert _case(backend, seeded["light"]["reference"]).purged_at is None


def test_the_default_comes_from_the_backend_setting(backend):
    seeded = _seed(backend)
    scheduler = RetentionScheduler(
        backend.context.sessions,
        backend.context.catalogue,
        default_days=5,
        appointment_days=90,
        every_seconds=3600,
    )
    report = scheduler.run_once()
    assert seeded["light"]["reference"] in report.cases


def test_two_purges_at_once_erase_and_audit_each_case_once(backend):
    """Two workers' purges overlap: the second read the expired cases before the first
    committed. The second then erases and audits nothing again."""
    if backend.context.settings.database_url.startswith("sqlite"):
        pytest.skip("on SQLite every transaction begins IMMEDIATE: two purges cannot overlap")
    seeded = _seed(backend)
    context = backend.context
    days = context.settings.retention_days_default
    now = utcnow()
    # The other worker: its own engine on the same database, as another process has.
    engine = make_engine(context.settings.database_url)
    try:
        with make_session_factory(engine)() as late:
            stale = expired_cases(late, context.catalogue, default_days=days, now=now)
            assert {item.case.reference for item in stale} == {
                seeded["ceri"]["reference"],
                seeded["dai"]["reference"],
            }
            first = context.retention.run_once()
            assert len(first.cases) == 2
            second = erase_expired(late, stale, now=now)
            late.commit()
    finally:
        engine.dispose()
    assert (second.cases, second.customers) == ([], [])
    assert len(audit(backend, "retention_purge")) == 3
