"""The Qt binding itself: a release that would crash a long-running kiosk is refused here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal()
    carried = Signal(str, object)


def test_emitting_signals_from_python_does_not_leak_references():
    # PySide6 6.12.0 on Python 3.11 dropped a reference to True on every emit; a kiosk
    # emitting for hours then aborted with "bool_dealloc". pyproject.toml keeps it out.
    emitter = _Emitter()
    emitter.happened.emit()
    emitter.carried.emit("a", 1)
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.happened.emit()
        emitter.carried.emit("a", 1)
    # The faulty release loses 2,000 here; a handful either way is the interpreter's own.
    assert abs(sys.getrefcount(True) - before) < 20


def test_calling_qt_methods_that_return_nothing_does_not_leak_references():
    # The same release lost a reference to None on every call of a void method.
    emitter = _Emitter()
    emitter.setObjectName("warm")
    before = sys.getrefcount(None)
    for _ in range(1000):
        emitter.setObjectName("x")
    assert abs(sys.getrefcount(None) - before) < 20
