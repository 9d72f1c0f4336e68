"""Every break-out key combination is swallowed; ordinary typing still gets through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit

from kiosk.lockdown import harden_tree, is_breakout_key, lock_down

Key = Qt.Key
Mod = Qt.KeyboardModifier
CTRL, ALT, SHIFT, META = Mod.ControlModifier, Mod.AltModifier, Mod.ShiftModifier, Mod.MetaModifier
NONE = Mod.NoModifier

BREAKOUTS = [
    ("Alt+F4", Key.Key_F4, ALT),
    ("Alt+Tab", Key.Key_Tab, ALT),
    ("Alt+Shift+Tab", Key.Key_Backtab, ALT | SHIFT),
    ("Alt+Shift+Tab as Tab", Key.Key_Tab, ALT | SHIFT),
    ("Alt+Esc", Key.Key_Escape, ALT),
    ("Ctrl+Esc", Key.Key_Escape, CTRL),
    ("Alt+Space", Key.Key_Space, ALT),
    ("Ctrl+W", Key.Key_W, CTRL),
    ("Ctrl+Q", Key.Key_Q, CTRL),
    ("Ctrl+Shift+Esc", Key.Key_Escape, CTRL | SHIFT),
    ("Ctrl+Alt+Del", Key.Key_Delete, CTRL | ALT),
    ("Ctrl+Alt+Backspace", Key.Key_Backspace, CTRL | ALT),
    ("Esc", Key.Key_Escape, NONE),
    *((f"F{n}", Key(Key.Key_F1.value + n - 1), NONE) for n in range(1, 13)),
    ("Shift+F10", Key.Key_F10, SHIFT),
    ("Ctrl+Alt+F2", Key.Key_F2, CTRL | ALT),
    ("Meta", Key.Key_Meta, NONE),
    ("Super_L", Key.Key_Super_L, NONE),
    ("Super_R", Key.Key_Super_R, NONE),
    ("Meta+D", Key.Key_D, META),
    ("Meta+L", Key.Key_L, META),
    ("Meta+Tab", Key.Key_Tab, META),
    ("Menu", Key.Key_Menu, NONE),
    ("Ctrl+Plus", Key.Key_Plus, CTRL),
    ("Ctrl+Shift+Plus", Key.Key_Plus, CTRL | SHIFT),
    ("Ctrl+=", Key.Key_Equal, CTRL),
    ("Ctrl+Minus", Key.Key_Minus, CTRL),
    ("Ctrl+0", Key.Key_0, CTRL),
    ("Print Screen", Key.Key_Print, NONE),
    ("Alt+Print Screen", Key.Key_Print, ALT),
    ("SysRq", Key.Key_SysReq, NONE),
]

ORDINARY = [
    ("a", Key.Key_A, NONE, "a"),
    ("digit", Key.Key_7, NONE, "7"),
    ("Space", Key.Key_Space, NONE, " "),
    ("Tab", Key.Key_Tab, NONE, ""),
    ("Shift+Tab", Key.Key_Backtab, SHIFT, ""),
    ("Enter", Key.Key_Return, NONE, ""),
    ("Backspace", Key.Key_Backspace, NONE, ""),
    ("Left", Key.Key_Left, NONE, ""),
    ("Right", Key.Key_Right, NONE, ""),
    ("Up", Key.Key_Up, NONE, ""),
    ("Down", Key.Key_Down, NONE, ""),
]


@pytest.mark.parametrize(("name", "key", "modifiers"), BREAKOUTS, ids=[b[0] for b in BREAKOUTS])
def test_each_breakout_combination_is_swallowed(screen, breakout, name, key, modifiers):
    assert is_breakout_key(key, modifiers), name
    # QTest presses the modifier keys first, as a keyboard does; those may arrive alone.
    QTest.keyClick(screen.edit, key, modifiers)
    assert key not in screen.edit.received
    assert screen.isVisible()
    assert screen.edit.text() == ""


@pytest.mark.parametrize(
    ("name", "key", "modifiers", "typed"), ORDINARY, ids=[o[0] for o in ORDINARY]
)
def test_ordinary_keys_get_through(screen, breakout, name, key, modifiers, typed):
    assert not is_breakout_key(key, modifiers), name
    QTest.keyClick(screen.edit, key, modifiers)
    assert key in screen.edit.received
    assert screen.edit.text() == typed


def test_typing_reaches_a_line_edit(screen, breakout):
    QTest.keyClicks(screen.edit, "Flat 2, 12 High St")
    assert screen.edit.text() == "Flat 2, 12 High St"


def test_a_sent_key_event_is_swallowed_before_the_widget(screen, breakout):
    QApplication.sendEvent(screen.edit, QKeyEvent(QEvent.Type.KeyPress, Key.Key_F11, NONE))
    QApplication.sendEvent(screen.edit, QKeyEvent(QEvent.Type.KeyPress, Key.Key_F4, ALT))
    assert screen.edit.received == []


def test_a_shortcut_on_a_breakout_key_never_fires(screen, breakout, qtbot):
    from PySide6.QtGui import QShortcut

    fired = []
    shortcut = QShortcut("Ctrl+W", screen)
    shortcut.activated.connect(lambda: fired.append(True))
    QTest.keyClick(screen.edit, Key.Key_W, CTRL)
    assert fired == []
    assert screen.isVisible()


def test_the_locked_window_refuses_to_close(screen, breakout):
    assert not screen.close()
    assert screen.isVisible()


def test_after_release_the_window_may_close(screen, breakout):
    breakout.release()
    assert screen.close()
    assert not screen.isVisible()


def test_a_combo_box_popup_still_closes(screen, breakout, qtbot):
    combo = QComboBox(screen)
    combo.addItems(["Bins", "Potholes"])
    combo.show()
    combo.showPopup()
    popup = combo.view().window()
    qtbot.waitUntil(popup.isVisible)
    combo.hidePopup()
    qtbot.waitUntil(lambda: not popup.isVisible())


def test_context_menus_are_swallowed(screen, breakout):
    seen: list[QPoint] = []
    screen.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    screen.edit.customContextMenuRequested.connect(seen.append)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(5, 5), screen.edit.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(screen.edit, event)
    assert seen == []


def test_right_and_middle_clicks_are_swallowed(screen, breakout):
    screen.edit.setText("some words")
    for button in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
        QTest.mouseClick(screen.edit, button)
    assert screen.edit.text() == "some words"


def test_ctrl_wheel_zoom_is_swallowed_and_a_plain_wheel_is_not(screen, breakout):
    def wheel(modifiers):
        event = QWheelEvent(
            QPointF(5, 5),
            QPointF(screen.edit.mapToGlobal(QPoint(5, 5))),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        return breakout.eventFilter(screen.edit, event)

    assert wheel(CTRL)
    assert not wheel(NONE)


def test_drops_are_refused(screen, breakout):
    mime = QMimeData()
    mime.setText("dropped")
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NONE
    )
    assert breakout.eventFilter(screen.edit, enter)
    assert not enter.isAccepted()
    drop = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NONE)
    QApplication.sendEvent(screen.edit, drop)
    assert screen.edit.text() == ""


def test_harden_tree_hardens_widgets_built_before_the_filter(screen):
    screen.edit.setDragEnabled(True)
    harden_tree(screen)
    assert not screen.edit.acceptDrops()
    assert not screen.edit.dragEnabled()


def test_widgets_shown_after_the_filter_are_hardened_as_they_are_polished(screen, breakout, qtbot):
    edit = QLineEdit(screen)
    edit.setDragEnabled(True)
    edit.show()
    qtbot.waitUntil(edit.isVisible)
    assert not edit.acceptDrops()
    assert not edit.dragEnabled()


def test_native_gestures_are_swallowed(screen, breakout, qapp):
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        QPointF(5, 5),
        QPointF(5, 5),
        QPointF(5, 5),
        0.5,
        QPointF(0, 0),
    )
    assert breakout.eventFilter(screen.edit, event)


def test_two_finger_touches_are_swallowed_and_one_finger_is_not(screen, breakout):
    from PySide6.QtGui import QEventPoint, QPointingDevice, QTouchEvent

    device = QPointingDevice.primaryPointingDevice()

    def touch(count):
        points = [
            QEventPoint(n, QEventPoint.State.Updated, QPointF(5 + n, 5), QPointF(5 + n, 5))
            for n in range(count)
        ]
        return QTouchEvent(QEvent.Type.TouchUpdate, device, NONE, points)

    assert breakout.eventFilter(screen, touch(2))
    assert not breakout.eventFilter(screen, touch(1))


def test_rich_text_links_open_nothing(screen, breakout, qtbot):
    label = QLabel('<a href="https://example.com">a link</a>', screen)
    label.setOpenExternalLinks(True)
    label.show()
    qtbot.waitExposed(label)
    assert not label.openExternalLinks()
    assert not (label.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByMouse)


def test_lock_down_makes_the_window_frameless_full_screen_and_on_top(breakout, qtbot):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    lock_down(window)
    qtbot.waitUntil(window.isVisible)
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.windowState() & Qt.WindowState.WindowFullScreen
