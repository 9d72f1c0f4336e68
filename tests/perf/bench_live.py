"""The live hub: help alert and mirror update latency, 500 kiosks and 100 desks, real sockets.

The backend runs as its own process (``firststop backend``, one worker) on a loopback port,
exactly as deployed; or two of them on one PostgreSQL database with the cross-process live
broker, the kiosks on one and the desks on the other. The load comes from three client
processes, each one asyncio loop (uvloop) with the ``websockets`` client (compression off,
as the apps' ``QWebSocket`` has none): one holds the 100 desks (25 greeters at each of the
4 demo locations, each at ``/live?location=CODE`` with a staff session token), two hold 250
kiosks each (some at every location, each saying ``kiosk.hello``).

While it runs, 40 customers at a time (10 a location) press Help me on a kiosk; one greeter
at the location claims after a short reaction time; the kiosk then streams its screen (a
six-field ScreenState of a few kB) every 200 to 300 ms, like someone typing, until the greeter
closes the request with an outcome, and the customer moves on to another kiosk. Meanwhile
the other kiosks change what they are doing (``kiosk.activity``) every 20 s or so each. The
processes share nothing but the hub: a request's id says which greeter claims it and after
how many screens it is closed.

* **Alert latency**: a kiosk sends ``help.raise`` → the last desk at its location has the
  ``help.raised`` for that id (and each desk's own delivery).
* **Mirror latency**: a kiosk sends ``screen.update`` → the claiming desk has it.

Send and receive times are ``time.monotonic()``, CLOCK_MONOTONIC on Linux: one clock for
every process. Each client process also measures how late its own loop wakes up, its share
of any latency; its garbage collector is off while it measures (what connecting made is
frozen first), so the client's own pauses are not counted as the hub's. The backend's CPU
(user + system) and memory (RSS, peak) come from ``/proc/<pid>``. The machine's cores are
shared by the backends and the clients, so every figure is a floor.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
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
from collections.abc import Iterator
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
from casebackend.settings import ENV_PREFIX, BackendSettings
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


# Watching the backend ----------------------------------------------------------------------


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


# The client processes ----------------------------------------------------------------------

# Kiosks are spread over this many processes; the desks have one of their own.
KIOSK_PROCESSES = 2


def _help_id(greeter: int, updates: int) -> str:
    """A fresh request id that also says which greeter claims it and after how many screens
    it is closed: the client processes share nothing but the hub."""
    return f"{greeter:04x}{updates:02x}{uuid.uuid4().hex[6:]}"


def _plan(help_id: str) -> tuple[int, int]:
    return int(help_id[:4], 16), int(help_id[4:6], 16)


@dataclass
class _Peer:
    index: int  # among all the kiosks, or all the desks
    location: str
    token: str
    socket: Any = None
    busy: bool = False
    activity: KioskActivity = KioskActivity.IDLE
    # help id -> set when the kiosk hears it was claimed / ended.
    claimed: dict[str, asyncio.Event] = field(default_factory=dict)
    ended: dict[str, asyncio.Event] = field(default_factory=dict)


@dataclass
class _Part:
    """One client process's share: its sockets, the backend they use, and (for kiosks) the
    customers it runs and the greeters at each location."""

    role: str  # "desks" or "kiosks"
    url: str
    peers: list[tuple[int, str, str]]  # index, location code, token
    customers: list[str] = field(default_factory=list)  # the location of each
    greeters: dict[str, list[int]] = field(default_factory=dict)


class _ClientLoop:
    """One client process's event loop. Times are ``time.monotonic()``: CLOCK_MONOTONIC,
    one clock for every process on the machine, so a send in a kiosks' process and the
    receipt in the desks' process are compared directly."""

    def __init__(self, part: _Part, pipe: Any) -> None:
        self.part = part
        self.pipe = pipe
        self.peers = [_Peer(n, location, token) for n, location, token in part.peers]
        self.window = (math.inf, math.inf)
        self.stopping = False
        self.lag: list[float] = []
        self.errors: dict[str, int] = {}
        self.received = 0
        self.tasks: set[asyncio.Future[None]] = set()
        self.readers: list[asyncio.Future[None]] = []
        # Desks: help id -> desk -> receipt; (help id, sequence) -> receipt at the claimer.
        self.alerts: dict[str, dict[int, float]] = {}
        self.doubled: dict[str, int] = {}
        self.screen_seen: dict[tuple[str, int], float] = {}
        self.screen_elsewhere = 0
        self.closing: set[str] = set()
        # Kiosks: help id -> (send time, location); (help id, sequence) -> send time.
        self.raised_at: dict[str, tuple[float, str]] = {}
        self.screen_sent: dict[tuple[str, int], float] = {}
        self.activity_changes = 0
        self.sessions_done = 0
        self.stuck = 0

    def _spawn(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _ask(self) -> Any:
        """The parent's next word (blocking, so off the loop)."""
        return await asyncio.to_thread(self.pipe.recv)

    def _error(self, message: dict[str, Any]) -> None:
        code = str(message.get("code"))
        self.errors[code] = self.errors.get(code, 0) + 1

    async def _connect_all(self) -> None:
        from websockets.asyncio.client import connect

        gate = asyncio.Semaphore(CONNECT_AT_ONCE)
        desks = self.part.role == "desks"

        async def one(peer: _Peer) -> None:
            async with gate:
                query = f"?location={peer.location}" if desks else ""
                peer.socket = await connect(
                    self.part.url + query,
                    additional_headers={"Authorization": f"Bearer {peer.token}"},
                    compression=None,
                    max_size=4 * 1024 * 1024,
                    open_timeout=120,
                    ping_interval=None,
                )
                if not desks:
                    await peer.socket.send(write_message(KioskHello(activity=KioskActivity.IDLE)))
                # A desk listens before it reads the picture: news of kiosks connecting
                # elsewhere can come before its welcome.
                first = json.loads(await peer.socket.recv())
                while first["type"] not in ("desk.welcome", "kiosk.welcome", "error"):
                    first = json.loads(await peer.socket.recv())
                if first["type"] not in ("desk.welcome", "kiosk.welcome"):
                    raise RuntimeError(f"a {self.part.role[:-1]} was refused: {first}")
            reader = self._desk_reader(peer) if desks else self._kiosk_reader(peer)
            self.readers.append(asyncio.ensure_future(reader))

        await asyncio.gather(*(one(peer) for peer in self.peers))

    async def _lag(self) -> None:
        """How late this loop wakes up: its share of any latency measured."""
        while not self.stopping:
            before = time.monotonic()
            await asyncio.sleep(0.02)
            if self.window[0] <= before < self.window[1]:
                self.lag.append(time.monotonic() - before - 0.02)

    async def run(self) -> dict[str, Any]:
        started = time.monotonic()
        await self._connect_all()
        connect_s = time.monotonic() - started
        # The client's own collections are not the hub's latency: what connecting made is
        # frozen, and the collector stays off while it measures.
        gc.collect()
        gc.freeze()
        gc.disable()
        self.pipe.send("ready")
        self.window = await self._ask()
        self._spawn(self._lag())
        if self.part.role == "kiosks":
            for location in self.part.customers:
                self._spawn(self._customer(location))
            self._spawn(self._background())
        await asyncio.sleep(self.window[0] - time.monotonic())
        cpu = time.process_time()
        await asyncio.sleep(self.window[1] - time.monotonic())
        cpu = time.process_time() - cpu
        if self.part.role == "kiosks":
            # Every customer finishes: their desks close what they claimed.
            self.stopping = True
            await asyncio.wait(tuple(self.tasks), timeout=60)
        else:
            await self._ask()  # every kiosk has finished
            self.stopping = True
        for peer in self.peers:
            await peer.socket.close()
        return self._results(connect_s, cpu)

    def _results(self, connect_s: float, cpu: float) -> dict[str, Any]:
        return {
            "role": self.part.role,
            "connections": len(self.peers),
            "connect_s": round(connect_s, 2),
            "lag": self.lag,
            "cpu_s": cpu,
            "errors": self.errors,
            "received": self.received,
            "alerts": self.alerts,
            "doubled": self.doubled,
            "screen_seen": self.screen_seen,
            "screen_elsewhere": self.screen_elsewhere,
            "raised_at": self.raised_at,
            "screen_sent": self.screen_sent,
            "activity_changes": self.activity_changes,
            "sessions_done": self.sessions_done,
            "stuck": self.stuck,
        }

    # Desks

    async def _desk_reader(self, peer: _Peer) -> None:
        async for raw in peer.socket:
            now = time.monotonic()
            self.received += 1
            message = json.loads(raw)
            kind = message["type"]
            if kind == "help.raised":
                help_id = message["request"]["id"]
                got = self.alerts.setdefault(help_id, {})
                if peer.index in got:
                    self.doubled[help_id] = self.doubled.get(help_id, 0) + 1
                got[peer.index] = min(got.get(peer.index, now), now)
                if _plan(help_id)[0] == peer.index:
                    self._spawn(self._claim(peer, help_id))
            elif kind == "screen.update":
                help_id, sequence = message["help_id"], message["sequence"]
                greeter, updates = _plan(help_id)
                if greeter != peer.index:
                    self.screen_elsewhere += 1
                    continue
                self.screen_seen.setdefault((help_id, sequence), now)
                if sequence == updates and help_id not in self.closing:
                    self.closing.add(help_id)
                    self._spawn(self._close(peer, help_id))
            elif kind == "error":
                self._error(message)

    async def _claim(self, peer: _Peer, help_id: str) -> None:
        await asyncio.sleep(random.uniform(*CLAIM_REACTION_S))
        await peer.socket.send(write_message(HelpClaim(help_id=help_id)))

    async def _close(self, peer: _Peer, help_id: str) -> None:
        await asyncio.sleep(random.uniform(*KEYSTROKE_S))
        close = HelpClose(help_id=help_id, outcome=HelpOutcome.RESOLVED_AT_KIOSK)
        await peer.socket.send(write_message(close))

    # Kiosks

    async def _kiosk_reader(self, peer: _Peer) -> None:
        async for raw in peer.socket:
            self.received += 1
            message = json.loads(raw)
            kind = message["type"]
            if kind == "help.claimed" and message["help_id"] in peer.claimed:
                peer.claimed[message["help_id"]].set()
            elif kind == "help.ended" and message["help_id"] in peer.ended:
                peer.ended[message["help_id"]].set()
            elif kind == "error":
                self._error(message)

    async def _customer(self, location: str) -> None:
        """One customer after another at ``location``: help, claim, typing, close."""
        while not self.stopping:
            free = [k for k in self.peers if k.location == location and not k.busy]
            kiosk = random.choice(free)
            kiosk.busy = True
            updates = random.randint(*UPDATES_PER_SESSION)
            help_id = _help_id(random.choice(self.part.greeters[location]), updates)
            claimed = kiosk.claimed[help_id] = asyncio.Event()
            ended = kiosk.ended[help_id] = asyncio.Event()
            text = write_message(HelpRaise(help_id=help_id, context=_context()))
            self.raised_at[help_id] = (time.monotonic(), location)
            await kiosk.socket.send(text)
            try:
                await asyncio.wait_for(claimed.wait(), 30)
                typed = ""
                for sequence in range(1, updates + 1):
                    typed += random.choice("abcdefghijklmnopqrstuvwxyz.@")
                    text = _screen(help_id, sequence, typed)
                    self.screen_sent[(help_id, sequence)] = time.monotonic()
                    await kiosk.socket.send(text)
                    await asyncio.sleep(random.uniform(*KEYSTROKE_S))
                await asyncio.wait_for(ended.wait(), 30)
                self.sessions_done += 1
            except TimeoutError:
                self.stuck += 1
            del kiosk.claimed[help_id], kiosk.ended[help_id]
            kiosk.busy = False
            await asyncio.sleep(random.uniform(0.5, 1.5))

    async def _background(self) -> None:
        """Kiosks not being helped change what they are doing now and then."""
        rate = len(self.peers) / ACTIVITY_EVERY_S
        while not self.stopping:
            await asyncio.sleep(random.expovariate(rate))
            kiosk = random.choice(self.peers)
            if kiosk.busy:
                continue
            kiosk.activity = (
                KioskActivity.IN_JOURNEY
                if kiosk.activity is KioskActivity.IDLE
                else KioskActivity.IDLE
            )
            await kiosk.socket.send(write_message(KioskActivityChange(activity=kiosk.activity)))
            if self.window[0] <= time.monotonic() < self.window[1]:
                self.activity_changes += 1


def _client_process(part: _Part, pipe: Any) -> None:
    import uvloop

    try:
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            pipe.send(runner.run(_ClientLoop(part, pipe).run()))
    except BaseException as exc:
        pipe.send({"failed": repr(exc)})
        raise


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _percentiles(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return round(ordered[max(math.ceil(p * len(ordered)) - 1, 0)] * 1000, 2)

    return {"p50_ms": rank(0.5), "p95_ms": rank(0.95), "p99_ms": rank(0.99), "max_ms": rank(1.0)}


def _summary(
    window: tuple[float, float], desks: _Part, results: list[dict[str, Any]]
) -> dict[str, Any]:
    begin, end = window
    seen, kiosks = results[0], results[1:]
    raised_at = {k: v for r in kiosks for k, v in r["raised_at"].items()}
    screen_sent = {k: v for r in kiosks for k, v in r["screen_sent"].items()}
    location_desks: dict[str, list[int]] = {}
    for index, location, _ in desks.peers:
        location_desks.setdefault(location, []).append(index)
    alert_all: list[float] = []
    slow: list[tuple[float, float, float]] = []
    alert_each: list[float] = []
    lost_alerts = doubled = raises = 0
    for help_id, (sent, location) in raised_at.items():
        if not begin <= sent < end:
            continue
        raises += 1
        got = seen["alerts"].get(help_id, {})
        expected = location_desks[location]
        missing = [d for d in expected if d not in got]
        lost_alerts += len(missing)
        doubled += seen["doubled"].get(help_id, 0)
        each = [got[d] - sent for d in expected if d in got]
        alert_each += each
        if not missing:
            alert_all.append(max(each))
            # The slowest: when, and whether every desk was late (the hub was slow
            # before it fanned out) or only some (the fan-out, or a client).
            slow.append((max(each), sent - begin, min(each)))
    mirror: list[float] = []
    slow_mirror: list[tuple[float, float]] = []
    lost_screens = 0
    for key, sent in screen_sent.items():
        if not begin <= sent < end:
            continue
        if key in seen["screen_seen"]:
            mirror.append(seen["screen_seen"][key] - sent)
            slow_mirror.append((mirror[-1], sent - begin))
        else:
            lost_screens += 1
    sample = _screen(uuid.uuid4().hex, 12, "agnieszka.k@exa")
    read_message(sample, "kiosk")  # the hub would accept it
    errors: dict[str, int] = {}
    for result in results:
        for code, count in result["errors"].items():
            errors[code] = errors.get(code, 0) + count
    return {
        "measured_s": round(end - begin, 1),
        # time.monotonic() at the window's start: CLOCK_MONOTONIC, the same in every
        # process, to line the figures up with a profile of the backend.
        "window_monotonic_start": round(begin, 3),
        "help_alert": _percentiles(alert_all)
        | {
            "raises": raises,
            "raises_per_s": round(raises / (end - begin), 1),
            "lost": lost_alerts,
            "doubled": doubled,
            "over_10_ms": sum(1 for x in alert_all if x > 0.01),
            "slowest": [
                {"at_s": round(at, 2), "last_desk_ms": _ms(last), "first_desk_ms": _ms(first)}
                for last, at, first in sorted(slow, reverse=True)[:8]
            ],
        },
        "help_alert_per_desk": _percentiles(alert_each) | {"deliveries": len(alert_each)},
        # The first desk's alert to the last's: the fan-out (and the desks' client) alone.
        "help_alert_fan_out": _percentiles([last - first for last, _, first in slow]),
        "mirror_update": _percentiles(mirror)
        | {
            "updates": len(mirror),
            "updates_per_s": round(len(mirror) / (end - begin), 1),
            "lost": lost_screens,
            "to_other_desks": seen["screen_elsewhere"],
            "message_bytes": len(sample.encode()),
            "over_10_ms": sum(1 for x in mirror if x > 0.01),
            "slowest": [
                {"at_s": round(at, 2), "ms": _ms(late)}
                for late, at in sorted(slow_mirror, reverse=True)[:8]
            ],
        },
        "kiosk_activity_changes_per_s": round(
            sum(r["activity_changes"] for r in kiosks) / (end - begin), 1
        ),
        "help_sessions_completed": sum(r["sessions_done"] for r in kiosks),
        "help_sessions_stuck": sum(r["stuck"] for r in kiosks),
        "messages_received_by_clients": sum(r["received"] for r in results),
        "errors": errors,
        "client_loops": [
            {
                "role": r["role"],
                "connections": r["connections"],
                "connect_s": r["connect_s"],
                "cpu_percent_of_one_core": round(100 * r["cpu_s"] / (end - begin), 1),
                "loop_lag": _percentiles(r["lag"]),
            }
            for r in results
        ],
    }


def _parts(
    kiosks: list[tuple[str, str]], desks: list[tuple[str, str]], kiosk_url: str, desk_url: str
) -> list[_Part]:
    """The desks in one process, the kiosks (and customers) shared out over the others,
    each of those with some kiosks and customers at every location."""
    greeters: dict[str, list[int]] = {}
    for n, (location, _) in enumerate(desks):
        greeters.setdefault(location, []).append(n)
    locations = sorted(greeters)
    parts = [
        _Part(
            "desks",
            desk_url.replace("http://", "ws://") + "/live",
            [(n, location, token) for n, (location, token) in enumerate(desks)],
        )
    ]
    for p in range(KIOSK_PROCESSES):
        share = [(n, loc, token) for n, (loc, token) in enumerate(kiosks)]
        parts.append(
            _Part(
                "kiosks",
                kiosk_url.replace("http://", "ws://") + "/live",
                [peer for peer in share if peer[0] // len(locations) % KIOSK_PROCESSES == p],
                customers=[
                    locations[n % len(locations)]
                    for n in range(HELPED)
                    if n // len(locations) % KIOSK_PROCESSES == p
                ],
                greeters=greeters,
            )
        )
    return parts


def _answer(pipe: Any, timeout: float) -> Any:
    if not pipe.poll(timeout):
        raise RuntimeError("a client process did not answer in time")
    answer = pipe.recv()
    if isinstance(answer, dict) and "failed" in answer:
        raise RuntimeError(f"a client process failed: {answer['failed']}")
    return answer


def _drive(parts: list[_Part], backends: list[int]) -> dict[str, Any]:
    """Start the client processes, let them connect, then measure one window."""
    context = multiprocessing.get_context("spawn")
    idle = [_proc_stat(pid)[1] for pid in backends]
    pipes: list[Any] = []
    processes = []
    for part in parts:
        mine, theirs = context.Pipe()
        process = context.Process(target=_client_process, args=(part, theirs), daemon=True)
        process.start()
        pipes.append(mine)
        processes.append(process)
    try:
        for pipe in pipes:
            _answer(pipe, 300)
        connected = [_proc_stat(pid)[1] for pid in backends]
        start = time.monotonic() + WARM_UP_S
        window = (start, start + MEASURE_S)
        for pipe in pipes:
            pipe.send(window)
        time.sleep(max(window[0] - time.monotonic(), 0))
        load_before = os.getloadavg()[0]
        before = [_proc_stat(pid) for pid in backends]
        sampled: list[list[int]] = []
        while time.monotonic() < window[1]:
            time.sleep(1.0)
            sampled.append([_proc_stat(pid)[1] for pid in backends])
        after = [_proc_stat(pid) for pid in backends]
        load_after = os.getloadavg()[0]
        results = [{}] + [_answer(pipe, 120) for pipe in pipes[1:]]
        time.sleep(DRAIN_S)
        pipes[0].send("stop")
        results[0] = _answer(pipes[0], 60)
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    window_s = window[1] - window[0]
    return _summary(window, parts[0], results) | {
        "load_average_1_min": {"window_start": load_before, "window_end": load_after},
        "backends": [
            {
                "cpu_percent_of_one_core": round(100 * (end[0] - begin[0]) / window_s, 1),
                "rss_mb_before_connections": round(idle[n] / 2**20, 1),
                "rss_mb_connected": round(connected[n] / 2**20, 1),
                "rss_mb_end": round(end[1] / 2**20, 1),
                "rss_mb_max_sampled": round(max(s[n] for s in sampled) / 2**20, 1),
                "rss_mb_peak": round(end[2] / 2**20, 1),
            }
            for n, (begin, end) in enumerate(zip(before, after, strict=True))
        ],
    }


# Running it --------------------------------------------------------------------------------


def _cross_process_broker() -> bool:
    return "live_broker" in BackendSettings.model_fields


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """``values`` in the environment the backend processes started inside inherit."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def _measure(
    name: str, database_url: str, processes: int, prepared: tuple[Any, Any, str], tmp: Path
) -> dict[str, Any]:
    """One scenario: ``processes`` backends on ``database_url``; with two, the kiosks use
    the first and the desks the second, and the live hub spans them through PostgreSQL."""
    kiosks, desks, http_user = prepared
    scenario = {"scenario": f"{processes} process{'es' if processes > 1 else ''}, {name}"}
    environment = {}
    if processes > 1:
        if not _cross_process_broker():
            return scenario | {"measured": False, "why": "no cross-process live broker yet"}
        environment = {f"{ENV_PREFIX}LIVE_BROKER": "postgresql"}
    backends: list[tuple[subprocess.Popen[bytes], str]] = []
    try:
        with _environment(environment):
            for n in range(processes):
                port = _free_port()
                log = tmp / f"backend-{name}-{processes}-{n}.log"
                backend = _backend("backend", database_url, port, 1, log)
                backends.append((backend, f"http://127.0.0.1:{port}"))
        kiosk_url, desk_url = backends[0][1], backends[-1][1]
        pids = [process.pid for process, _ in backends]
        print(f"live hub, {scenario['scenario']}: backend pids {pids}", flush=True)
        # One greeter signs in over HTTP like the desk app does; the rest use their rows.
        desks = [(desks[0][0], _log_in(desk_url, http_user)), *desks[1:]]
        figures = _drive(_parts(kiosks, desks, kiosk_url, desk_url), pids)
    finally:
        for process, _ in backends:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return scenario | {"measured": True} | figures


def run(out_dir: str, postgresql_url: str | None) -> None:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in _databases(Path(tmp), postgresql_url):
            started = time.monotonic()
            prepared = _prepare(url)
            print(f"live hub: {name} prepared in {time.monotonic() - started:.0f} s", flush=True)
            for processes in (1,) if name == "sqlite" else (1, 2):
                figures = _measure(name, url, processes, prepared, Path(tmp))
                results.append(figures)
                _print(figures)
    report = {
        "benchmark": "live hub: help alert and mirror update latency over WebSockets",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "note": "the backends, the client processes and anything else running on the "
            "machine at the time share its cores",
        },
        "setup": {
            "backend": "firststop backend, 1 worker a process, loopback",
            "clients": f"1 process for the desks, {KIOSK_PROCESSES} for the kiosks; asyncio "
            "(uvloop), websockets client, compression off, their collector off while measuring",
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
    if not figures["measured"]:
        print(f"[{figures['scenario']}] not measured: {figures['why']}", flush=True)
        return

    def line(label: str, f: dict[str, Any]) -> str:
        return (
            f"{label}: p50 {f['p50_ms']}, p95 {f['p95_ms']}, p99 {f['p99_ms']}, "
            f"max {f['max_ms']} ms"
        )

    alert, mirror = figures["help_alert"], figures["mirror_update"]
    backends = ", ".join(
        f"{b['cpu_percent_of_one_core']} % of a core, RSS {b['rss_mb_end']} MB"
        for b in figures["backends"]
    )
    loops = ", ".join(
        f"{c['role']} {c['loop_lag']['p99_ms']} ms ({c['cpu_percent_of_one_core']} %)"
        for c in figures["client_loops"]
    )
    print(
        "\n".join(
            (
                f"[{figures['scenario']}] load {figures['load_average_1_min']}",
                f"  {line('help alert (every desk)', alert)} over {alert['raises']} raises, "
                f"{alert['lost']} lost, {alert['doubled']} doubled",
                f"  {line('mirror update', mirror)} over {mirror['updates']} updates, "
                f"{mirror['lost']} lost",
                f"  backend {backends}; client loop lag p99 {loops}",
                f"  errors {figures['errors'] or 'none'}, "
                f"stuck sessions {figures['help_sessions_stuck']}",
            )
        ),
        flush=True,
    )


if __name__ == "__main__":
    run(sys.argv[1] if len(sys.argv) > 1 else "build/bench", None)
