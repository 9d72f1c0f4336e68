"""Python's cyclic garbage collected on the UI thread only.

Python runs its cycle collector in whichever thread happens to allocate past the
threshold. When a cycle holds a Qt object's wrapper (a widget and a lambda connected to
one of its signals, say), collecting it deletes the Qt object; done from a worker thread
(the backend client's, the live hub's), that is a Qt object destroyed outside its thread,
and the process can crash ("Garbage-collecting" in a worker thread's stack, then a
segmentation fault). So the apps turn automatic collection off and collect on the UI
thread's event loop instead, with Python's own thresholds, generation by generation: what
Python would have done, at a place where it is safe.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# How often the UI thread looks at the collector's counts (it collects only past them).
CHECK_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """From now on, only the UI thread collects (call it on that thread)."""
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds, as Python's
        automatic collection would; the number of objects found unreachable."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                return gc.collect(generation)
        return 0
