"""Real backend processes on one real PostgreSQL database (PostgreSQL only: several
processes sharing a live hub is what it is for; docs/deploying.md).

The demo council is migrated and seeded once, with two kiosks enrolled at the shop and three
of its staff signed in, through the backend's own services; each test gets a fresh copy of
that database (``CREATE DATABASE … TEMPLATE``, a twentieth of a second) and starts its own
processes on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.demo import DEMO_PASSWORD, seed_demo
from casebackend.identity import service as identity
from tests.multiprocess.processes import BackendProcess

# Greeters (and the administrator) who work at the shop, with the names desks show.
DESKS = {"sam": "Sam", "alex": "Alex", "admin": "Admin"}
KIOSKS = 2


@dataclass(frozen=True)
class Device:
    id: int
    token: str


@dataclass(frozen=True)
class Council:
    """A fresh copy of the seeded database, and the tokens its apps sign in with."""

    database_url: str
    kiosks: tuple[Device, ...]
    desks: dict[str, str]


@dataclass(frozen=True)
class _Template:
    admin_url: str
    name: str
    kiosks: tuple[Device, ...]
    desks: dict[str, str]


def _database_url(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def council_template(request: pytest.FixtureRequest) -> Iterator[_Template]:
    admin_url = request.config.getoption("--postgresql-url")
    if not admin_url:
        pytest.skip(
            "several backend processes share one PostgreSQL database: none given "
            "(--postgresql-url); make test sets one up"
        )
    name = f"firststop_multiprocess_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_database_url(admin_url, name))
    try:
        migrate.upgrade(engine)
        sessions = make_session_factory(engine)
        with unit_of_work(sessions) as session:
            seed_demo(session)
        with unit_of_work(sessions) as session:
            kiosks = []
            for n in range(KIOSKS):
                code, _ = identity.create_enrolment_code(session, "shop", timedelta(hours=1))
                enrolment = identity.enrol_device(
                    session, code, f"Kiosk {n + 1}", public_base_url="http://127.0.0.1"
                )
                kiosks.append(Device(enrolment.device_id, enrolment.token))
            desks = {
                username: identity.log_in(
                    session, username, DEMO_PASSWORD, timedelta(hours=2)
                ).token
                for username in DESKS
            }
    finally:
        # A template must have no connections while it is copied.
        engine.dispose()
    try:
        yield _Template(admin_url, name, tuple(kiosks), desks)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def council(council_template: _Template) -> Iterator[Council]:
    template = council_template
    name = f"{template.name}_{os.urandom(4).hex()}"
    admin = create_engine(template.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template.name}"'))
    try:
        yield Council(
            _database_url(template.admin_url, name), template.kiosks, dict(template.desks)
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class StartBackend(Protocol):
    def __call__(self, *, workers: int = 1) -> BackendProcess: ...


@pytest.fixture
def start_backend(council: Council, tmp_path: Path) -> Iterator[StartBackend]:
    """Starts backend processes on the council's database; stops whatever is left of them."""
    started: list[BackendProcess] = []

    def start(*, workers: int = 1) -> BackendProcess:
        log = tmp_path / f"backend-{len(started) + 1}.log"
        process = BackendProcess(council.database_url, log, workers=workers)
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in started:
            process.stop()
