"""The scan reader in front of the break-out filter, as on a kiosk (the filter installed
last sees a key first): every break-out key still meets the filter, mid-scan too, and
what the reader holds back of a person's typing reaches the box."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.lockdown import BreakoutFilter
from kiosk.scanner import ScanReader
from tests.kiosk.lockdown.conftest import Screen
from tests.kiosk.lockdown.test_breakout import BREAKOUTS

Key = Qt.Key


@pytest.fixture
def reader(qapp: QApplication, screen: Screen, breakout: BreakoutFilter) -> Iterator[ScanReader]:
    scans = ScanReader(screen)
    scans.install(qapp)
    scans.set_armed(True)
    yield scans
    scans.uninstall()


@pytest.mark.parametrize(("name", "key", "modifiers"), BREAKOUTS, ids=[b[0] for b in BREAKOUTS])
def test_each_breakout_key_is_still_swallowed_mid_scan(
    screen: Screen, reader: ScanReader, name: str, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    scanned: list[str] = []
    reader.scanned.connect(scanned.append)
    QTest.keyClicks(screen.edit, "AP")
    QTest.keyClick(screen.edit, key, modifiers)
    assert key not in screen.edit.received, name
    assert screen.isVisible()
    # The two keys before it were a person's (a break-out key is no scanner's): they went on.
    assert screen.edit.text() == "AP"
    assert scanned == []


def test_a_scan_reaches_no_box_and_a_person_s_typing_does(
    qtbot: QtBot, screen: Screen, reader: ScanReader
) -> None:
    scanned: list[str] = []
    reader.scanned.connect(scanned.append)
    entered: list[str] = []
    screen.edit.returnPressed.connect(lambda: entered.append(screen.edit.text()))
    QTest.keyClicks(screen.edit, "https://council.example/appointment/APK7M2QX5?t=secret")
    QTest.keyClick(screen.edit, Key.Key_Return)
    assert scanned == ["https://council.example/appointment/APK7M2QX5?t=secret"]
    assert screen.edit.text() == ""
    assert entered == []

    # A person, a key every 60 ms or so: each reaches the box, Enter too.
    QTest.keyClicks(screen.edit, "AP-K7M", Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(lambda: screen.edit.text() == "AP-K7M")
    QTest.keyClick(screen.edit, Key.Key_Return, Qt.KeyboardModifier.NoModifier, 60)
    assert entered == ["AP-K7M"]
    assert scanned == [scanned[0]]

    # Disarmed (another page), a scan is typing like any other.
    reader.set_armed(False)
    screen.edit.clear()
    QTest.keyClicks(screen.edit, "APK7M2QX5")
    QTest.keyClick(screen.edit, Key.Key_Return)
    assert screen.edit.text() == "APK7M2QX5"
    assert len(scanned) == 1
