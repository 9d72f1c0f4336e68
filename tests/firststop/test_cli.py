"""The firststop command, run as an operator would, on a real SQLite file."""

from __future__ import annotations

import subprocess
import sys

import pytest


def firststop(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firststop", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


@pytest.fixture
def db(tmp_path) -> list[str]:
    return ["--database", f"sqlite:///{tmp_path / 'admin.sqlite3'}"]


def test_admin_commands_end_to_end(db):
    migrated = firststop("admin", *db, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "up to date" in migrated.stdout

    seeded = firststop("admin", *db, "seed-demo")
    assert seeded.returncode == 0, seeded.stderr
    assert "12 services" in seeded.stdout
    assert "Open311 API key:" in seeded.stdout

    staff = firststop(
        "admin",
        *db,
        "create-staff",
        "Robin",
        "--name",
        "Robin",
        "--role",
        "greeter",
        "--location",
        "lib-riverside",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert staff.returncode == 0, staff.stderr
    assert "robin" in staff.stdout

    code = firststop("admin", *db, "enrolment-code", "--location", "lib-riverside")
    assert code.returncode == 0, code.stderr
    assert "Enrolment code for lib-riverside:" in code.stdout

    key = firststop("admin", *db, "create-api-key", "fixmystreet")
    assert key.returncode == 0, key.stderr
    assert len(key.stdout.strip().splitlines()[-1]) >= 40

    notes = firststop("admin", *db, "notifications")
    assert notes.returncode == 0
    assert "No notifications yet." in notes.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["admin", "--database", "nonsense", "migrate"], "database URL cannot be read"),
        (
            ["admin", "--database", "postgresql+psycopg://u:p@127.0.0.1:1/x", "migrate"],
            "Could not open the database",
        ),
    ],
)
def test_database_mistakes_get_one_plain_sentence(args, says):
    result = firststop(*args)
    assert result.returncode != 0
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_operator_mistakes_get_plain_messages(db):
    assert firststop("admin", *db, "seed-demo").returncode == 0
    cases = {
        ("enrolment-code", "--location", "moon-base"): "There is no location 'moon-base'",
        ("create-api-key", " "): "Give the API key a name",
        ("enrolment-code", "--location", "shop", "--hours", "0"): "--hours must be more than 0",
    }
    for args, says in cases.items():
        result = firststop("admin", *db, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert says in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    short = firststop(
        "admin", *db, "create-staff", "kim", "--role", "admin", "--password-stdin", stdin="short\n"
    )
    assert short.returncode == 2
    assert "at least 8 characters" in short.stderr
    twice = firststop(
        "admin",
        *db,
        "create-staff",
        "sam",
        "--role",
        "greeter",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert twice.returncode == 2
    assert "already a staff member called sam" in twice.stderr


def test_an_old_schema_is_refused_with_what_to_do(db):
    assert firststop("admin", *db, "migrate").returncode == 0
    from sqlalchemy import create_engine

    engine = create_engine(db[1])
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")
    engine.dispose()
    result = firststop("admin", *db, "notifications")
    assert result.returncode in {1, 2}
    assert "firststop admin migrate" in result.stderr


def test_the_backend_refuses_a_notify_setup_it_cannot_use(db, monkeypatch):
    monkeypatch.setenv("FIRSTSTOP_BACKEND_NOTIFICATION_PROVIDER", "govuk_notify")
    missing = firststop("backend", *db, "--port", "0")
    assert missing.returncode == 2
    assert "notify_api_key is not set" in missing.stderr
    monkeypatch.setenv("FIRSTSTOP_BACKEND_NOTIFY_API_KEY", "not-a-key")
    malformed = firststop("backend", *db, "--port", "0")
    assert malformed.returncode == 2
    assert "GOV.UK Notify settings are not valid" in malformed.stderr
    assert "Traceback" not in malformed.stderr + missing.stderr


def test_taking_access_away(backend):
    db = ["--database", backend.context.settings.database_url]
    kiosk, enrolment = backend.enrol()
    revoked = firststop("admin", *db, "revoke-device", str(enrolment["device_id"]))
    assert revoked.returncode == 0, revoked.stderr
    refused = backend.http.get(f"{backend.api}/devices", headers=kiosk)
    assert refused.status_code == 401

    sam = backend.login("sam")
    left = firststop("admin", *db, "deactivate-staff", "Sam")
    assert left.returncode == 0, left.stderr
    assert backend.http.get(f"{backend.api}/staff/me", headers=sam).status_code == 401
    again = backend.http.post(
        f"{backend.api}/staff/login", json={"username": "sam", "password": "firststop-demo"}
    )
    assert again.status_code == 401

    key = firststop("admin", *db, "revoke-api-key", "demo-open311-client")
    assert key.returncode == 0, key.stderr
    post = backend.http.post(
        f"{backend.open311}/requests.json",
        data={"api_key": backend.api_key, "service_code": "pothole", "address_string": "x"},
    )
    assert post.status_code == 403

    unknown = firststop("admin", *db, "revoke-device", "9999")
    assert unknown.returncode == 2
    assert "There is no kiosk number 9999" in unknown.stderr


def test_a_council_loads_its_own_catalogue(db, tmp_path):
    import json

    from shared.resources import asset_path

    document = json.loads(asset_path("catalogue", "demo.json").read_text(encoding="utf-8"))
    document["version"] = "2027.1"
    document["services"] = document["services"][:3]
    good = tmp_path / "council.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    loaded = firststop("admin", *db, "load-catalogue", str(good))
    assert loaded.returncode == 0, loaded.stderr
    assert "2027.1 loaded: 3 services" in loaded.stdout

    document["services"][0]["attributes"][0]["datatype"] = "colour"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    refused = firststop("admin", *db, "load-catalogue", str(bad))
    assert refused.returncode == 2
    assert "is not valid" in refused.stderr
    assert "datatype" in refused.stderr
    assert "Nothing was changed." in refused.stderr
    missing = firststop("admin", *db, "load-catalogue", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert "There is no file" in missing.stderr

    from casebackend.catalogue.service import read_catalogue
    from casebackend.db.engine import make_engine, make_session_factory

    engine = make_engine(db[1])
    with make_session_factory(engine)() as session:
        assert read_catalogue(session).version == "2027.1"
    engine.dispose()
