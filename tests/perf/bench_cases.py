"""Case creation over HTTP: cases/s and latency at 1 and 8 concurrent clients.

The backend runs as its own process (``firststop backend``), exactly as deployed, on a
loopback port; clients are separate processes, each with one keep-alive connection,
posting kiosk cases with idempotency keys. The machine has 2 cores: clients and server
share them, so the figures are a floor for a server with cores of its own.
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
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

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


def _measure(
    url: str, token: str, body: dict[str, Any], clients: int, seconds: float
) -> dict[str, Any]:
    # Warm up: first requests fill caches and the connection pool.
    with requests.Session() as http:
        for _ in range(20):
            http.post(
                f"{url}/api/v1/cases",
                json=body,
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
                timeout=30,
            ).raise_for_status()
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
    }


def _backend(database_url: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {"FIRSTSTOP_BACKEND_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "firststop", "backend", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
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


def _databases(tmp: Path, postgresql_url: str | None) -> list[tuple[str, str]]:
    found = [("sqlite", f"sqlite:///{tmp / 'bench.sqlite3'}")]
    if postgresql_url:
        name = f"firststop_bench_{os.getpid()}"
        admin = create_engine(postgresql_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        found.append(
            ("postgresql", make_url(postgresql_url).set(database=name).render_as_string(False))
        )
    return found


def run(out_dir: str, seconds: float, postgresql_url: str | None) -> None:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in _databases(Path(tmp), postgresql_url):
            token, body = _prepare(url)
            for workers in (1, 2):
                port = _free_port()
                process = _backend(url, port, workers, Path(tmp) / "backend.log")
                try:
                    for clients in (1, 8):
                        figures = _measure(
                            f"http://127.0.0.1:{port}", token, body, clients, seconds
                        )
                        figures |= {"database": name, "workers": workers}
                        print(json.dumps(figures), flush=True)
                        results.append(figures)
                finally:
                    process.terminate()
                    process.wait(timeout=30)
    report = {
        "benchmark": "case creation over HTTP",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "results": results,
    }
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    (path / "case_creation.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"figures written to {path / 'case_creation.json'}")
