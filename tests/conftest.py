"""Shared fixtures: real databases (SQLite files, PostgreSQL by URL) and a real backend
served by uvicorn on a loopback port."""

from __future__ import annotations

import gc
import itertools
import os
from pathlib import Path

# Real Qt widgets, drawn offscreen: no display needed. Set before anything imports Qt.
# The offscreen screen is as large as the largest panel (1920 by 1080 landscape, a tablet's
# 1280 in portrait): a touch lands only on the screen, and a window never outgrows it.
os.environ.setdefault(
    "QT_QPA_PLATFORM",
    f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}",
)
import shutil
import socket
import sqlite3
import tempfile
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import uvicorn
from argon2 import PasswordHasher
from argon2 import profiles as argon2_profiles
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from casebackend.app import build_context, create_app, server_options
from casebackend.context import BackendContext
from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD, DemoSeed, seed_demo
from casebackend.identity import secrets as password_secrets
from casebackend.identity import service as identity
from casebackend.settings import BackendSettings
from shared.ui.collector import MainThreadCollector

_counter = itertools.count()

# Staff passwords hashed and checked with Argon2's cheapest parameters in this process.
# The program's own (argon2-cffi's defaults: 64 MiB, three passes) cost a tenth of a second
# of both cores for every hash and every sign-in, and the suite signs in hundreds of times:
# minutes of CI. The tests prove who may sign in, not how dear guessing is; the program's
# parameters are checked in tests/casebackend/identity/test_identity.py (PROGRAM_HASHER).
# A backend in another process checks these hashes by the parameters written in each.
PROGRAM_HASHER = password_secrets._hasher
password_secrets._hasher = PasswordHasher.from_parameters(argon2_profiles.CHEAPEST)
password_secrets._DUMMY_HASH = password_secrets._hasher.hash("not-a-real-password")


def wait_until(predicate: Any, timeout: float = 10.0, what: str = "condition") -> None:
    """Wait for something another thread or process does, polling; fail after ``timeout``."""
    pause = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        pause.wait(0.01)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture(scope="session", autouse=True)
def _cycles_collected_on_the_main_thread() -> Iterator[MainThreadCollector]:
    """As the apps do (shared/ui/collector.py): Python's cycle collector never runs in the
    backend's or a client's worker thread, where collecting a Qt object's wrapper crashes
    the process; cycles are collected on the main thread after each test instead."""
    collector = MainThreadCollector()
    gc.disable()
    yield collector
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test(
    _cycles_collected_on_the_main_thread: MainThreadCollector,
) -> Iterator[None]:
    yield
    _cycles_collected_on_the_main_thread.check()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgresql-url",
        default=os.environ.get("FIRSTSTOP_TEST_POSTGRESQL_URL"),
        help="an admin URL of a PostgreSQL server; tests make their own databases on it",
    )


def _postgres_database(admin_url: str, *, seeded: bool = False) -> Iterator[str]:
    """A database of its own on the server: empty, or with ``seeded`` already a copy of the
    demo council (seed_demo_council then has nothing left to do: one database made, not two)."""
    name = f"firststop_test_{os.getpid()}_{next(_counter)}"
    url = make_url(admin_url).set(database=name)
    template = f' TEMPLATE "{_postgres_template(url)[0]}"' if seeded else ""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"{template}'))
    if seeded:
        _fresh_copies.add(name)
    admin.dispose()
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        _fresh_copies.discard(name)
        _drops.append(_dropper.submit(_drop_database, admin_url, name))


# Databases are dropped on a thread of their own while the next test runs: a drop costs
# half a second or more on a busy disk, three hundred times in a run. Every drop is
# waited for, and its error raised, when the session ends (pytest_sessionfinish).
_dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-database")
_drops: list[Future[None]] = []


def _drop_database(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backend.sqlite3'}"
        return
    admin_url = request.config.getoption("--postgresql-url")
    if not admin_url:
        pytest.skip("no PostgreSQL server given (--postgresql-url); make test sets one up")
    # A test with a backend (backend_settings) gets its database as a copy of the demo
    # council at once; one without, an empty database, as a migration test needs.
    yield from _postgres_database(admin_url, seeded="backend_settings" in request.fixturenames)


@pytest.fixture
def postgresql_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty PostgreSQL database of its own, for a test about PostgreSQL alone."""
    admin_url = request.config.getoption("--postgresql-url")
    if not admin_url:
        pytest.skip("no PostgreSQL server given (--postgresql-url); make test sets one up")
    yield from _postgres_database(admin_url)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'backend.sqlite3'}"


class LiveServer:
    """uvicorn serving an app on a free loopback port, in a thread."""

    def __init__(self, app: Any, port: int = 0) -> None:
        """``port`` 0 picks a free one; give an earlier server's to stand in for it."""
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", port))
        self.port = self._sock.getsockname()[1]
        config = uvicorn.Config(app, lifespan="on", **server_options())
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self._thread.start()
        ready = threading.Event()
        for _ in range(1000):
            if self._server.started:
                break
            if not self._thread.is_alive():
                raise RuntimeError("the backend did not start")
            ready.wait(0.01)
        else:
            raise RuntimeError("the backend took more than 10 s to start")
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self._sock.close()


@dataclass
class Backend:
    url: str
    context: BackendContext
    api_key: str
    http: requests.Session

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"

    @property
    def open311(self) -> str:
        return f"{self.url}/open311/v2"

    def login(self, username: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
        response = self.http.post(
            f"{self.api}/staff/login", json={"username": username, "password": password}
        )
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def enrol(self, location: str = "shop") -> tuple[dict[str, str], dict[str, Any]]:
        from datetime import timedelta

        with unit_of_work(self.context.sessions) as session:
            code, _ = identity.create_enrolment_code(session, location, timedelta(hours=1))
        response = self.http.post(f"{self.api}/devices/enrol", json={"code": code, "name": "k1"})
        response.raise_for_status()
        body = response.json()
        return {"Authorization": f"Bearer {body['token']}"}, body

    def create_case(self, headers: dict[str, str], body: dict[str, Any], key: str | None = None):
        extra = {"Idempotency-Key": key or uuid.uuid4().hex}
        return self.http.post(f"{self.api}/cases", json=body, headers=headers | extra)


# The demo council, migrated and seeded once per test session and kind of database, then
# copied into each test's empty database: fifteen migrations and the demo seed (its staff's
# passwords hashed with Argon2) cost one to two seconds a test, a copy a few hundredths.
# Keyed by "sqlite" or the PostgreSQL server's admin URL; the copies' sources, made on
# first use and dropped when the session ends (pytest_sessionfinish).
_templates: dict[str, tuple[str, DemoSeed]] = {}
_template_folder: list[Path] = []
# PostgreSQL databases made as copies of the template and not yet handed to a backend.
_fresh_copies: set[str] = set()


def seed_demo_council(database_url: str) -> DemoSeed:
    """The backend's schema, its issuer and the demo council in the database at
    ``database_url``, as ``build_context`` then ``seed_demo`` would make them; the demo
    seed (its API key) returned. An empty database gets a copy of the session's template (the
    same API key and issuer each time, which no test tells apart); one that is not empty
    gets the real thing, so a test that made something first keeps it."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return _copy_sqlite_template(Path(url.database))
    if url.get_backend_name() == "postgresql":
        return _copy_postgres_template(url)
    return _seed_for_real(database_url)


def _seed_for_real(database_url: str) -> DemoSeed:
    context = build_context(make_settings(database_url))
    try:
        with unit_of_work(context.sessions) as session:
            return seed_demo(session)
    finally:
        context.engine.dispose()
        if context.reader is not None:
            context.reader.dispose()


def _copy_sqlite_template(target: Path) -> DemoSeed:
    if target.exists() and target.stat().st_size > 0:
        return _seed_for_real(f"sqlite:///{target}")
    # Made again should something have cleared the temporary folder meanwhile.
    if "sqlite" not in _templates or not Path(_templates["sqlite"][0]).exists():
        if not _template_folder or not _template_folder[0].exists():
            _template_folder[:] = [Path(tempfile.mkdtemp(prefix="firststop-templates-"))]
        made = _template_folder[0] / "demo.sqlite3"
        _templates["sqlite"] = (str(made), _seed_for_real(f"sqlite:///{made}"))
    source_path, seed = _templates["sqlite"]
    target.parent.mkdir(parents=True, exist_ok=True)
    # SQLite's own online backup: a consistent copy whatever is left in the source's WAL.
    with closing(sqlite3.connect(source_path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return seed


def _copy_postgres_template(url: URL) -> DemoSeed:
    if url.database in _fresh_copies:  # made as a copy (_postgres_database), untouched since
        _fresh_copies.discard(url.database)
        return _postgres_template(url)[1]
    admin_url = url.set(database="postgres").render_as_string(hide_password=False)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT count(*) FROM pg_database WHERE datname = :name"),
                {"name": url.database},
            ).scalar_one()
        if exists and not _postgres_is_empty(url):
            return _seed_for_real(url.render_as_string(hide_password=False))
        name, seed = _postgres_template(url)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}"'))
            connection.execute(text(f'CREATE DATABASE "{url.database}" TEMPLATE "{name}"'))
        return seed
    finally:
        admin.dispose()


def _postgres_template(url: URL) -> tuple[str, DemoSeed]:
    """The name of the session's demo council on ``url``'s server, made on first use."""
    admin_url = url.set(database="postgres").render_as_string(hide_password=False)
    if admin_url not in _templates:
        name = f"firststop_template_{os.getpid()}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        _templates[admin_url] = (
            name,
            _seed_for_real(url.set(database=name).render_as_string(hide_password=False)),
        )
    return _templates[admin_url]


def _postgres_is_empty(url: URL) -> bool:
    engine = create_engine(url, poolclass=NullPool)
    try:
        return not inspect(engine).get_table_names()
    finally:
        engine.dispose()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Wait for the tests' databases to be dropped, then drop the templates this session
    made (this process's: each xdist worker would have its own)."""
    for drop in _drops:
        drop.result()
    _drops.clear()
    for key, (name, _) in list(_templates.items()):
        if key != "sqlite":
            _drop_database(key, name)
    _templates.clear()
    for folder in _template_folder:
        shutil.rmtree(folder, ignore_errors=True)
    _template_folder.clear()


def make_settings(database_url: str, **overrides: Any) -> BackendSettings:
    # The overdue digest's and the appointments' threads are off unless a test asks: on the
    # real clock they would email whatever a test's cases happen to be overdue, or remind
    # whatever a test booked, on the day the suite runs.
    quiet = {"overdue_digest": False, "appointment_reminders": False}
    return BackendSettings(database_url=database_url, **(quiet | overrides))


@pytest.fixture
def backend_settings(database_url: str) -> BackendSettings:
    return make_settings(database_url)


@pytest.fixture
def backend(backend_settings: BackendSettings) -> Iterator[Backend]:
    seed = seed_demo_council(backend_settings.database_url)
    context = build_context(backend_settings)
    app = create_app(backend_settings, context)
    with LiveServer(app) as server, requests.Session() as http:
        yield Backend(server.url, context, seed.api_key, http)
