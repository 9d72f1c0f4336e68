"""What the on-screen keyboard's keys are: boards of pages of rows of keys, as plain data.

A :class:`Board` is what one kind of field needs in one language: the TEXT board in
English, Polish or Arabic, or the EMAIL, PHONE, NUMBER and POSTCODE boards (the same in
every language, because what they type is Latin letters and digits). A board has one or
more pages (TEXT has its letters and a "123" page of digits and punctuation); a page is
rows of :class:`Key`; a key's ``width`` is in key units, and the view centres short rows.

Words a person sees or hears (key labels, accessible names) are source texts in the
``OnScreenKeyboard`` translation context, marked with ``QT_TRANSLATE_NOOP`` so lupdate
finds them; the view translates them when it draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from PySide6 import QtCore

CONTEXT = "OnScreenKeyboard"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Mark ``text`` for translation in ``context``; it is returned unchanged (typed str)."""
    return str(QtCore.QT_TRANSLATE_NOOP(context, text))


class Layout(StrEnum):
    """The kinds of field, named as an editor's ``keyboard`` dynamic property names them."""

    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"
    NUMBER = "number"
    POSTCODE = "postcode"


class KeyKind(StrEnum):
    CHARACTER = "character"  # types its text (a letter, digit, mark or ".com")
    SPACE = "space"
    BACKSPACE = "backspace"
    SHIFT = "shift"  # the next letter only is a capital
    CAPS = "caps"  # every letter is a capital until pressed again
    PAGE = "page"  # shows another page of the same board
    ENTER = "enter"  # Done (single-line field) or New line (multi-line field)
    HIDE = "hide"  # hides the keyboard; touching the field shows it again


LETTERS = "letters"
SYMBOLS = "symbols"


@dataclass(frozen=True, slots=True)
class Key:
    kind: KeyKind
    text: str = ""  # what a CHARACTER key types (lower case; SHIFT and CAPS raise it)
    width: float = 1.0
    name: str = ""  # accessible source text when the text itself is not a good name
    label: str = ""  # a label that is not the text (".com", "123", "ABC")
    page: str = ""  # the page a PAGE key shows

    @property
    def has_case(self) -> bool:
        return self.kind is KeyKind.CHARACTER and self.text.lower() != self.text.upper()


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    rows: tuple[tuple[Key, ...], ...]
    pad: bool = False  # a number pad: drawn narrower than the window, centred

    def keys(self) -> tuple[Key, ...]:
        return tuple(key for row in self.rows for key in row)

    def units(self) -> float:
        return max(sum(key.width for key in row) for row in self.rows)


@dataclass(frozen=True, slots=True)
class Board:
    layout: Layout
    language: str  # the language whose letters it has ("en" for the Latin-only boards)
    pages: tuple[Page, ...]
    right_to_left: bool = False
    upper_case_only: bool = False  # POSTCODE: letters are always capitals

    def page(self, name: str) -> Page:
        for page in self.pages:
            if page.name == name:
                return page
        return self.pages[0]


# Names for keys whose text is not its own name. Letters and digits are named by themselves
# (a capital letter as "Capital A", worded by the view).
_MARK_NAMES = {
    "@": QT_TRANSLATE_NOOP("OnScreenKeyboard", "At sign"),
    ".": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Full stop"),
    ",": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Comma"),
    "-": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Hyphen"),
    "_": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Underscore"),
    "+": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Plus"),
    "#": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Hash"),
    "£": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Pound sign"),
    "&": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Ampersand"),
    "(": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Open bracket"),
    ")": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Close bracket"),
    "'": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Apostrophe"),
    '"': QT_TRANSLATE_NOOP("OnScreenKeyboard", "Quotation mark"),
    "?": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Question mark"),
    "!": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Exclamation mark"),
    "/": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Slash"),
    ":": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Colon"),
    ";": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Semicolon"),
    "%": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Percent"),
    "*": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Asterisk"),
    "،": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Arabic comma"),
    "؟": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Arabic question mark"),
    "؛": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Arabic semicolon"),
    ".com": QT_TRANSLATE_NOOP("OnScreenKeyboard", "dot com"),
    ".co.uk": QT_TRANSLATE_NOOP("OnScreenKeyboard", "dot co dot uk"),
    ".gov.uk": QT_TRANSLATE_NOOP("OnScreenKeyboard", "dot gov dot uk"),
    "لا": QT_TRANSLATE_NOOP("OnScreenKeyboard", "Lam alef"),
}

SPACE_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Space")
BACKSPACE_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Backspace")
SHIFT_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Shift")
CAPS_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Caps Lock")
DONE_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Done")
NEW_LINE_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "New line")
HIDE_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Hide keyboard")
SYMBOLS_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Numbers and symbols")
LETTERS_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Letters")
CAPITAL_NAME = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Capital %1")

# What the action keys show. A symbol and a word together: the word for people who read,
# the symbol for people who do not read English well.
SPACE_LABEL = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Space")
BACKSPACE_LABEL = QT_TRANSLATE_NOOP("OnScreenKeyboard", "⌫ Delete")
SHIFT_LABEL = QT_TRANSLATE_NOOP("OnScreenKeyboard", "⇧ Shift")
CAPS_LABEL = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Caps")
DONE_LABEL = QT_TRANSLATE_NOOP("OnScreenKeyboard", "Done ✓")
NEW_LINE_LABEL = QT_TRANSLATE_NOOP("OnScreenKeyboard", "↵ New line")
HIDE_LABEL = QT_TRANSLATE_NOOP("OnScreenKeyboard", "▼ Hide")

# What an action key shows when its label does not fit (a narrow key, a long translation).
SHORT_LABELS = {
    KeyKind.BACKSPACE: "⌫",
    KeyKind.SHIFT: "⇧",
    KeyKind.CAPS: "⇪",
    KeyKind.HIDE: "▼",
    KeyKind.ENTER: "✓",
}
SHORT_NEW_LINE_LABEL = "↵"


def mark_name(text: str) -> str:
    """The accessible source text for a key typing ``text`` ("" when the text names itself)."""
    return _MARK_NAMES.get(text, "")


def _chars(characters: str) -> tuple[Key, ...]:
    return tuple(Key(KeyKind.CHARACTER, text=char) for char in characters)


def _char(text: str, width: float = 1.0) -> Key:
    return Key(KeyKind.CHARACTER, text=text, width=width)


_SPACE = Key(KeyKind.SPACE, text=" ", width=4.0)
_LETTERS_SPACE = Key(KeyKind.SPACE, text=" ", width=3.0)
_BACKSPACE = Key(KeyKind.BACKSPACE, width=1.5)
_SHIFT = Key(KeyKind.SHIFT, width=1.5)
_CAPS = Key(KeyKind.CAPS, width=1.5)
_ENTER = Key(KeyKind.ENTER, width=2.0)
_HIDE = Key(KeyKind.HIDE, width=1.5)


def _to_symbols(width: float = 1.5) -> Key:
    return Key(KeyKind.PAGE, width=width, label="123", name=SYMBOLS_NAME, page=SYMBOLS)


def _to_letters(label: str) -> Key:
    return Key(KeyKind.PAGE, width=1.5, label=label, name=LETTERS_NAME, page=LETTERS)


def _symbols_page(letters_label: str, comma: str, question: str, semicolon: str) -> Page:
    return Page(
        SYMBOLS,
        (
            _chars("1234567890"),
            _chars("@#£&-+()'\""),
            (*_chars(f"%{question}!/:{semicolon}*{comma}"), _BACKSPACE),
            (_to_letters(letters_label), _HIDE, _SPACE, _char("."), _ENTER),
        ),
    )


def _latin_text(language: str, accented: str) -> Board:
    extra = (_chars(accented),) if accented else ()
    letters = Page(
        LETTERS,
        (
            *extra,
            _chars("qwertyuiop"),
            (_CAPS, *_chars("asdfghjkl")),
            (_SHIFT, *_chars("zxcvbnm"), _BACKSPACE),
            (_to_symbols(), _HIDE, _char(","), _LETTERS_SPACE, _char("."), _ENTER),
        ),
    )
    return Board(Layout.TEXT, language, (letters, _symbols_page("ABC", ",", "?", ";")))


def _arabic_text() -> Board:
    # The usual Arabic (101) arrangement, read from the right; Arabic has no capitals.
    letters = Page(
        LETTERS,
        (
            _chars("ضصثقفغعهخحجد"),
            (*_chars("شسيبلاتنمكط"), Key(KeyKind.BACKSPACE, width=1.5)),
            (_char("ذ"), *_chars("ئءؤر"), _char("لا"), *_chars("ىةوزظ")),
            (_to_symbols(), _HIDE, _char("،"), _LETTERS_SPACE, _char("."), _ENTER),
        ),
    )
    return Board(
        Layout.TEXT,
        "ar",
        (letters, _symbols_page("أبت", "،", "؟", "؛")),
        right_to_left=True,
    )


def _email() -> Board:
    page = Page(
        LETTERS,
        (
            _chars("1234567890"),
            _chars("qwertyuiop"),
            (*_chars("asdfghjkl"), _char("@", 1.5)),
            (*_chars("zxcvbnm"), *_chars(".-_"), _BACKSPACE),
            (
                _HIDE,
                _char(".com", 2.0),
                _char(".co.uk", 2.0),
                _char(".gov.uk", 2.5),
                _ENTER,
            ),
        ),
    )
    return Board(Layout.EMAIL, "en", (page,))


def _phone() -> Board:
    action = 1.5
    page = Page(
        LETTERS,
        (
            (*_chars("123"), Key(KeyKind.BACKSPACE, width=action)),
            (*_chars("456"), _char("+", action)),
            (*_chars("789"), Key(KeyKind.SPACE, text=" ", width=action)),
            (Key(KeyKind.HIDE), _char("0"), Key(KeyKind.ENTER, width=1 + action)),
        ),
        pad=True,
    )
    return Board(Layout.PHONE, "en", (page,))


def _number() -> Board:
    page = Page(
        LETTERS,
        (
            (*_chars("123"), Key(KeyKind.BACKSPACE, width=2.0)),
            (*_chars("456"), *_chars("+-")),
            (*_chars("789"), _char("."), Key(KeyKind.SPACE, text=" ")),
            (Key(KeyKind.HIDE), _char("0"), Key(KeyKind.ENTER, width=3.0)),
        ),
        pad=True,
    )
    return Board(Layout.NUMBER, "en", (page,))


def _postcode() -> Board:
    page = Page(
        LETTERS,
        (
            _chars("1234567890"),
            _chars("QWERTYUIOP"),
            _chars("ASDFGHJKL"),
            (*_chars("ZXCVBNM"), _BACKSPACE),
            (_HIDE, Key(KeyKind.SPACE, text=" ", width=5.0), _ENTER),
        ),
    )
    return Board(Layout.POSTCODE, "en", (page,), upper_case_only=True)


TEXT_LANGUAGES = ("en", "pl", "ar")


def primary_language(code: str) -> str:
    """``"pl"`` for ``"pl-PL"`` or ``"pl_PL"``; lower case."""
    return code.replace("_", "-").split("-", 1)[0].strip().lower()


@cache
def board(layout: Layout, language: str = "en") -> Board:  # noqa: PLR0911 (one per layout)
    """The board for ``layout``; TEXT has the letters of ``language`` (English if unknown)."""
    if layout is Layout.EMAIL:
        return _email()
    if layout is Layout.PHONE:
        return _phone()
    if layout is Layout.NUMBER:
        return _number()
    if layout is Layout.POSTCODE:
        return _postcode()
    match primary_language(language):
        case "pl":
            return _latin_text("pl", "ąćęłńóśźż")
        case "ar":
            return _arabic_text()
        case _:
            return _latin_text("en", "")
