"""Kiosk benchmarks: cold start to an interactive welcome screen, screen transitions, and
memory across 100 journeys. Figures go to ``build/bench/kiosk.json``.

* **Cold start**: a fresh Python process (``python -m tests.perf.bench_kiosk start``) is
  timed from just before it is spawned until it reports the welcome screen drawn, laid out
  and ready for a touch (the Start button shown and enabled, the first frame painted).
  Run from source, offscreen. Several runs; the median and the worst are reported.
* **The real program from source** (``build/bundle/kiosk_entry.py --windowed``, enrolled
  to a backend that is not there, its catalogue cached) on a private Xvfb server, timed
  as ``bench_bundle`` times the bundle: from just before the spawn until the Start button
  is on the X screen; then, 2 s later, its PSS; and, from its own log line, how long its
  background start took (the outbox, the backend client, the live link and the sync
  worker, one per turn of the event loop after the first paint) and the longest any one
  of them held the UI thread. Skipped without Xvfb.
* **Transitions**: in one process, every screen change of every demo journey (the action,
  the new screen built, laid out and painted synchronously with ``repaint()``), timed
  with ``perf_counter``; p50 / p95 / max.
* **Memory**: one process walks 100 journeys (each ending in a privacy wipe), reading its
  resident set size (``/proc/self/statm``) after 10, 50 and 100.

Goals (issue): welcome ≤ 0.4 s from source, transitions ≤ 16 ms p95, RSS ≤ 120 MB with no
growth across 100 journeys.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STARTS = 7
JOURNEYS = 100


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _kiosk(scratch: Path, *, with_outbox: bool = True) -> Any:
    """A kiosk on the demo catalogue. Without the outbox it is what ``firststop kiosk``
    draws first: the database and the client are opened after the first frame."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.settings import KioskSettings
    from shared.catalogue.schemas import Catalogue
    from shared.resources import asset_path

    app = QApplication.instance() or QApplication([])
    settings = KioskSettings(
        config_dir=scratch / "config", data_dir=scratch / "data", locked=False, screen_dpi=96
    )
    catalogue = Catalogue.load(asset_path("catalogue", "demo.json"))
    outbox = None
    if with_outbox:
        from kiosk.outbox import Outbox

        outbox = Outbox(scratch / "outbox.sqlite3", "222")
    kiosk = Kiosk(settings, catalogue, outbox, client=None)
    kiosk.window.resize(1280, 800)
    return app, kiosk


def start_child() -> None:
    """Run in the child: start, and say when the welcome screen is ready for a touch."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as scratch:
        app, kiosk = _kiosk(Path(scratch), with_outbox=False)
        window = kiosk.window
        window.show()
        app.processEvents()
        window.repaint()
        start = window.welcome.start_button
        ready = start.isVisible() and start.isEnabled()
        print(json.dumps({"ready": ready, "rss_mb": round(_rss_mb(), 1)}), flush=True)


def _cold_starts() -> dict[str, Any]:
    times, rss = [], []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for _ in range(STARTS):
        began = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.perf.bench_kiosk", "start"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        ready_at = time.perf_counter() - began
        process.wait(timeout=60)
        report = json.loads(line)
        if not report["ready"]:
            raise RuntimeError("the welcome screen was not ready")
        times.append(ready_at)
        rss.append(report["rss_mb"])
    return {
        "runs": STARTS,
        "median_s": round(statistics.median(times), 3),
        "worst_s": round(max(times), 3),
        "best_s": round(min(times), 3),
        "rss_at_welcome_mb": round(statistics.median(rss), 1),
        "goal_s": 0.4,
    }


def _source_starts() -> dict[str, Any] | None:
    from tests.perf.bench_bundle import ROOT, SETTLE_S, Kiosk, Screen, _memory_mb, _stop

    if shutil.which("Xvfb") is None:
        print("kiosk: the real program's start skipped, Xvfb not installed")
        return None
    times, pss, background, longest = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        screen = Screen(scratch)
        try:
            kiosk = Kiosk(screen, scratch)
            for number in range(STARTS + 1):  # the first warms the page cache
                env = dict(
                    os.environ,
                    DISPLAY=screen.display,
                    QT_QPA_PLATFORM="xcb",
                    PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'build' / 'bundle'}",
                )
                env.update(kiosk.folders())
                log = scratch / f"start-{number}.log"
                screen.wait_clear()
                began = time.perf_counter()
                with log.open("wb") as stderr:
                    process = subprocess.Popen(
                        [
                            sys.executable,
                            str(ROOT / "build" / "bundle" / "kiosk_entry.py"),
                            "--windowed",
                        ],
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                        start_new_session=True,
                    )
                    try:
                        started = screen.wait_for_marker(began, process)
                        time.sleep(SETTLE_S)
                        memory = _memory_mb(process.pid)
                    finally:
                        _stop(process)
                found = re.search(
                    r"background parts started in (\d+) ms \(longest step (\d+) ms\)",
                    log.read_text(),
                )
                if number:
                    times.append(started)
                    pss.append(memory["pss_mb"])
                    if found:
                        background.append(int(found.group(1)))
                        longest.append(int(found.group(2)))
        finally:
            screen.close()
    return {
        "runs": STARTS,
        "spawn_to_start_button_on_screen_s": {
            "p50": round(statistics.median(times), 3),
            "best": round(min(times), 3),
            "worst": round(max(times), 3),
        },
        "pss_at_welcome_mb": statistics.median(pss),
        # From the first paint to the last part started, a turn of the event loop between
        # parts; and the longest any one part held the UI thread (a tap's longest wait).
        "background_start_ms_p50": statistics.median(background) if background else None,
        "background_start_ms_worst": max(background) if background else None,
        "background_longest_step_ms_p50": statistics.median(longest) if longest else None,
        "background_longest_step_ms_worst": max(longest) if longest else None,
        "load_1min_after": round(os.getloadavg()[0], 2),
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _settle(app: Any) -> None:
    """What the event loop does between touches: run what is due, delete what was dropped
    (a page replaced by the next is deleted later, by the loop, never mid-event)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _walk(kiosk: Any, code: str, timings: list[float] | None) -> None:
    """One journey from the services screen to the wipe, timing each screen change."""
    from kiosk.screenshots import answered_step
    from shared.flow import StepKind

    window, journey = kiosk.window, kiosk.journey
    window.welcome.start_requested.emit()
    window.services.service_chosen.emit(code)
    for _ in range(40):
        flow = journey.flow
        if flow is None or flow.finished:
            break
        if flow.step.kind.asks or flow.step.kind is StepKind.FEEDBACK:
            journey.flow = answered_step(flow)
        began = time.perf_counter()
        if flow.step.kind is StepKind.CHECK:
            journey.submit()
        else:
            journey.next()
        window.repaint()
        if timings is not None:
            timings.append((time.perf_counter() - began) * 1000)
    kiosk.wipe("finished")


def _in_process() -> tuple[dict[str, Any], dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from shared.ui.pages.services import kiosk_services

    with tempfile.TemporaryDirectory() as scratch:
        app, kiosk = _kiosk(Path(scratch))
        kiosk.window.show()
        app.processEvents()
        codes = [s.code for s in kiosk_services(kiosk.catalogue) if s.tier < 3]
        gc.collect()
        first: dict[str, float] = {"welcome": round(_rss_mb(), 1)}
        # One warm-up pass: first use of each widget class and style rule.
        for number, code in enumerate(codes):
            _walk(kiosk, code, None)
            _settle(app)
            if number == 0:
                gc.collect()
                first[f"after_one_journey ({code})"] = round(_rss_mb(), 1)
        gc.collect()
        first[f"after_one_journey_of_each ({len(codes)})"] = round(_rss_mb(), 1)
        timings: list[float] = []
        for code in codes:
            _walk(kiosk, code, timings)
            _settle(app)
        transitions = {
            "screens": len(timings),
            "p50_ms": round(_percentile(timings, 0.50), 2),
            "p95_ms": round(_percentile(timings, 0.95), 2),
            "max_ms": round(max(timings), 2),
            "goal_p95_ms": 16,
        }
        rss: dict[str, float] = {}
        for number in range(1, JOURNEYS + 1):
            _walk(kiosk, codes[number % len(codes)], None)
            _settle(app)
            if number in (10, 50, 100):
                gc.collect()
                rss[str(number)] = round(_rss_mb(), 1)
        memory = {
            # With the outbox open: what the background start adds is in it from the start.
            "rss_mb_first_journeys": first,
            "rss_mb_after_journeys": rss,
            "growth_10_to_100_mb": round(rss["100"] - rss["10"], 1),
            "goal_mb": 120,
        }
        kiosk.journey._outbox.close()
    return transitions, memory


def run(out_dir: str) -> None:
    starts = _cold_starts()
    print(json.dumps({"cold_start": starts}), flush=True)
    program = _source_starts()
    print(json.dumps({"program_from_source": program}), flush=True)
    transitions, memory = _in_process()
    print(json.dumps({"transitions": transitions, "memory": memory}), flush=True)
    report = {
        "what": "kiosk from source, offscreen, this machine",
        "cpus": os.cpu_count(),
        "cold_start_to_welcome": starts,
        "program_from_source_on_xvfb": program,
        "screen_transitions": transitions,
        "memory": memory,
    }
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    (path / "kiosk.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"figures written to {path / 'kiosk.json'}")


if __name__ == "__main__":
    if sys.argv[1:] == ["start"]:
        start_child()
    else:
        run(sys.argv[1] if len(sys.argv) > 1 else "build/bench")
