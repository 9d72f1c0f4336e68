"""Rate limits, lockouts and forwarded addresses, against the real backend on loopback:
staff login locks with back-off per username and address, enrolment codes likewise,
customer look-ups and Open311 posts are limited, X-Forwarded-For is believed only from a
trusted proxy, and two worker processes serve a limit once between them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, update

from casebackend.app import build_context, create_app
from casebackend.audit.models import AuditEvent
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD, seed_demo
from casebackend.ratelimit.models import Lockout
from tests.conftest import Backend, LiveServer, make_settings, seed_demo_council, wait_until


@pytest.fixture
def proxied(database_url: str) -> Iterator[Backend]:
    """The demo backend behind a proxy on loopback: X-Forwarded-For names the client."""
    settings = make_settings(database_url, trusted_proxies=["127.0.0.1"])
    with _serve(settings) as backend:
        yield backend


@contextmanager
def _serve(settings: Any) -> Iterator[Backend]:
    seed = seed_demo_council(settings.database_url)
    context = build_context(settings)
    with LiveServer(create_app(settings, context)) as server, requests.Session() as http:
        yield Backend(server.url, context, seed.api_key, http)


def _login(backend: Backend, username: str, password: str, client: str) -> requests.Response:
    return backend.http.post(
        f"{backend.api}/staff/login",
        json={"username": username, "password": password},
        headers={"X-Forwarded-For": client},
    )


def _end_locks(backend: Backend) -> None:
    """As if the wait were over: every lock ends now (the counts stay)."""
    with unit_of_work(backend.context.sessions) as session:
        session.execute(update(Lockout).values(locked_until=utcnow() - timedelta(seconds=1)))


def _audit(backend: Backend) -> list[tuple[str, str]]:
    with backend.context.sessions() as session:
        rows = session.execute(select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.id))
        return [(action, detail) for action, detail in rows]


# Staff login -----------------------------------------------------------------------------


def test_wrong_passwords_lock_the_username_from_that_address_with_back_off(proxied):
    attacker = "203.0.113.5"
    statuses = [_login(proxied, "jo", "wrong-password", attacker).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 401]

    fifth = _login(proxied, "jo", "wrong-password", attacker)
    assert fifth.status_code == 429
    assert 55 <= int(fifth.headers["Retry-After"]) <= 60
    assert fifth.json()["code"] == "rate_limited"
    assert fifth.json()["message"] == (
        "That username and password do not match. Signing in from here is paused after too "
        "many wrong tries. Please try again in 1 minute."
    )
    # Locked: even the right password waits, and is not checked.
    locked = _login(proxied, "jo", DEMO_PASSWORD, attacker)
    assert locked.status_code == 429
    assert locked.json()["message"].endswith("Please try again in 1 minute.")

    # Another address is not locked out of jo's account.
    assert _login(proxied, "jo", DEMO_PASSWORD, "198.51.100.20").status_code == 200

    # The wait over, one more wrong try locks for twice as long.
    _end_locks(proxied)
    sixth = _login(proxied, "jo", "wrong-password", attacker)
    assert sixth.status_code == 429
    assert 115 <= int(sixth.headers["Retry-After"]) <= 120
    assert sixth.json()["message"].endswith("Please try again in 2 minutes.")

    # The right password, once the wait is over, clears the count: wrong tries start again.
    _end_locks(proxied)
    assert _login(proxied, "jo", DEMO_PASSWORD, attacker).status_code == 200
    assert _login(proxied, "jo", "wrong-password", attacker).status_code == 401

    actions = [action for action, _ in _audit(proxied)]
    assert actions.count("login_failed") == 7
    assert actions.count("login_locked") == 2
    details = [detail for action, detail in _audit(proxied) if action == "login_locked"]
    assert details[0] == "from 203.0.113.5, username jo; locked for 1 minute"


def test_a_username_nobody_has_locks_the_same_way(proxied):
    """The answers never tell whether a username exists."""
    answers = []
    for username in ("jo", "nobody-here"):
        client = "203.0.113.6" if username == "jo" else "203.0.113.7"
        answers.append([_login(proxied, username, "wrong-password", client) for _ in range(6)])
    for jo, nobody in zip(*answers, strict=True):
        assert jo.status_code == nobody.status_code
        assert jo.json() == nobody.json()
    assert [r.status_code for r in answers[0]] == [401, 401, 401, 401, 429, 429]
    details = [d for a, d in _audit(proxied) if a == "login_failed"]
    assert "a username nobody has" in details[-1]
    assert not any("nobody-here" in d for d in details)


def test_an_address_trying_many_usernames_is_locked_out(database_url):
    settings = make_settings(
        database_url, trusted_proxies=["127.0.0.1"], lockout_address_failures=3
    )
    with _serve(settings) as backend:
        spray = [_login(backend, f"user{n}", "wrong-password", "203.0.113.8") for n in range(4)]
        assert [r.status_code for r in spray] == [401, 401, 429, 429]
        assert _login(backend, "jo", DEMO_PASSWORD, "203.0.113.8").status_code == 429
        assert _login(backend, "jo", DEMO_PASSWORD, "203.0.113.9").status_code == 200


def test_guessing_one_username_from_many_addresses_locks_the_username(database_url):
    """Spread over addresses, each too few to lock, the wrong tries still add up: the
    username's own count locks it from everywhere, with back-off, until a right password
    (once the wait is over) clears it."""
    settings = make_settings(
        database_url, trusted_proxies=["127.0.0.1"], lockout_account_failures=3
    )
    with _serve(settings) as backend:
        spread = [_login(backend, "jo", "wrong-password", f"203.0.113.{20 + n}") for n in range(3)]
        assert [r.status_code for r in spread] == [401, 401, 429]
        assert spread[-1].json()["message"] == (
            "That username and password do not match. Signing in to this account is paused "
            "after too many wrong tries. Please try again in 1 minute."
        )
        # From a fresh address, even the right password waits; another username does not.
        held = _login(backend, "jo", DEMO_PASSWORD, "198.51.100.30")
        assert held.status_code == 429
        assert held.json()["message"].startswith("Signing in to this account is paused")
        assert _login(backend, "sam", DEMO_PASSWORD, "198.51.100.30").status_code == 200
        # One more wrong try after the wait locks for twice as long.
        _end_locks(backend)
        again = _login(backend, "jo", "wrong-password", "203.0.113.40")
        assert again.status_code == 429
        assert 115 <= int(again.headers["Retry-After"]) <= 120
        # The wait over, the right password signs in and clears the username's count.
        _end_locks(backend)
        assert _login(backend, "jo", DEMO_PASSWORD, "198.51.100.30").status_code == 200
        assert _login(backend, "jo", "wrong-password", "203.0.113.41").status_code == 401
        locks = [d for a, d in _audit(backend) if a == "login_locked"]
        assert locks[0] == "from 203.0.113.22, username jo; locked for 1 minute"


def test_a_lockout_holds_across_a_restart(database_url):
    settings = make_settings(database_url, trusted_proxies=["127.0.0.1"])
    with _serve(settings) as backend:
        for _ in range(5):
            _login(backend, "jo", "wrong-password", "203.0.113.10")
    context = build_context(settings)
    with LiveServer(create_app(settings, context)) as server:
        again = requests.post(
            f"{server.url}/api/v1/staff/login",
            json={"username": "jo", "password": DEMO_PASSWORD},
            headers={"X-Forwarded-For": "203.0.113.10"},
            timeout=10,
        )
    assert again.status_code == 429


def test_sign_in_attempts_from_one_address_are_limited(database_url):
    with _serve(make_settings(database_url, login_requests_per_minute=3)) as backend:
        statuses = [
            backend.http.post(
                f"{backend.api}/staff/login", json={"username": "jo", "password": DEMO_PASSWORD}
            ).status_code
            for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]


# Kiosk enrolment ------------------------------------------------------------------------


def test_wrong_enrolment_codes_lock_the_address(backend):
    enrol = f"{backend.api}/devices/enrol"
    answers = [backend.http.post(enrol, json={"code": "WRONG-CODE", "name": "k"}) for _ in range(5)]
    assert [a.status_code for a in answers] == [404, 404, 404, 404, 429]
    assert answers[-1].json()["message"] == (
        "That enrolment code is not right. Enrolling from here is paused after too many "
        "wrong tries. Please try again in 1 minute."
    )
    with pytest.raises(requests.HTTPError, match="429"):
        backend.enrol()  # a right code waits too
    assert "enrol_locked" in [action for action, _ in _audit(backend)]


# Look-ups --------------------------------------------------------------------------------


def test_customer_lookups_by_staff_are_limited(database_url):
    with _serve(make_settings(database_url, customer_lookups_per_minute=3)) as backend:
        jo = backend.login("jo")
        answers = [
            backend.http.get(
                f"{backend.api}/customers", params={"email": f"{n}@example.com"}, headers=jo
            )
            for n in range(4)
        ]
        assert [a.status_code for a in answers] == [404, 404, 404, 429]
        assert answers[-1].json()["message"].startswith("Too many customer look-ups")
        assert 1 <= int(answers[-1].headers["Retry-After"]) <= 60


def test_reading_customer_records_by_number_is_limited_like_a_look_up(database_url):
    """Record numbers are sequential: counting through them is a look-up each time."""
    with _serve(make_settings(database_url, customer_lookups_per_minute=3)) as backend:
        jo = backend.login("jo")
        reads = [backend.http.get(f"{backend.api}/customers/{n}", headers=jo) for n in range(1, 5)]
        assert [r.status_code for r in reads] == [404, 404, 404, 429]
        assert reads[-1].json()["message"].startswith("Too many customer look-ups")


def test_address_lookups_by_a_kiosk_are_limited(database_url):
    with _serve(make_settings(database_url, address_lookups_per_minute=2)) as backend:
        kiosk, _ = backend.enrol()
        answers = [
            backend.http.get(
                f"{backend.api}/addresses", params={"postcode": "ZZ1 1ZZ"}, headers=kiosk
            )
            for _ in range(3)
        ]
        assert [a.status_code for a in answers] == [200, 200, 429]


def test_open311_posts_are_limited_per_api_key_in_the_georeport_format(database_url):
    with _serve(make_settings(database_url, open311_posts_per_minute=2)) as backend:
        form = {"api_key": backend.api_key, "service_code": "no-such-service"}
        answers = [
            backend.http.post(f"{backend.open311}/requests.json", data=form) for _ in range(3)
        ]
        assert [a.status_code for a in answers] == [404, 404, 429]
        assert answers[-1].json()[0]["code"] == 429
        assert "Retry-After" in answers[-1].headers


# Forwarded addresses ---------------------------------------------------------------------


def _track(url: str, client: str | None) -> int:
    headers = {"X-Forwarded-For": client} if client else {}
    return requests.get(f"{url}/track/222-222-222", headers=headers, timeout=10).status_code


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(database_url):
    """No trusted proxies: a client naming a new address each time is still one client."""
    settings = make_settings(database_url, track_requests_per_minute=2)
    with LiveServer(create_app(settings, build_context(settings))) as server:
        statuses = [_track(server.url, f"203.0.113.{n}") for n in range(1, 5)]
    assert statuses[2:] == [429, 429]
    assert 429 not in statuses[:2]


def test_x_forwarded_for_from_a_trusted_proxy_names_the_client(database_url):
    settings = make_settings(
        database_url, track_requests_per_minute=2, trusted_proxies=["127.0.0.0/8"]
    )
    with LiveServer(create_app(settings, build_context(settings))) as server:
        different = [_track(server.url, f"203.0.113.{n}") for n in range(1, 5)]
        same = [_track(server.url, "198.51.100.1") for _ in range(3)]
    assert 429 not in different
    assert same[2] == 429
    assert 429 not in same[:2]


# Two workers -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _all_at_once(call: Callable[[requests.Session], object], sessions: list[Any]) -> None:
    """``call`` on every session, each in its own thread, all started together."""
    start = threading.Barrier(len(sessions), timeout=60)

    def run(http: requests.Session) -> None:
        start.wait()
        call(http)

    threads = [threading.Thread(target=run, args=(http,)) for http in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def _connections_by_process(port: int, parent: int) -> dict[int, int]:
    """How many established connections on ``port`` each child process of ``parent``
    holds, read from Linux's /proc (sockets by inode, then whose file descriptors they are)."""
    established: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01":  # 01: ESTABLISHED
                established.add(fields[9])
    served: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != parent:
                continue
            links = [str(fd.readlink()) for fd in (stat.parent / "fd").iterdir()]
        except (OSError, IndexError, ValueError):  # a process that ended meanwhile
            continue
        count = sum(link[8:-1] in established for link in links if link.startswith("socket:["))
        if count:
            served[int(stat.parent.name)] = count
    return served


def test_two_workers_serve_the_tracking_limit_once_between_them(tmp_path: Path):
    """A real ``firststop backend --workers 2`` on a migrated, seeded SQLite file: of
    N + k anonymous look-ups from one address, exactly N are answered."""
    allowed, extra = 6, 18
    database_url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    context = build_context(make_settings(database_url), upgrade_schema=True)
    with unit_of_work(context.sessions) as session:
        seed_demo(session)
    context.engine.dispose()

    port = _free_port()
    env = os.environ | {
        "FIRSTSTOP_BACKEND_DATABASE_URL": database_url,
        "FIRSTSTOP_BACKEND_TRACK_REQUESTS_PER_MINUTE": str(allowed),
    }
    env.pop("FIRSTSTOP_BACKEND_CONFIG", None)
    log = tmp_path / "backend.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "firststop", "backend", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=sink,
            stderr=sink,
        )
    base = f"http://127.0.0.1:{port}"
    try:

        def answering() -> bool:
            assert process.poll() is None, log.read_text()[-2000:]
            try:
                return requests.get(f"{base}/api/v1/health", timeout=1).ok
            except requests.RequestException:  # not listening yet, or slow to start
                return False

        wait_until(answering, timeout=60, what="the two-worker backend")
        with ExitStack() as stack:
            # Connections that both workers hold some of (a worker keeps a connection it
            # has accepted): opened eight at once, until each worker has taken one.
            sessions: list[requests.Session] = []
            served: dict[int, int] = {}
            for _ in range(10):
                batch = [stack.enter_context(requests.Session()) for _ in range(8)]
                _all_at_once(lambda http: http.get(f"{base}/api/v1/health", timeout=15), batch)
                sessions += batch
                served = _connections_by_process(port, process.pid)
                if len(served) == 2:
                    break
            # One worker alone would pass with a limit counted in its own memory.
            assert len(served) == 2, served
            assert sum(served.values()) == len(sessions), served

            # Every connection looks up as often (so both workers answer some), at least
            # N + k times in all.
            rounds = -(-(allowed + extra) // len(sessions))
            statuses: list[int] = []
            lock = threading.Lock()

            def look_up(http: requests.Session) -> None:
                code = http.get(f"{base}/track/222-222-222", timeout=15).status_code
                with lock:
                    statuses.append(code)

            for _ in range(rounds):
                _all_at_once(look_up, sessions)
            total = rounds * len(sessions)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert len(statuses) == total
    assert statuses.count(429) == total - allowed, statuses
    assert sum(code != 429 for code in statuses) == allowed
