"""Cycles are collected on the UI thread only (shared/ui/collector.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from shared.ui.collector import MainThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_a_cycle_dropped_in_a_worker_thread_is_collected_on_the_ui_thread(qtbot, qapp):
    gc.enable()  # as in an app before the collector starts
    collector = MainThreadCollector(interval_ms=10)
    collector.start()
    try:
        assert not gc.isenabled()
        found: list[weakref.ref[_Node]] = []
        kept: list[list[object]] = []

        def worker() -> None:
            node = _Node()
            found.append(weakref.ref(node))
            del node
            # Far past the first generation's threshold: Python would collect here.
            kept.extend([] for _ in range(gc.get_threshold()[0] * 3))
            assert found[0]() is not None, "collected in the worker thread"

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert found[0]() is not None
        qtbot.waitUntil(lambda: found[0]() is None)
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()  # as the test session keeps it (tests/conftest.py)
