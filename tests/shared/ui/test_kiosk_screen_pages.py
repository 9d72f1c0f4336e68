"""The kiosk's screen builds its pages when first needed: the welcome page (and the thanks
line) with the screen, every other page once, told what the screen already knows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from shared.flow.kiosk_pages import KioskPage
from shared.ui import theme
from shared.ui.kiosk_screen import KioskScreenView

LANGUAGES = {"en": "English", "pl": "Polski"}
LATER = [p for p in KioskPage if p not in (KioskPage.WELCOME, KioskPage.THANKS)]


def test_only_the_welcome_page_is_built_with_the_screen(qtbot):
    view = KioskScreenView(LANGUAGES)
    qtbot.addWidget(view)
    assert [p for p in KioskPage if view.is_made(p)] == [KioskPage.WELCOME, KioskPage.THANKS]
    assert view.pages.count() == 2
    assert view.page_scroll_area(KioskPage.JOURNEY) is None


def test_each_page_is_built_once_and_announced(qtbot):
    view = KioskScreenView(LANGUAGES)
    qtbot.addWidget(view)
    made: list[KioskPage] = []
    view.page_made.connect(made.append)
    for page in LATER:
        view.show_page(page)
        assert view.current_page() is page
    for page in LATER:  # again: the same widgets
        view.show_page(page)
    assert made == LATER
    assert view.pages.count() == len(KioskPage)
    # A page that scrolls gives way to the keyboard no further than one finger's height.
    area = view.page_scroll_area(KioskPage.BOOK)
    assert area is not None
    assert area.minimumHeight() == theme.MIN_TARGET_PX


def test_a_page_built_later_is_told_the_language_and_the_tracking_link(qtbot):
    view = KioskScreenView(LANGUAGES)
    qtbot.addWidget(view)
    view.set_language("pl", Qt.LayoutDirection.LeftToRight)
    view.tracking_url = "https://council.example/track/"
    assert view.speak.language == "pl"
    assert view.arrive.language == "pl"
    assert view.journey_view.tracking_url == "https://council.example/track/"
    view.tracking_url = "https://council.example/t/"
    assert view.journey_view.tracking_url == "https://council.example/t/"


def test_the_mirror_keeps_a_page_built_later_still(qtbot):
    mirror = KioskScreenView(LANGUAGES, read_only=True)
    qtbot.addWidget(mirror)
    book = mirror.book
    assert book.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    focusable = [
        w for w in (book, *book.findChildren(QWidget)) if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert focusable == []
    # A journey's fields can still be tapped on the mirror, to point at them.
    assert not mirror.journey_view.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
