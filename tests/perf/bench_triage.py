"""The triage list: how soon a change reaches 100 desks, real sockets, the backend as deployed.

The backend runs as its own process (``firststop backend``, one worker) on a loopback port,
on SQLite and, when a server is given, on PostgreSQL. One client process (one asyncio loop,
the ``websockets`` client, compression off as the apps' ``QWebSocket`` has none) holds 100
desks at the shop, each a greeter of its own with a staff session at
``/live?location=shop``, and one greeter's HTTP session (``requests``, in a thread).

The greeter works through the list at a steady pace: records a walk-in
(``POST /api/v1/triage/walk-ins``), calls the one recorded a few changes before, closes the
one called before that, so every change is one ``triage.changed`` to each of the 100 desks.

* **Update latency**: the greeter's request is sent → a desk has the ``triage.changed`` for
  that entry in its new state: the first desk, and the last (the whole fan-out).
* **Answer time**: the greeter's HTTP request, sent → answered.

Times are ``time.monotonic()`` in the one client process. The machine's cores are shared by
the backend and the client (and whatever else runs), so every figure is a ceiling on what
the hub costs and a floor on what it can do; the load average is recorded as each run
begins and ends.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
import websockets
from sqlalchemy import select

from casebackend.db import migrate
from casebackend.db.base import utcnow
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.demo import DEMO_PASSWORD, seed_demo
from casebackend.identity import secrets
from casebackend.identity.models import Role, StaffMember, StaffSession
from casebackend.organisation.models import Location
from shared.live.messages import DeskWelcome, TriageChanged, read_message
from tests.perf.bench_cases import _backend, _databases, _free_port

DESKS = 100
CHANGES = 300  # a third each: walk-ins recorded, called, closed
PACE_S = 0.1  # one change every 100 ms
CONNECT_AT_ONCE = 20
SETTLE_S = 3.0


def _prepare(database_url: str) -> list[str]:
    """The demo council and 100 greeters at the shop, each with a session (one password
    hash between them: 100 argon2 hashes would take 20 s and measure nothing)."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        seed_demo(session)
    tokens = []
    password_hash = secrets.hash_password(DEMO_PASSWORD)
    with unit_of_work(sessions) as session:
        shop = session.scalars(select(Location).where(Location.code == "shop")).one()
        for n in range(DESKS):
            staff = StaffMember(
                username=f"bench-triage-{n}",
                display_name=f"Greeter {n}",
                password_hash=password_hash,
                roles=[Role.GREETER.value],
                locations=[shop],
            )
            session.add(staff)
            session.flush()
            token = secrets.new_token()
            session.add(
                StaffSession(
                    staff_id=staff.id,
                    token_hash=secrets.token_hash(token),
                    expires_at=utcnow() + timedelta(hours=2),
                )
            )
            tokens.append(token)
    engine.dispose()
    return tokens


@dataclass
class _Seen:
    """When each desk had each (entry, state)."""

    at: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def note(self, entry_id: str, state: str) -> None:
        self.at.setdefault((entry_id, state), []).append(time.monotonic())


async def _desk(
    url: str, token: str, seen: _Seen, ready: asyncio.Event, stop: asyncio.Event
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with websockets.connect(
        f"{url}/live?location=shop", additional_headers=headers, compression=None
    ) as socket:
        # News of the kiosks may come before the welcome: the desk listens before it reads.
        while not isinstance(read_message(await socket.recv(), "hub"), DeskWelcome):
            pass
        ready.set()
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(socket.recv(), 0.5)
            except TimeoutError:
                continue
            if '"triage.changed"' in raw:
                message = read_message(raw, "hub")
                assert isinstance(message, TriageChanged)
                seen.note(message.entry.id, message.entry.state.value)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    return {
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(_percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


async def _measure(base: str, tokens: list[str]) -> dict[str, Any]:
    ws_url = base.replace("http://", "ws://")
    seen = _Seen()
    stop = asyncio.Event()
    desks = []
    for start in range(0, DESKS, CONNECT_AT_ONCE):
        ready = [asyncio.Event() for _ in tokens[start : start + CONNECT_AT_ONCE]]
        desks += [
            asyncio.create_task(_desk(ws_url, token, seen, event, stop))
            for token, event in zip(tokens[start : start + CONNECT_AT_ONCE], ready, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(event.wait() for event in ready)), 30)
    http = requests.Session()
    greeter = {"Authorization": f"Bearer {tokens[0]}"}
    api = f"{base}/api/v1/triage"

    def post(path: str, body: Any = None) -> dict[str, Any]:
        response = http.post(f"{api}{path}", json=body, headers=greeter, timeout=30)
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return answer

    sent: list[tuple[str, str, float]] = []
    answers: list[float] = []
    recorded: list[str] = []
    called: list[str] = []
    load_before = os.getloadavg()[0]
    for n in range(CHANGES):
        began = time.monotonic()
        if n % 3 == 0 or not recorded:
            entry = await asyncio.to_thread(post, "/walk-ins", {"topics": [f"Visitor {n}"]})
            recorded.append(entry["id"])
        elif n % 3 == 1:
            entry = await asyncio.to_thread(post, f"/{recorded.pop(0)}/call")
            called.append(entry["id"])
        elif called:
            entry = await asyncio.to_thread(
                post, f"/{called.pop(0)}/close", {"outcome": "resolved"}
            )
        else:
            continue
        answers.append(time.monotonic() - began)
        sent.append((entry["id"], entry["state"], began))
        await asyncio.sleep(max(0.0, PACE_S - (time.monotonic() - began)))
    await asyncio.sleep(SETTLE_S)
    stop.set()
    await asyncio.gather(*desks)
    load_after = os.getloadavg()[0]
    first, last, lost = [], [], 0
    for entry_id, state, began in sent:
        times = seen.at.get((entry_id, state), [])
        lost += DESKS - len(times)
        if times:
            first.append(min(times) - began)
            last.append(max(times) - began)
    return {
        "desks": DESKS,
        "changes": len(sent),
        "pace_ms": PACE_S * 1000,
        "update_to_first_desk": _summary(first),
        "update_to_last_desk": _summary(last),
        "greeter_answer": _summary(answers),
        "deliveries_lost": lost,
        "load_average_before": load_before,
        "load_average_after": load_after,
    }


def run(out_dir: str, postgresql_url: str | None) -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in _databases(Path(tmp), postgresql_url):
            tokens = _prepare(url)
            port = _free_port()
            process = _backend("backend", url, port, 1, Path(tmp) / "backend.log")
            try:
                figures = {"database": name} | asyncio.run(
                    _measure(f"http://127.0.0.1:{port}", tokens)
                )
            finally:
                process.terminate()
                process.wait(timeout=30)
            print(json.dumps(figures), flush=True)
            results.append(figures)
    report = {
        "benchmark": "triage list updates to 100 desks",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "results": results,
    }
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    (path / "triage.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"figures written to {path / 'triage.json'}")
