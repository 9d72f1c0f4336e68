"""The live hub: help alert and mirror update latency, 500 kiosks and 100 desks, real sockets.

The backend runs as its own process (``firststop backend``, one worker) on a loopback port,
exactly as deployed. One separate client process holds every connection on one asyncio loop
with the ``websockets`` client (compression off, as the apps' ``QWebSocket`` has none):
100 desks (25 greeters at each of the 4 demo locations, each at ``/live?location=CODE``
with a staff session token) and 500 kiosks (125 a location, each saying ``kiosk.hello``).

While it runs, 40 customers at a time (10 a location) press Help me on a kiosk; one greeter
at the location claims after a short reaction time; the kiosk then streams its screen (a
six-field ScreenState of a few kB) every 200 to 300 ms, like someone typing, until the greeter
closes the request with an outcome, and the customer moves on to another kiosk. Meanwhile
the other kiosks change what they are doing (``kiosk.activity``) every 20 s or so each.

* **Alert latency**: a kiosk sends ``help.raise`` → the last desk at its location has the
  ``help.raised`` for that id (and each desk's own delivery).
* **Mirror latency**: a kiosk sends ``screen.update`` → the claiming desk has it.

Send and receive times are ``time.monotonic()`` in the one client process. The backend's
CPU (user + system) and memory (RSS, peak) come from ``/proc/<pid>``. The machine has
2 cores: the clients share them with the backend, so every figure is a floor.
"""

from __future__ import annotations

import asyncio
import json
import math
import multiprocessing
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from casebackend.db import migrate
from casebackend.db.base import utcnow
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.demo import DEMO_PASSWORD, LOCATIONS, seed_demo
from casebackend.identity import secrets
from casebackend.identity import service as identity
from casebackend.identity.models import Role, StaffMember, StaffSession
from casebackend.organisation.models import Location
from shared.flow.screen_state import MASK, Accessibility, ErrorText, FieldState, Option, ScreenState
from shared.flow.steps import FieldKind, StepKind
from shared.live.messages import (
    HelpClaim,
    HelpClose,
    HelpContext,
    HelpOutcome,
    HelpRaise,
    KioskActivity,
    KioskActivityChange,
    KioskHello,
    ScreenUpdate,
    read_message,
    write_message,
)
from tests.perf.bench_cases import _backend, _databases, _free_port

KIOSKS = 500
DESKS = 100
HELPED = 40  # customers being helped at once, spread over the locations
WARM_UP_S = 6.0
MEASURE_S = 40.0
DRAIN_S = 3.0
KEYSTROKE_S = (0.2, 0.3)
UPDATES_PER_SESSION = (12, 30)
CLAIM_REACTION_S = (0.2, 0.8)
ACTIVITY_EVERY_S = 20.0  # on average, per kiosk not being helped
CONNECT_AT_ONCE = 25


# Setting up ------------------------------------------------------------------------------


@dataclass
class Setup:
    url: str
    backend_pid: int
    # (location code, token) for each kiosk and each desk.
    kiosks: list[tuple[str, str]]
    desks: list[tuple[str, str]]


def _prepare(database_url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    """Demo council, 500 kiosks enrolled with one-time codes, 100 greeters with sessions.

    Kiosks go through the real enrolment (a code, then ``enrol_device``), in the database
    before the backend starts. Greeters are created with one password hash between them (an
    argon2 hash takes ~0.2 s; 100 would take 20 s and measure nothing of the hub) and get
    a session row each, as ``log_in`` makes; one greeter also signs in over HTTP, later."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    codes = [code for code, *_ in LOCATIONS]
    with unit_of_work(sessions) as session:
        seed_demo(session)
    kiosks: list[tuple[str, str]] = []
    with unit_of_work(sessions) as session:
        for n in range(KIOSKS):
            location = codes[n % len(codes)]
            code, _ = identity.create_enrolment_code(session, location, timedelta(hours=1))
            enrolment = identity.enrol_device(
                session, code, f"bench kiosk {n}", public_base_url="http://127.0.0.1"
            )
            kiosks.append((location, enrolment.token))
    desks: list[tuple[str, str]] = []
    password_hash = secrets.hash_password(DEMO_PASSWORD)
    with unit_of_work(sessions) as session:
        places = {loc.code: loc for loc in session.scalars(select(Location))}
        for n in range(DESKS):
            location = codes[n % len(codes)]
            staff = StaffMember(
                username=f"bench-greeter-{n}",
                display_name=f"Greeter {n}",
                password_hash=password_hash,
                roles=[Role.GREETER.value],
                locations=[places[location]],
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
            desks.append((location, token))
    engine.dispose()
    return kiosks, desks, "bench-greeter-0"


def _log_in(url: str, username: str) -> str:
    response = requests.post(
        f"{url}/api/v1/staff/login",
        json={"username": username, "password": DEMO_PASSWORD},
        timeout=30,
    )
    response.raise_for_status()
    return str(response.json()["token"])


# What the kiosks say -----------------------------------------------------------------------


def _context() -> HelpContext:
    return HelpContext(
        screen="journey",
        service_code="missed_bin",
        service_name="Report a missed bin collection",
        step_id="contact",
        step_number=3,
        step_count=5,
        errors=("contact.email.invalid",),
        seconds_on_step=random.uniform(20, 120),
        language=random.choice(("en", "pl", "ro", "ur")),
    )


_BINS = tuple(
    Option(key=key, label=label)
    for key, label in (
        ("general", "General waste (black bin)"),
        ("recycling", "Recycling (blue bin)"),
        ("garden", "Garden waste (brown bin)"),
        ("food", "Food waste caddy"),
        ("glass", "Glass box"),
        ("bulky", "Bulky item collection"),
    )
)


def _screen(help_id: str, sequence: int, typed: str) -> str:
    """A contact step with six fields, the customer part-way through typing their email."""
    state = ScreenState(
        sequence=sequence,
        service_code="missed_bin",
        service_name="Report a missed bin collection",
        help_text=(
            "Tell us how to reach you about this report. We only use these details for this "
            "report and we will not share them. Fields marked optional can be left empty."
        ),
        step_id="contact",
        step_kind=StepKind.CONTACT,
        step_number=3,
        step_count=5,
        title="How can we contact you?",
        body="We will send you a reference number and tell you when the bin has been collected.",
        fields=(
            FieldState(
                id="contact.name",
                kind=FieldKind.NAME,
                label="Your full name",
                hint="As it appears on your council tax bill",
                required=True,
                value="Agnieszka Kowalska",
                max_length=100,
            ),
            FieldState(
                id="contact.email",
                kind=FieldKind.EMAIL,
                label="Email address",
                hint="For example name@example.com",
                value=typed,
                max_length=200,
            ),
            FieldState(
                id="contact.phone",
                kind=FieldKind.PHONE,
                label="Phone number (optional)",
                hint="A mobile number lets us text you",
                value="07700 900123",
                max_length=20,
            ),
            FieldState(
                id="contact.dob",
                kind=FieldKind.STRING,
                label="Date of birth",
                required=True,
                value=MASK,
                masked=True,
            ),
            FieldState(
                id="contact.bin",
                kind=FieldKind.SINGLEVALUELIST,
                label="Which bin was missed?",
                required=True,
                options=_BINS,
                value="recycling",
            ),
            FieldState(
                id="contact.notes",
                kind=FieldKind.TEXT,
                label="Anything else we should know (optional)",
                hint="For example where the bin was left out",
                value="The bin was left at the front gate by 7am as usual on Tuesday.",
                max_length=1000,
            ),
        ),
        errors=(
            ErrorText(
                id="contact.email.invalid",
                text="Enter an email address in the correct format, like name@example.com",
                field="contact.email",
            ),
        ),
        can_go_back=True,
        language="en",
        accessibility=Accessibility(large_text=True),
        focus="contact.email",
    )
    message = ScreenUpdate(help_id=help_id, sequence=sequence, screen="journey", state=state)
    return write_message(message)


# The client process ------------------------------------------------------------------------


@dataclass
class _Peer:
    index: int
    location: str
    socket: Any = None
    busy: bool = False
    activity: KioskActivity = KioskActivity.IDLE
    # help id -> set when the kiosk hears it was claimed / ended.
    claimed: dict[str, asyncio.Event] = field(default_factory=dict)
    ended: dict[str, asyncio.Event] = field(default_factory=dict)


@dataclass
class _Figures:
    raised_at: dict[str, float] = field(default_factory=dict)
    raise_location: dict[str, str] = field(default_factory=dict)
    # help id -> desk index -> receipt time
    alerts: dict[str, dict[int, float]] = field(default_factory=dict)
    claimer: dict[str, int] = field(default_factory=dict)
    screen_sent: dict[tuple[str, int], float] = field(default_factory=dict)
    screen_seen: dict[tuple[str, int], float] = field(default_factory=dict)
    screen_elsewhere: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    activity_changes: int = 0
    received: int = 0
    sessions_done: int = 0


def _proc_stat(pid: int) -> tuple[float, int, int]:
    """CPU seconds (user + system, all threads), RSS and peak RSS in bytes of ``pid``."""
    tick = os.sysconf("SC_CLK_TCK")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / tick
    status = Path(f"/proc/{pid}/status").read_text()
    kb = {
        line.split(":")[0]: int(line.split()[1])
        for line in status.splitlines()
        if line.startswith(("VmRSS", "VmHWM"))
    }
    return cpu, kb["VmRSS"] * 1024, kb["VmHWM"] * 1024


class _Client:
    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.ws_url = setup.url.replace("http://", "ws://") + "/live"
        self.kiosks = [_Peer(n, loc) for n, (loc, _) in enumerate(setup.kiosks)]
        self.desks = [_Peer(n, loc) for n, (loc, _) in enumerate(setup.desks)]
        self.figures = _Figures()
        self.stopping = False
        self.measuring = (math.inf, math.inf)
        self.loop_lag: list[float] = []
        self.readers: list[asyncio.Future[None]] = []
        self.claims: set[asyncio.Future[None]] = set()

    # Connections

    async def _open(self, url: str, token: str) -> Any:
        from websockets.asyncio.client import connect

        return await connect(
            url,
            additional_headers={"Authorization": f"Bearer {token}"},
            compression=None,
            max_size=4 * 1024 * 1024,
            open_timeout=60,
            ping_interval=None,
        )

    async def _connect_all(self) -> None:
        gate = asyncio.Semaphore(CONNECT_AT_ONCE)
        welcomed: list[asyncio.Future[None]] = []

        async def desk(peer: _Peer, token: str) -> None:
            async with gate:
                peer.socket = await self._open(f"{self.ws_url}?location={peer.location}", token)
                first = json.loads(await peer.socket.recv())
                if first["type"] != "desk.welcome":
                    raise RuntimeError(f"a desk was refused: {first}")
            welcomed.append(asyncio.ensure_future(self._desk_reader(peer)))

        async def kiosk(peer: _Peer, token: str) -> None:
            async with gate:
                peer.socket = await self._open(self.ws_url, token)
                await peer.socket.send(write_message(KioskHello(activity=KioskActivity.IDLE)))
                first = json.loads(await peer.socket.recv())
                if first["type"] != "kiosk.welcome":
                    raise RuntimeError(f"a kiosk was refused: {first}")
            welcomed.append(asyncio.ensure_future(self._kiosk_reader(peer)))

        await asyncio.gather(
            *(desk(p, t) for p, (_, t) in zip(self.desks, self.setup.desks, strict=True))
        )
        await asyncio.gather(
            *(kiosk(p, t) for p, (_, t) in zip(self.kiosks, self.setup.kiosks, strict=True))
        )
        self.readers = welcomed

    def _error(self, message: dict[str, Any]) -> None:
        code = str(message.get("code"))
        self.figures.errors[code] = self.figures.errors.get(code, 0) + 1

    async def _desk_reader(self, peer: _Peer) -> None:
        figures = self.figures
        async for raw in peer.socket:
            now = time.monotonic()
            figures.received += 1
            message = json.loads(raw)
            kind = message["type"]
            if kind == "help.raised":
                help_id = message["request"]["id"]
                figures.alerts.setdefault(help_id, {})[peer.index] = now
                if figures.claimer.get(help_id) == peer.index:
                    self.claims.add(asyncio.ensure_future(self._claim(peer, help_id)))
            elif kind == "screen.update":
                key = (message["help_id"], message["sequence"])
                if figures.claimer.get(key[0]) == peer.index:
                    figures.screen_seen.setdefault(key, now)
                else:
                    figures.screen_elsewhere += 1
            elif kind == "error":
                self._error(message)

    async def _claim(self, peer: _Peer, help_id: str) -> None:
        await asyncio.sleep(random.uniform(*CLAIM_REACTION_S))
        await peer.socket.send(write_message(HelpClaim(help_id=help_id)))

    async def _kiosk_reader(self, peer: _Peer) -> None:
        async for raw in peer.socket:
            self.figures.received += 1
            message = json.loads(raw)
            kind = message["type"]
            if kind == "help.claimed" and message["help_id"] in peer.claimed:
                peer.claimed[message["help_id"]].set()
            elif kind == "help.ended" and message["help_id"] in peer.ended:
                peer.ended[message["help_id"]].set()
            elif kind == "error":
                self._error(message)

    # Load

    async def _customer(self, location: str) -> None:
        """One customer after another at ``location``: help, claim, typing, close."""
        figures = self.figures
        desks = [d for d in self.desks if d.location == location]
        while not self.stopping:
            free = [k for k in self.kiosks if k.location == location and not k.busy]
            kiosk = random.choice(free)
            kiosk.busy = True
            help_id = uuid.uuid4().hex
            greeter = random.choice(desks)
            figures.claimer[help_id] = greeter.index
            figures.raise_location[help_id] = location
            claimed = kiosk.claimed[help_id] = asyncio.Event()
            ended = kiosk.ended[help_id] = asyncio.Event()
            text = write_message(HelpRaise(help_id=help_id, context=_context()))
            figures.raised_at[help_id] = time.monotonic()
            await kiosk.socket.send(text)
            await asyncio.wait_for(claimed.wait(), 30)
            typed = ""
            for sequence in range(1, random.randint(*UPDATES_PER_SESSION) + 1):
                typed += random.choice("abcdefghijklmnopqrstuvwxyz.@")
                text = _screen(help_id, sequence, typed)
                figures.screen_sent[(help_id, sequence)] = time.monotonic()
                await kiosk.socket.send(text)
                await asyncio.sleep(random.uniform(*KEYSTROKE_S))
            close = HelpClose(help_id=help_id, outcome=HelpOutcome.RESOLVED_AT_KIOSK)
            await greeter.socket.send(write_message(close))
            await asyncio.wait_for(ended.wait(), 30)
            del kiosk.claimed[help_id], kiosk.ended[help_id]
            figures.sessions_done += 1
            kiosk.busy = False
            await asyncio.sleep(random.uniform(0.5, 1.5))

    async def _background(self) -> None:
        """Kiosks not being helped change what they are doing now and then."""
        rate = len(self.kiosks) / ACTIVITY_EVERY_S
        while not self.stopping:
            await asyncio.sleep(random.expovariate(rate))
            kiosk = random.choice(self.kiosks)
            if kiosk.busy:
                continue
            kiosk.activity = (
                KioskActivity.IN_JOURNEY
                if kiosk.activity is KioskActivity.IDLE
                else KioskActivity.IDLE
            )
            await kiosk.socket.send(write_message(KioskActivityChange(activity=kiosk.activity)))
            if self.measuring[0] <= time.monotonic() < self.measuring[1]:
                self.figures.activity_changes += 1

    async def _lag(self) -> None:
        """How late the client's own loop wakes up: its share of any latency measured."""
        while not self.stopping:
            before = time.monotonic()
            await asyncio.sleep(0.05)
            if self.measuring[0] <= before < self.measuring[1]:
                self.loop_lag.append(time.monotonic() - before - 0.05)

    async def run(self) -> dict[str, Any]:
        pid = self.setup.backend_pid
        _, rss_idle, _ = _proc_stat(pid)
        started = time.monotonic()
        await self._connect_all()
        connect_s = time.monotonic() - started
        _, rss_connected, _ = _proc_stat(pid)
        locations = sorted({k.location for k in self.kiosks})
        load = [
            asyncio.ensure_future(self._customer(locations[n % len(locations)]))
            for n in range(HELPED)
        ]
        load += [asyncio.ensure_future(self._background()), asyncio.ensure_future(self._lag())]
        await asyncio.sleep(WARM_UP_S)
        start = time.monotonic()
        self.measuring = (start, start + MEASURE_S)
        cpu_start, _, _ = _proc_stat(pid)
        own_start = time.process_time()
        rss_samples = []
        while time.monotonic() < self.measuring[1]:
            await asyncio.sleep(1.0)
            rss_samples.append(_proc_stat(pid)[1])
        cpu_end, rss_end, peak = _proc_stat(pid)
        own_cpu = time.process_time() - own_start
        window = time.monotonic() - start
        self.stopping = True
        done, pending = await asyncio.wait(load, timeout=40)
        for task in pending:
            task.cancel()
        failures = [t.exception() for t in done if not t.cancelled() and t.exception()]
        await asyncio.sleep(DRAIN_S)
        for peer in self.desks + self.kiosks:
            await peer.socket.close()
        return self._summary(
            window,
            {
                "connect_all_s": round(connect_s, 2),
                "backend_cpu_s": round(cpu_end - cpu_start, 2),
                "backend_cpu_percent_of_one_core": round(100 * (cpu_end - cpu_start) / window, 1),
                "client_cpu_percent_of_one_core": round(100 * own_cpu / window, 1),
                "backend_rss_mb_before_connections": round(rss_idle / 2**20, 1),
                "backend_rss_mb_connected": round(rss_connected / 2**20, 1),
                "backend_rss_mb_end": round(rss_end / 2**20, 1),
                "backend_rss_mb_max_sampled": round(max(rss_samples) / 2**20, 1),
                "backend_rss_mb_peak": round(peak / 2**20, 1),
                "load_failures": [repr(f) for f in failures],
            },
        )

    def _summary(self, window: float, extra: dict[str, Any]) -> dict[str, Any]:
        figures = self.figures
        begin, end = self.measuring
        location_desks: dict[str, list[int]] = {}
        for desk in self.desks:
            location_desks.setdefault(desk.location, []).append(desk.index)
        alert_all: list[float] = []
        slow: list[tuple[float, float, float]] = []
        alert_each: list[float] = []
        lost_alerts = 0
        raises = 0
        for help_id, sent in figures.raised_at.items():
            if not begin <= sent < end:
                continue
            raises += 1
            seen = figures.alerts.get(help_id, {})
            expected = location_desks[figures.raise_location[help_id]]
            missing = [d for d in expected if d not in seen]
            lost_alerts += len(missing)
            each = [seen[d] - sent for d in expected if d in seen]
            alert_each += each
            if not missing:
                alert_all.append(max(each))
                # The slowest: when, and whether every desk was late (the hub was slow
                # before it fanned out) or only some (the fan-out, or the client).
                slow.append((max(each), sent - begin, min(each)))
        mirror: list[float] = []
        slow_mirror: list[tuple[float, float]] = []
        lost_screens = 0
        for key, sent in figures.screen_sent.items():
            if not begin <= sent < end:
                continue
            if key in figures.screen_seen:
                mirror.append(figures.screen_seen[key] - sent)
                slow_mirror.append((mirror[-1], sent - begin))
            else:
                lost_screens += 1
        sample = _screen(uuid.uuid4().hex, 12, "agnieszka.k@exa")
        read_message(sample, "kiosk")  # the hub would accept it
        return {
            "measured_s": round(window, 1),
            # time.monotonic() at the window's start: CLOCK_MONOTONIC, the same in every
            # process, to line the figures up with a profile of the backend.
            "window_monotonic_start": round(begin, 3),
            "help_alert": _percentiles(alert_all)
            | {
                "raises": raises,
                "raises_per_s": round(raises / window, 1),
                "over_50_ms": sum(1 for x in alert_all if x > 0.05),
                "slowest": [
                    {"at_s": round(at, 2), "last_desk_ms": _ms(last), "first_desk_ms": _ms(first)}
                    for last, at, first in sorted(slow, reverse=True)[:8]
                ],
            },
            "help_alert_per_desk": _percentiles(alert_each)
            | {"deliveries": len(alert_each), "lost": lost_alerts},
            "mirror_update": _percentiles(mirror)
            | {
                "updates": len(mirror),
                "updates_per_s": round(len(mirror) / window, 1),
                "lost": lost_screens,
                "to_other_desks": figures.screen_elsewhere,
                "message_bytes": len(sample.encode()),
                "over_50_ms": sum(1 for x in mirror if x > 0.05),
                "slowest": [
                    {"at_s": round(at, 2), "ms": _ms(late)}
                    for late, at in sorted(slow_mirror, reverse=True)[:8]
                ],
            },
            "kiosk_activity_changes_per_s": round(figures.activity_changes / window, 1),
            "help_sessions_completed": figures.sessions_done,
            "messages_received_by_clients": figures.received,
            "errors": figures.errors,
            "client_loop_lag": _percentiles(self.loop_lag),
        } | extra


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _percentiles(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"p50_ms": None, "p99_ms": None, "max_ms": None}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return round(ordered[max(math.ceil(p * len(ordered)) - 1, 0)] * 1000, 2)

    return {"p50_ms": rank(0.5), "p99_ms": rank(0.99), "max_ms": rank(1.0)}


def _client_process(setup: Setup, out: Any) -> None:
    try:
        import uvloop

        factory: Any = uvloop.new_event_loop
    except ImportError:  # pragma: no cover — uvicorn[standard] brings it
        factory = None
    try:
        with asyncio.Runner(loop_factory=factory) as runner:
            out.put(runner.run(_Client(setup).run()))
    except BaseException as exc:
        out.put({"failed": repr(exc)})
        raise


# Running it --------------------------------------------------------------------------------


def _measure(name: str, database_url: str, tmp: Path) -> dict[str, Any]:
    prepared = time.monotonic()
    kiosks, desks, http_user = _prepare(database_url)
    prepare_s = time.monotonic() - prepared
    port = _free_port()
    log = tmp / f"backend-{name}.log"
    process = _backend(database_url, port, 1, log)
    url = f"http://127.0.0.1:{port}"
    print(f"live hub on {name}: backend pid {process.pid} at {url}", flush=True)
    try:
        # One greeter signs in over HTTP like the desk app does; the rest use their rows.
        desks[0] = (desks[0][0], _log_in(url, http_user))
        setup = Setup(url=url, backend_pid=process.pid, kiosks=kiosks, desks=desks)
        queue: Any = multiprocessing.Queue()
        client = multiprocessing.Process(target=_client_process, args=(setup, queue))
        client.start()
        figures: dict[str, Any] = queue.get(timeout=WARM_UP_S + MEASURE_S + 300)
        client.join(timeout=30)
        if "failed" in figures:
            raise RuntimeError(f"the client failed: {figures['failed']}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return {"database": name, "prepare_s": round(prepare_s, 1)} | figures


def run(out_dir: str, postgresql_url: str | None) -> None:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in _databases(Path(tmp), postgresql_url):
            figures = _measure(name, url, Path(tmp))
            results.append(figures)
            _print(figures)
    report = {
        "benchmark": "live hub: help alert and mirror update latency over WebSockets",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": os.getloadavg(),
            "note": "2 cores shared by the backend, the client process and anything else "
            "running on the machine at the time",
        },
        "setup": {
            "backend": "firststop backend, 1 worker, loopback",
            "client": "1 process, asyncio (uvloop), websockets client, compression off",
            "locations": len(LOCATIONS),
            "kiosks": KIOSKS,
            "desks": DESKS,
            "concurrent_help_sessions": HELPED,
            "keystroke_interval_s": KEYSTROKE_S,
            "updates_per_session": UPDATES_PER_SESSION,
            "claim_reaction_s": CLAIM_REACTION_S,
            "kiosk_activity_every_s": ACTIVITY_EVERY_S,
            "warm_up_s": WARM_UP_S,
            "measure_s": MEASURE_S,
        },
        "results": results,
    }
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    (path / "live.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"figures written to {path / 'live.json'}")


def _print(figures: dict[str, Any]) -> None:
    def line(label: str, f: dict[str, Any]) -> str:
        return f"{label}: p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms, max {f['max_ms']} ms"

    print(
        "\n".join(
            (
                f"[{figures['database']}]",
                "  "
                + line("help alert (every desk)", figures["help_alert"])
                + f" over {figures['help_alert']['raises']} raises",
                "  "
                + line("help alert (each desk)", figures["help_alert_per_desk"])
                + f" over {figures['help_alert_per_desk']['deliveries']} deliveries, "
                f"{figures['help_alert_per_desk']['lost']} lost",
                "  "
                + line("mirror update", figures["mirror_update"])
                + f" over {figures['mirror_update']['updates']} updates, "
                f"{figures['mirror_update']['lost']} lost",
                f"  backend CPU {figures['backend_cpu_percent_of_one_core']} % of one core, "
                f"RSS {figures['backend_rss_mb_end']} MB (peak {figures['backend_rss_mb_peak']} "
                f"MB); client CPU {figures['client_cpu_percent_of_one_core']} %; "
                f"errors {figures['errors'] or 'none'}",
            )
        ),
        flush=True,
    )


if __name__ == "__main__":
    run(sys.argv[1] if len(sys.argv) > 1 else "build/bench", None)
