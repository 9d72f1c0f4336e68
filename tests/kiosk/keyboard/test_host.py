"""Where the keyboard goes: it never covers the field being edited, and it comes and goes
with the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from kiosk.keyboard import EnterMode, KeyKind, Layout, layout_for, scroll_to_show
from tests.kiosk.keyboard.helpers import focus, global_rect, press, type_on

SIZES = [
    pytest.param((1280, 800), id="landscape-1280x800"),
    pytest.param((800, 1280), id="portrait-800x1280"),
    pytest.param((1024, 600), id="small-1024x600"),
    pytest.param((1920, 1080), id="full-hd-1920x1080"),
]


@pytest.mark.parametrize("size", SIZES)
def test_the_keyboard_never_covers_the_focused_field(qtbot, make_window, size):
    window = make_window(*size)
    keyboard = window.keyboard
    for editor in window.fields:
        focus(qtbot, window, editor)

        assert keyboard.isVisible()
        field = global_rect(editor)
        visible = global_rect(window.scroll_area.viewport())
        assert not field.intersects(global_rect(keyboard)), editor.accessibleName()
        assert visible.contains(field), editor.accessibleName()
        # The keyboard is docked: it takes its height from the window, not over the content.
        assert global_rect(window.scroll_area).bottom() < global_rect(keyboard).top()


@pytest.mark.parametrize("size", SIZES)
def test_the_field_stays_in_view_going_backwards_and_after_the_window_turns(
    qtbot, make_window, size
):
    window = make_window(*size)
    for editor in reversed(window.fields):
        focus(qtbot, window, editor)
        assert global_rect(window.scroll_area.viewport()).contains(global_rect(editor))

    editor = window.field("Postcode")
    focus(qtbot, window, editor)
    with qtbot.waitSignal(window.host.field_revealed, timeout=3000):
        window.resize(size[1], size[0])
    assert global_rect(window.scroll_area.viewport()).contains(global_rect(editor))
    assert not global_rect(editor).intersects(global_rect(window.keyboard))


def test_the_label_is_shown_with_its_field_when_there_is_room(qtbot, window):
    for editor in window.fields[:-1]:
        focus(qtbot, window, editor)
        label = next(label for label in window.findChildren(QLabel) if label.buddy() is editor)
        assert global_rect(window.scroll_area.viewport()).contains(global_rect(label))


def test_the_board_follows_the_field(qtbot, window):
    keyboard = window.keyboard
    expected = {
        "First name": Layout.TEXT,
        "Last name": Layout.TEXT,
        "Email address": Layout.EMAIL,
        "Phone number": Layout.PHONE,
        "House number": Layout.NUMBER,
        "Postcode": Layout.POSTCODE,
        "What happened?": Layout.TEXT,
    }
    for label, layout in expected.items():
        focus(qtbot, window, window.field(label))
        assert keyboard.keyboard_layout() is layout, label
    assert keyboard.enter_mode() is EnterMode.NEW_LINE  # the multi-line field
    focus(qtbot, window, window.field("Town"))
    assert keyboard.enter_mode() is EnterMode.DONE


def test_input_hints_pick_a_board_when_the_field_names_none():
    editor = QLineEdit()
    assert layout_for(editor) is Layout.TEXT
    editor.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
    assert layout_for(editor) is Layout.EMAIL
    editor.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
    assert layout_for(editor) is Layout.PHONE
    editor.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    assert layout_for(editor) is Layout.NUMBER
    editor.setProperty("keyboard", "Postcode")
    assert layout_for(editor) is Layout.POSTCODE


def test_an_unknown_board_name_gives_the_text_board(caplog):
    editor = QLineEdit()
    editor.setProperty("keyboard", "telepathy")
    assert layout_for(editor) is Layout.TEXT
    assert "unknown keyboard layout" in caplog.text


def test_the_keyboard_hides_when_the_focus_leaves_the_fields(qtbot, window):
    focus(qtbot, window, window.field("Town"))
    assert window.keyboard.isVisible()

    with qtbot.waitSignal(window.host.keyboard_hidden, timeout=3000):
        window.continue_button.setFocus(Qt.FocusReason.MouseFocusReason)
    assert window.keyboard.isHidden()
    assert window.host.editor() is None


def test_moving_between_fields_keeps_the_keyboard_shown(qtbot, window):
    focus(qtbot, window, window.field("Town"))
    hidden = []
    window.host.keyboard_hidden.connect(lambda: hidden.append(True))
    focus(qtbot, window, window.field("Street"))
    focus(qtbot, window, window.field("Postcode"))
    assert window.keyboard.isVisible()
    assert hidden == []


def test_read_only_fields_get_no_keyboard(qtbot, window):
    editor = window.field("Reference")
    assert isinstance(editor, QLineEdit)
    editor.setReadOnly(True)
    editor.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    assert window.keyboard.isHidden()
    assert window.host.editor() is None


def test_the_hide_key_hides_it_and_touching_the_field_brings_it_back(qtbot, window):
    editor = window.field("Town")
    focus(qtbot, window, editor)

    with qtbot.waitSignal(window.host.keyboard_hidden):
        press(qtbot, window.keyboard, KeyKind.HIDE)
    assert window.keyboard.isHidden()
    assert editor.hasFocus()  # a physical keyboard still types there

    with qtbot.waitSignal(window.host.field_revealed, timeout=3000):
        qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
    assert window.keyboard.isVisible()
    assert not global_rect(editor).intersects(global_rect(window.keyboard))


def test_touching_a_hidden_multi_line_field_brings_it_back(qtbot, window):
    editor = window.field("What happened?")
    focus(qtbot, window, editor)
    press(qtbot, window.keyboard, KeyKind.HIDE)
    assert window.keyboard.isHidden()
    with qtbot.waitSignal(window.host.keyboard_shown):
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)


def test_a_physical_keyboard_types_while_the_keyboard_is_shown(qtbot, window):
    editor = window.field("Town")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)

    qtbot.keyClicks(editor, "Leeds")
    type_on(qtbot, window.keyboard, " ls")
    qtbot.keyClick(editor, Qt.Key.Key_1)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "2")

    assert editor.text() == "Leeds ls2"
    assert window.keyboard.isVisible()


def test_a_physical_tab_moves_to_the_next_field_and_keeps_it_in_view(qtbot, make_window):
    window = make_window(1024, 600)
    focus(qtbot, window, window.fields[0])
    for editor in window.fields[1:6]:
        with qtbot.waitSignal(window.host.field_revealed, timeout=3000):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert editor.hasFocus()
        assert global_rect(window.scroll_area.viewport()).contains(global_rect(editor))
        assert window.keyboard.isVisible()


def test_fields_keep_their_own_rules(qtbot, window):
    editor = window.field("House number")
    assert isinstance(editor, QLineEdit)
    editor.setValidator(QIntValidator(0, 999))
    focus(qtbot, window, editor)
    type_on(qtbot, window.keyboard, "12")
    press(qtbot, window.keyboard, KeyKind.CHARACTER, ".")  # refused by the validator
    type_on(qtbot, window.keyboard, "34")  # the 4 is refused: over 999
    assert editor.text() == "123"


@pytest.mark.parametrize(
    ("value", "page", "start", "length", "margin", "expected"),
    [
        (0, 300, 50, 60, 16, 0),  # already in view
        (0, 300, 400, 60, 16, 176),  # below: bottom edge plus margin at the bottom
        (500, 300, 400, 60, 16, 384),  # above: top edge minus margin at the top
        (0, 300, 400, 400, 16, 400),  # taller than the view: its top
        (0, 100, 400, 90, 16, 395),  # little room: the margin shrinks to fit
    ],
)
def test_scroll_to_show(value, page, start, length, margin, expected):
    assert scroll_to_show(value, page, start, length, margin) == expected
