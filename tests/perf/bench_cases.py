"""Case creation over HTTP: CPU per case, cases/s and latency at 1 and 8 concurrent clients.

The backend runs as its own process (``firststop backend``), exactly as deployed, on a
loopback port; clients are separate processes, each with one keep-alive connection,
posting kiosk cases with idempotency keys. The machine has 2 cores: clients and server
share them, so the figures are a floor for a server with cores of its own.

Beside it runs the *floor*: a bare FastAPI app on the same uvicorn, engine settings and
database, whose endpoint does one SQLAlchemy Core insert of a case-shaped row and commits.
The headline figure is the server's CPU per case (user + system time of every server
process over the run, from ``/proc/<pid>/stat``, divided by the cases made), which depends
far less on what else the machine is doing than cases/s; the ratio of the backend's to the
floor's is the goal (at most 2).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from fastapi import FastAPI
from sqlalchemy import Table, create_engine, insert, text
from sqlalchemy.engine import make_url

from casebackend.cases.models import ActorKind, Case
from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.demo import seed_demo
from casebackend.identity import service as identity

BODY = {
    "service_code": "missed_bin",
    "answers": {},
    "place": {"address": "4 Elm Close", "postcode": "NG7 1AA"},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare(database_url: str) -> tuple[str, dict[str, Any]]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        seed_demo(session)
        code, _ = identity.create_enrolment_code(session, "shop", timedelta(hours=1))
    with unit_of_work(sessions) as session:
        enrolment = identity.enrol_device(
            session, code, "bench", public_base_url="http://127.0.0.1"
        )
    from casebackend.catalogue.service import read_catalogue

    with sessions() as session:
        service = read_catalogue(session).service("missed_bin")
    engine.dispose()
    assert service is not None
    answers = {
        a.code: a.values[0].key for a in service.attributes if a.datatype == "singlevaluelist"
    }
    return enrolment.token, BODY | {"answers": answers}


def _client(url: str, token: str, body: dict[str, Any], until: float, out: Any) -> None:
    latencies = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    with requests.Session() as http:
        while time.perf_counter() < until:
            started = time.perf_counter()
            response = http.post(
                f"{url}/api/v1/cases",
                json=body,
                headers=headers | {"Idempotency-Key": uuid.uuid4().hex},
                timeout=30,
            )
            if response.status_code == 201:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
    out.put((latencies, errors))


_FLOOR_DATABASE = "FIRSTSTOP_BENCH_FLOOR_DATABASE_URL"


def floor_app() -> FastAPI:
    """The floor: one Core insert of a case-shaped row and its commit per request (the
    uvicorn factory each floor worker calls; the database comes from the environment)."""
    engine = make_engine(os.environ[_FLOOR_DATABASE])
    table: Table = Case.__table__  # type: ignore[assignment]
    app = FastAPI()

    @app.get("/api/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/cases", status_code=201)
    def create(body: dict[str, Any]) -> dict[str, str]:
        now = datetime.now(UTC)
        reference = uuid.uuid4().hex[:9].upper()
        with engine.begin() as connection:
            connection.execute(
                insert(table).values(
                    reference=reference,
                    service_code=body["service_code"],
                    status="submitted",
                    channel="kiosk",
                    tier=1,
                    description="",
                    answers=body["answers"],
                    address=body["place"]["address"],
                    postcode=body["place"]["postcode"],
                    created_at=now,
                    updated_at=now,
                    source_kind=ActorKind.DEVICE,
                )
            )
        return {"reference": reference}

    return app


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(root: int) -> float:
    """User + system CPU of a process and every live descendant (uvicorn's workers)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        # After the name: state, ppid, ... utime and stime are fields 14 and 15 of stat.
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0.0))[1]
        todo += [child for child, (parent, _) in stats.items() if parent == pid]
    return total


def _run_clients(
    url: str, token: str, body: dict[str, Any], clients: int, seconds: float
) -> list[tuple[list[float], int]]:
    queue: Any = multiprocessing.Queue()
    until = time.perf_counter() + seconds
    procs = [
        multiprocessing.Process(target=_client, args=(url, token, body, until, queue))
        for _ in range(clients)
    ]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    return results


def _measure(
    url: str, token: str, body: dict[str, Any], clients: int, seconds: float, server: int
) -> dict[str, Any]:
    # Warm up every worker process (caches, compiled statements, the connection pool): a
    # keep-alive connection stays with one worker, so eight of them, for up to 2 s.
    _run_clients(url, token, body, 8, min(seconds, 2.0))
    load = os.getloadavg()[0]
    cpu_before = _cpu_seconds(server)
    results = _run_clients(url, token, body, clients, seconds)
    cpu = _cpu_seconds(server) - cpu_before
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    count = len(latencies)
    return {
        "clients": clients,
        "seconds": seconds,
        "cases": count,
        "errors": errors,
        "cases_per_second": round(count / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "p99_ms": round(latencies[int(count * 0.99) - 1] * 1000, 2) if latencies else None,
        # Requests that failed cost CPU too: divided by every request, not only the 201s.
        "cpu_ms_per_case": round(cpu / (count + errors) * 1000, 3) if count + errors else None,
        # The machine's 1-minute load when the run began: above ~0.7 others were busy too.
        "load_1min": round(load, 2),
    }


def _backend(
    app: str, database_url: str, port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    if app == "backend":
        env = os.environ | {"FIRSTSTOP_BACKEND_DATABASE_URL": database_url}
        command = [sys.executable, "-m", "firststop", "backend", "--port", str(port)]
        if workers > 1:
            command += ["--workers", str(workers)]
    else:
        env = os.environ | {_FLOOR_DATABASE: database_url}
        command = [
            *(sys.executable, "-m", "uvicorn", f"{__name__}:floor_app", "--factory"),
            *("--port", str(port), "--workers", str(workers), "--no-access-log"),
            *("--log-level", "warning"),
        ]
    # The log goes to a file: a pipe nobody reads would fill and stall the backend.
    with log.open("ab") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=sink)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).ok:
                return process
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the backend did not start: " + log.read_text()[-2000:])


def _postgresql_database(postgresql_url: str, *, create: bool) -> str:
    """The benchmark's own database on the server: made afresh, or dropped at the end."""
    name = f"firststop_bench_{os.getpid()}"
    admin = create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if create:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(postgresql_url).set(database=name).render_as_string(False)


def _databases(tmp: Path, postgresql_url: str | None) -> list[tuple[str, str]]:
    found = [("sqlite", f"sqlite:///{tmp / 'bench.sqlite3'}")]
    if postgresql_url:
        found.append(("postgresql", _postgresql_database(postgresql_url, create=True)))
    return found


# Workers per database: SQLite has one writer at a time, so more processes only queue.
WORKERS = {"sqlite": (1,), "postgresql": (1, 2, 4)}


def _ratios(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The backend's CPU per case over the floor's, for each database, workers and clients."""
    floor = {
        (r["database"], r["workers"], r["clients"]): r["cpu_ms_per_case"]
        for r in results
        if r["app"] == "floor"
    }
    ratios = []
    for r in results:
        below = floor.get((r["database"], r["workers"], r["clients"]))
        if r["app"] == "backend" and below and r["cpu_ms_per_case"]:
            ratios.append(
                {
                    "database": r["database"],
                    "workers": r["workers"],
                    "clients": r["clients"],
                    "backend_cpu_ms": r["cpu_ms_per_case"],
                    "floor_cpu_ms": below,
                    "ratio": round(r["cpu_ms_per_case"] / below, 2),
                }
            )
    return ratios


def run(
    out_dir: str, seconds: float, postgresql_url: str | None, apps: tuple[str, ...] = ()
) -> None:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in _databases(Path(tmp), postgresql_url):
            token, body = _prepare(url)
            for app in apps or ("floor", "backend"):
                for workers in WORKERS[name]:
                    port = _free_port()
                    process = _backend(app, url, port, workers, Path(tmp) / "backend.log")
                    try:
                        for clients in (1, 8):
                            figures = _measure(
                                f"http://127.0.0.1:{port}",
                                token,
                                body,
                                clients,
                                seconds,
                                process.pid,
                            )
                            figures = {"app": app, "database": name, "workers": workers} | figures
                            print(json.dumps(figures), flush=True)
                            results.append(figures)
                    finally:
                        process.terminate()
                        process.wait(timeout=30)
    if postgresql_url:
        _postgresql_database(postgresql_url, create=False)
    ratios = _ratios(results)
    for ratio in ratios:
        print(json.dumps(ratio), flush=True)
    report = {
        "benchmark": "case creation over HTTP",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average_at_end": os.getloadavg(),
        "results": results,
        "cpu_ratio_to_floor": ratios,
    }
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    (path / "case_creation.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"figures written to {path / 'case_creation.json'}")
