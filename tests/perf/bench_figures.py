"""The figures over a million cases on PostgreSQL: one month, whole council and one location.

A fresh database is migrated, seeded with the demo council, and bulk-loaded with COPY:
1,000,000 cases over three years (channels, tiers, services, locations, teams, due dates
in working days), their status changes (most resolved, then closed), and kiosk visits,
help requests and ratings in proportion, then vacuumed and analysed. Then
``casebackend.figures.service.report`` is timed, in-process, for November 2026 (whole
council and the shop), 7 times each after one warm-up run; p50 and max go to
``build/bench/figures.json``.

Run with ``python -m tests.perf --only figures --postgresql-url URL`` (PostgreSQL only: a
million cases on SQLite is not how a council of this size would run it).
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url

from casebackend.cases.sla import add_working_days
from casebackend.catalogue.service import read_catalogue
from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.demo import seed_demo
from casebackend.figures.service import report
from casebackend.identity import service as identity
from casebackend.organisation.models import Location, Team
from casebackend.settings import BackendSettings
from shared.references import CaseReference

CASES = 1_000_000
FIRST = datetime(2024, 1, 1, tzinfo=UTC)
LAST = datetime(2026, 12, 4, tzinfo=UTC)
MONTH = (date(2026, 11, 1), date(2026, 11, 30))
NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)
# Shares of the whole, by weight.
CHANNELS = {"kiosk": 30, "assisted_kiosk": 10, "face_to_face": 10, "web": 35, "phone": 10}
CHANNELS |= {"open311": 5}
# Per case: visits, help requests and ratings.
VISITS_PER_CASE = 0.6
HELP_PER_VISIT = 0.15
RATINGS_PER_VISIT = 0.3


def _database(postgresql_url: str) -> str:
    name = f"firststop_bench_figures_{os.getpid()}"
    admin = create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(postgresql_url).set(database=name).render_as_string(hide_password=False)


def _drop(postgresql_url: str, url: str) -> None:
    admin = create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}"'))
    admin.dispose()


def _moment(rng: random.Random) -> datetime:
    span = (LAST - FIRST).total_seconds()
    # Office hours mostly: a uniform day, then 8:00 to 20:00.
    day = FIRST + timedelta(days=int(rng.random() * span / 86400))
    return day + timedelta(seconds=8 * 3600 + rng.random() * 12 * 3600)


def _cases(
    rng: random.Random, services: list[str], locations: list[int], teams: list[int]
) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    channels = list(CHANNELS)
    weights = list(CHANNELS.values())
    dues: dict[date, date] = {}
    for number in range(1, CASES + 1):
        created = _moment(rng)
        channel = rng.choices(channels, weights)[0]
        local = created.date()
        days = rng.choice((5, 10, 20))
        key = local + timedelta(days=days * 10_000)
        if key not in dues:
            dues[key] = add_working_days(local, days)
        due = dues[key] if rng.random() < 0.9 else None
        at_kiosk = channel in ("kiosk", "assisted_kiosk", "face_to_face")
        location = rng.choice(locations) if at_kiosk else None
        changes = [("submitted", created)]
        age = (LAST - created).days
        moment = created
        if rng.random() < 0.8:
            moment += timedelta(hours=rng.uniform(1, 48))
            changes.append(("triaged", moment))
        finished = rng.random() < min(0.97, 0.2 + age / 40)
        if finished:
            moment += timedelta(days=rng.expovariate(1 / 8))
            if moment < LAST:
                changes.append(("resolved", moment))
                changes.append(("closed", moment + timedelta(days=3)))
        status = changes[-1][0]
        row = (
            str(CaseReference.issue("ZZZ", number)),
            rng.choice(services),
            status,
            channel,
            rng.choice((1, 1, 1, 2, 2, 3)),
            "",
            "{}",
            location,
            rng.choice(teams) if rng.random() < 0.95 else None,
            due,
            created,
            changes[-1][1],
            "system",
        )
        yield row, changes


def _load(engine: Engine, seed: int = 13) -> dict[str, int]:  # noqa: PLR0915 (one load, in order)
    rng = random.Random(seed)
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        seed_demo(session)
        locations = dict(session.execute(select(Location.code, Location.id)).all())
        teams = list(session.scalars(select(Team.id)))
        services = [s.code for s in read_catalogue(session).services]
        devices = {}
        for code, location_id in locations.items():
            enrolment_code, _ = identity.create_enrolment_code(session, code, timedelta(hours=1))
            enrolment = identity.enrol_device(
                session, enrolment_code, f"bench-{code}", public_base_url="http://127.0.0.1"
            )
            devices[location_id] = enrolment.device_id
    counts = {"cases": 0, "status_changes": 0, "visits": 0, "help_sessions": 0, "ratings": 0}
    raw = engine.raw_connection()
    try:
        cursor: Any = raw.cursor()
        case_columns = (
            "reference, service_code, status, channel, tier, description, answers, location_id,"
            " team_id, sla_due, created_at, updated_at, source_kind"
        )
        pending: list[list[tuple[Any, ...]]] = []
        with cursor.copy(f"COPY cases ({case_columns}) FROM STDIN") as copy:
            for row, changes in _cases(rng, services, list(locations.values()), teams):
                copy.write_row(row)
                pending.append(changes)
                counts["cases"] += 1
        # Cases were numbered in order: the n-th row copied has id n in a fresh table.
        cursor.execute("SELECT min(id) FROM cases WHERE reference LIKE 'ZZZ%'")
        first_id = cursor.fetchone()[0]
        change_columns = "case_id, status, at, actor_kind, actor_label, channel, public_note"
        with cursor.copy(f"COPY case_status_changes ({change_columns}) FROM STDIN") as copy:
            for offset, changes in enumerate(pending):
                for status, moment in changes:
                    copy.write_row(
                        (first_id + offset, status, moment, "system", "system", "web", "")
                    )
                    counts["status_changes"] += 1
        pending.clear()
        outcomes = ["submitted", "tracked", "informed", "left", "timed_out"]
        visit_columns = (
            "id, device_id, location_id, started_at, ended_at, received_at, language,"
            " service_code, outcome, case_reference, help_requested, helped"
        )
        help_rows: list[tuple[Any, ...]] = []
        rating_rows: list[tuple[Any, ...]] = []
        with cursor.copy(f"COPY visits ({visit_columns}) FROM STDIN") as copy:
            for _ in range(int(CASES * VISITS_PER_CASE)):
                location = rng.choice(list(locations.values()))
                ended = _moment(rng)
                visit_id = uuid.UUID(int=rng.getrandbits(128)).hex
                asked = rng.random() < HELP_PER_VISIT
                helped = asked and rng.random() < 0.85
                copy.write_row(
                    (
                        visit_id,
                        devices[location],
                        location,
                        ended - timedelta(minutes=rng.uniform(1, 15)),
                        ended,
                        ended,
                        rng.choice(("en", "en", "en", "pl", "ur")),
                        rng.choice(services),
                        rng.choices(outcomes, (45, 20, 15, 12, 8))[0],
                        None,
                        asked,
                        helped,
                    )
                )
                counts["visits"] += 1
                if asked:
                    raised = ended - timedelta(minutes=rng.uniform(1, 10))
                    claimed = raised + timedelta(seconds=rng.expovariate(1 / 90))
                    help_rows.append(
                        (
                            uuid.UUID(int=rng.getrandbits(128)).hex,
                            devices[location],
                            location,
                            raised,
                            "{}",
                            claimed if helped else None,
                            1 if helped else 0,
                            ended,
                            "resolved" if helped else "gave_up",
                        )
                    )
                if rng.random() < RATINGS_PER_VISIT:
                    rating_rows.append(
                        (
                            ended,
                            "kiosk",
                            rng.choices(("good", "average", "poor"), (70, 20, 10))[0],
                            location,
                            rng.choice(services),
                            visit_id,
                        )
                    )
        help_columns = (
            "id, device_id, location_id, raised_at, context, first_claimed_at, claims, ended_at,"
            " end_reason"
        )
        with cursor.copy(f"COPY help_sessions ({help_columns}) FROM STDIN") as copy:
            for row in help_rows:
                copy.write_row(row)
        counts["help_sessions"] = len(help_rows)
        rating_columns = "at, channel, rating, location_id, service_code, visit_id"
        with cursor.copy(f"COPY satisfaction_responses ({rating_columns}) FROM STDIN") as copy:
            for row in rating_rows:
                copy.write_row(row)
        counts["ratings"] = len(rating_rows)
        raw.commit()
    finally:
        raw.close()
    # As autovacuum would leave the tables after a bulk load: statistics for the planner, and
    # the visibility map that lets index-only scans skip the table.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    return counts


def _time(engine: Engine, location: str | None, runs: int) -> dict[str, Any]:
    sessions = make_session_factory(engine)
    settings = BackendSettings(database_url=engine.url.render_as_string(hide_password=False))
    with sessions() as session:
        catalogue = read_catalogue(session)
    seconds = []
    for _ in range(runs + 1):
        with sessions() as session:
            started = time.perf_counter()
            found = report(
                session,
                settings,
                catalogue,
                first=MONTH[0],
                last=MONTH[1],
                location_code=location,
                now=NOW,
            )
            seconds.append(time.perf_counter() - started)
    seconds = seconds[1:]  # the first run warms the caches
    return {
        "location": location or "(whole council)",
        "runs": runs,
        "cases_in_month": found.cases,
        "p50_s": round(statistics.median(seconds), 3),
        "max_s": round(max(seconds), 3),
    }


def run(out_dir: str, postgresql_url: str | None, runs: int = 7, *, keep: bool = False) -> None:
    if not postgresql_url:
        print("figures benchmark skipped: it needs --postgresql-url")
        return
    url = _database(postgresql_url)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        started = time.perf_counter()
        counts = _load(engine)
        load_s = round(time.perf_counter() - started, 1)
        print(json.dumps({"loaded": counts, "seconds": load_s}), flush=True)
        results = []
        for location in (None, "shop"):
            figures = _time(engine, location, runs)
            print(json.dumps(figures), flush=True)
            results.append(figures)
    finally:
        engine.dispose()
        if not keep:
            _drop(postgresql_url, url)
    result = {
        "benchmark": "figures report over a million cases (PostgreSQL)",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "period": [MONTH[0].isoformat(), MONTH[1].isoformat()],
        "data": counts,
        "load_seconds": load_s,
        "results": results,
    }
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    (path / "figures.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"figures written to {path / 'figures.json'}")
