"""`firststop admin purge-expired | erase-customer | export-customer`, run as an operator
would against a real backend's database (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import select

from casebackend.appointments.models import Appointment
from casebackend.cases.models import Case
from casebackend.customers.models import Customer
from tests.casebackend.appointments.helpers import at, book
from tests.casebackend.customers.helpers import audit
from tests.casebackend.privacy.helpers import annotate, close, keep_moves_for, move
from tests.conftest import Backend
from tests.firststop.test_cli import firststop


def _db(backend: Backend) -> list[str]:
    return ["--database", backend.context.settings.database_url]


def _seed(backend: Backend) -> dict[str, Any]:
    """Ceri's case, and an appointment booked with Ceri's email (``appointment``)."""
    kiosk, _ = backend.enrol()
    jo = backend.login("jo")
    case = move(
        backend,
        kiosk,
        first_name="Ceri",
        email="ceri@example.com",
        accounts={"council_tax": "CT-1"},
    )
    annotate(backend, case["reference"], jo)
    booked = book(
        backend, at(7, 10), customer={"name": "Ceri", "email": "ceri@example.com"}, notify_by=[]
    )
    return case | {"appointment": booked}


def test_export_customer_writes_everything_held_and_is_audited(backend, tmp_path):
    case = _seed(backend)
    out = tmp_path / "sar.json"
    # The database option after the command works as well as before it.
    result = firststop(
        "admin", "export-customer", "CERI@example.com", "--output", str(out), *_db(backend)
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    export = json.loads(out.read_text())
    assert export["customer"]["id"] == case["customer_id"]
    assert export["customer"]["accounts"] == [{"service": "council_tax", "account_ref": "CT-1"}]
    assert export["erased"] is False
    (exported,) = export["cases"]
    assert exported["reference"] == case["reference"]
    assert exported["answers"]["new_address"] == "1 New Street, NG5 4WJ"
    assert exported["description"] == "Moving in with my sister"
    assert exported["submitted_contact"]["email"] == "ceri@example.com"
    assert [h["status"] for h in exported["history"]] == ["submitted"]
    assert [u["text"] for u in exported["updates"]] == ["Your records are updated"]
    assert exported["internal_notes_withheld"] == 1
    assert [(n["channel"], n["recipient"]) for n in exported["notifications"]] == [
        ("email", "ceri@example.com")
    ]
    (booked,) = export["appointments"]
    assert (booked["reference"], booked["name"], booked["email"]) == (
        case["appointment"],
        "Ceri",
        "ceri@example.com",
    )
    (entry,) = audit(backend, "customer_export")
    assert (entry["customer_id"], entry["through"]) == (case["customer_id"], "cli")

    to_stdout = firststop("admin", *_db(backend), "export-customer", str(case["customer_id"]))
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert json.loads(to_stdout.stdout)["customer"]["id"] == case["customer_id"]


def test_erase_customer_asks_first_then_anonymises(backend):
    case = _seed(backend)
    who = str(case["customer_id"])
    declined = firststop("admin", *_db(backend), "erase-customer", who, stdin="no\n")
    assert declined.returncode == 1
    assert "Nothing was changed" in declined.stderr
    assert "their 1 cases and 1 appointments" in declined.stdout
    with backend.context.sessions() as session:
        assert session.get_one(Customer, case["customer_id"]).email == "ceri@example.com"

    erased = firststop("admin", "erase-customer", who, "--yes", *_db(backend))
    assert erased.returncode == 0, erased.stderr
    assert "erased, with the personal data on 1 cases and 1 appointments" in erased.stdout
    with backend.context.sessions() as session:
        record = session.get_one(Customer, case["customer_id"])
        assert (record.first_name, record.email, record.erased_at is not None) == ("", None, True)
        assert record.accounts == []
        row = session.scalars(select(Case).where(Case.reference == case["reference"])).one()
        assert row.submitted_contact is None
        assert row.description == ""
        assert "new_address" not in row.answers
        assert row.service_code == "change_of_address"
        booked = session.scalars(
            select(Appointment).where(Appointment.reference == case["appointment"])
        ).one()
        assert (booked.name, booked.email) == ("", None)
    assert [e["through"] for e in audit(backend, "customer_erase")] == ["cli", "cli", "cli"]
    again = firststop("admin", *_db(backend), "erase-customer", who, "--yes")
    assert "already erased" in again.stdout
    unknown = firststop("admin", *_db(backend), "erase-customer", "nobody@example.com", "--yes")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "No customer has that email address."


def test_purge_expired_by_hand(backend):
    keep_moves_for(backend, 10)
    case = _seed(backend)
    close(backend, case["reference"], backend.login("jo"), days_ago=11)
    result = firststop("admin", "purge-expired", *_db(backend))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Retention purge: personal data erased from 1 closed cases, 1 customer records "
        "and 0 appointments."
    )
    with backend.context.sessions() as session:
        assert session.get_one(Customer, case["customer_id"]).erased_at is not None
    assert [e["through"] for e in audit(backend, "retention_purge")] == ["cli", "cli"]


def test_options_work_before_and_after_every_admin_command(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'order.sqlite3'}"
    assert firststop("admin", "--database", url, "migrate").returncode == 0
    after = firststop("admin", "migrate", "--database", url)
    assert after.returncode == 0, after.stderr
    assert "up to date" in after.stdout
