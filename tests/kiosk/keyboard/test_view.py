"""The keyboard's keys: what they type, how big they are, what they are called."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from kiosk.keyboard import EnterMode, KeyKind, Layout, OnScreenKeyboard, board
from shared.ui.keyboard.layouts import LETTERS, SYMBOLS, TEXT_LANGUAGES
from shared.ui.theme import MIN_TARGET_PX
from tests.kiosk.keyboard.helpers import apply_stylesheet, focus, global_rect, key, press, type_on


def test_typing_a_postcode(qtbot, window):
    editor = window.field("Postcode")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    changes: list[str] = []
    editor.textChanged.connect(changes.append)

    type_on(qtbot, window.keyboard, "Sw1a 1aa")

    assert editor.text() == "SW1A 1AA"
    assert changes[-1] == "SW1A 1AA"
    assert len(changes) == len("SW1A 1AA")  # one change per key, as with a real keyboard
    press(qtbot, window.keyboard, KeyKind.BACKSPACE)
    assert editor.text() == "SW1A 1A"


def test_backspace_deletes_one_character_at_the_cursor(qtbot, window):
    editor = window.field("Town")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    type_on(qtbot, window.keyboard, "yorkk")
    press(qtbot, window.keyboard, KeyKind.BACKSPACE)
    assert editor.text() == "york"
    editor.setCursorPosition(1)
    press(qtbot, window.keyboard, KeyKind.BACKSPACE)
    assert editor.text() == "ork"


def test_shift_makes_only_the_next_letter_a_capital(qtbot, window):
    editor = window.field("First name")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    keyboard = window.keyboard

    press(qtbot, keyboard, KeyKind.SHIFT)
    assert keyboard.is_shifted()
    assert key(keyboard, KeyKind.SHIFT).property("active") is True
    assert key(keyboard, KeyKind.CHARACTER, "a").text() == "A"  # the keys show capitals
    type_on(qtbot, keyboard, "ada")

    assert editor.text() == "Ada"
    assert not keyboard.is_shifted()
    assert key(keyboard, KeyKind.CHARACTER, "a").text() == "a"


def test_caps_makes_every_letter_a_capital_until_pressed_again(qtbot, window):
    editor = window.field("Reference")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    keyboard = window.keyboard
    press(qtbot, keyboard, KeyKind.CAPS)
    type_on(qtbot, keyboard, "abc")
    press(qtbot, keyboard, KeyKind.CAPS)
    type_on(qtbot, keyboard, "d")
    assert editor.text() == "ABCd"


def test_symbols_then_letters(qtbot, window):
    editor = window.field("Street")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    keyboard = window.keyboard
    press(qtbot, keyboard, KeyKind.PAGE)
    assert keyboard.page_name() == SYMBOLS
    type_on(qtbot, keyboard, "12&")
    press(qtbot, keyboard, KeyKind.PAGE)  # back to the letters
    type_on(qtbot, keyboard, " high st")
    assert editor.text() == "12& high st"
    assert keyboard.page_name() == LETTERS


def test_polish_letters(qtbot, window):
    window.host.set_language("pl")
    editor = window.field("Last name")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    keyboard = window.keyboard

    press(qtbot, keyboard, KeyKind.SHIFT)
    type_on(qtbot, keyboard, "łódź")
    for letter in "ąćęłńóśźż":
        assert key(keyboard, KeyKind.CHARACTER, letter).isVisible()
    assert editor.text() == "Łódź"


def test_the_arabic_board_runs_right_to_left(qtbot, window):
    window.host.set_language("ar", Qt.LayoutDirection.RightToLeft)
    editor = window.field("First name")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    keyboard = window.keyboard

    first, second = key(keyboard, KeyKind.CHARACTER, "ض"), key(keyboard, KeyKind.CHARACTER, "ص")
    assert first.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert global_rect(first).left() > global_rect(second).right()  # the first key is rightmost
    assert keyboard.key_button(KeyKind.SHIFT) is None  # Arabic has no capitals
    type_on(qtbot, keyboard, "سلام")
    assert editor.text() == "سلام"
    press(qtbot, keyboard, KeyKind.CHARACTER, "لا")  # lam-alef: one key, two letters
    assert editor.text() == "سلاملا"


def test_email_addresses_and_number_pads_stay_left_to_right_in_arabic(qtbot, window):
    window.host.set_language("ar", Qt.LayoutDirection.RightToLeft)
    focus(qtbot, window, window.field("Email address"))
    keyboard = window.keyboard
    one, two = key(keyboard, KeyKind.CHARACTER, "1"), key(keyboard, KeyKind.CHARACTER, "2")
    assert global_rect(one).right() < global_rect(two).left()
    focus(qtbot, window, window.field("Phone number"))
    one, two = key(keyboard, KeyKind.CHARACTER, "1"), key(keyboard, KeyKind.CHARACTER, "2")
    assert global_rect(one).right() < global_rect(two).left()


def test_typing_an_email_address_with_the_domain_keys(qtbot, window):
    editor = window.field("Email address")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    type_on(qtbot, window.keyboard, "ada_l@example")
    press(qtbot, window.keyboard, KeyKind.CHARACTER, ".gov.uk")
    assert editor.text() == "ada_l@example.gov.uk"


def test_phone_and_number_pads(qtbot, window):
    phone = window.field("Phone number")
    assert isinstance(phone, QLineEdit)
    focus(qtbot, window, phone)
    type_on(qtbot, window.keyboard, "+44 7700 900123")
    assert phone.text() == "+44 7700 900123"
    assert window.keyboard.key_button(KeyKind.CHARACTER, ".") is None

    number = window.field("House number")
    assert isinstance(number, QLineEdit)
    focus(qtbot, window, number)
    type_on(qtbot, window.keyboard, "-12.5")
    assert number.text() == "-12.5"


def test_a_multi_line_field_gets_new_lines_not_done(qtbot, window):
    editor = window.field("What happened?")
    assert isinstance(editor, QPlainTextEdit)
    focus(qtbot, window, editor)
    keyboard = window.keyboard
    assert keyboard.enter_mode() is EnterMode.NEW_LINE
    done = []
    keyboard.done_pressed.connect(lambda: done.append(True))

    type_on(qtbot, keyboard, "hole")
    press(qtbot, keyboard, KeyKind.ENTER)
    type_on(qtbot, keyboard, "deep")
    press(qtbot, keyboard, KeyKind.BACKSPACE)

    assert editor.toPlainText() == "hole\ndee"
    assert done == []
    assert key(keyboard, KeyKind.ENTER).accessibleName() == "New line"


def test_done_on_a_single_line_field_types_nothing_and_says_done(qtbot, window):
    editor = window.field("Town")
    assert isinstance(editor, QLineEdit)
    focus(qtbot, window, editor)
    type_on(qtbot, window.keyboard, "bath")
    returned = []
    editor.returnPressed.connect(lambda: returned.append(True))

    with qtbot.waitSignal(window.keyboard.done_pressed):
        press(qtbot, window.keyboard, KeyKind.ENTER)

    assert editor.text() == "bath"
    assert returned == []
    assert QApplication.focusWidget() is editor


def test_max_length_is_kept(qtbot, window):
    editor = window.field("Postcode")
    assert isinstance(editor, QLineEdit)
    editor.setMaxLength(4)
    focus(qtbot, window, editor)
    type_on(qtbot, window.keyboard, "NG52AB")
    assert editor.text() == "NG52"


def test_touching_keys_never_takes_the_focus(qtbot, window):
    editor = window.field("Town")
    focus(qtbot, window, editor)
    for button in window.keyboard.key_buttons():
        if button.key.kind not in (KeyKind.HIDE, KeyKind.PAGE):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert QApplication.focusWidget() is editor


def test_with_nothing_focused_a_key_does_nothing(qtbot):
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.show()
    qtbot.waitExposed(keyboard)
    press(qtbot, keyboard, KeyKind.CHARACTER, "q")  # no error, nothing typed anywhere


ALL_BOARDS = [
    pytest.param(Layout.TEXT, language, id=f"text-{language}") for language in TEXT_LANGUAGES
] + [
    pytest.param(layout, "en", id=layout.value)
    for layout in (Layout.EMAIL, Layout.PHONE, Layout.NUMBER, Layout.POSTCODE)
]


@pytest.mark.parametrize(("layout", "language"), ALL_BOARDS)
@pytest.mark.parametrize("size", [(1280, 800), (800, 1280), (1024, 600)], ids=str)
@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])
def test_every_key_is_big_named_and_never_focused(
    qtbot, qapp, make_window, layout, language, size, high_contrast
):
    apply_stylesheet(qapp, high_contrast=high_contrast)
    window = make_window(*size)
    keyboard = window.keyboard
    keyboard.set_language(language)
    keyboard.set_keyboard_layout(layout)
    keyboard.show()
    for page in board(layout, language).pages:
        keyboard.show_page(page.name)
        qtbot.waitUntil(lambda: all(button.isVisible() for button in keyboard.key_buttons()))
        assert len(keyboard.key_buttons()) == len(page.keys())
        for button in keyboard.key_buttons():
            what = f"{button.key} on {page.name}"
            assert button.width() >= MIN_TARGET_PX, what
            assert button.height() >= MIN_TARGET_PX, what
            assert button.height() >= 64, what  # the kiosk's size, not just the floor
            assert button.focusPolicy() == Qt.FocusPolicy.NoFocus, what
            assert button.accessibleName().strip(), what
            assert button.text().strip(), what
            assert button.property("role") == "key"
            assert global_rect(keyboard).contains(global_rect(button)), what
    assert keyboard.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_accessible_names_say_what_a_key_does(qtbot):
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    names = {button.accessibleName() for button in keyboard.key_buttons()}
    assert {"Backspace", "Shift", "Caps Lock", "Space", "Done", "Hide keyboard"} <= names
    assert {"q", "Full stop", "Comma", "Numbers and symbols"} <= names
    press(qtbot, keyboard, KeyKind.SHIFT)
    assert key(keyboard, KeyKind.CHARACTER, "q").accessibleName() == "Capital Q"
    keyboard.set_keyboard_layout(Layout.EMAIL)
    assert key(keyboard, KeyKind.CHARACTER, "@").accessibleName() == "At sign"
    assert key(keyboard, KeyKind.CHARACTER, ".co.uk").accessibleName() == "dot co dot uk"


_SPANISH = {"Space": "Espacio", "Backspace": "Retroceso"}


class _Spanish(QTranslator):
    def isEmpty(self):  # noqa: N802 (Qt's name)
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        if context == "OnScreenKeyboard":
            return _SPANISH.get(source, "")
        return ""


def test_keys_are_worded_again_when_the_language_changes(qtbot, qapp):
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    translator = _Spanish()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: key(keyboard, KeyKind.SPACE).text() == "Espacio")
        assert key(keyboard, KeyKind.BACKSPACE).accessibleName() == "Retroceso"
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: key(keyboard, KeyKind.SPACE).text() == "Space")
