"""The field widgets: what a customer sees of their own answers and choices."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from shared.flow import FieldKind, FieldState
from shared.flow.screen_state import Option
from shared.ui import theme
from shared.ui.fields import ChoiceField, DateField, LineField, TextAreaField, text_direction

ARABIC = "الرصيف مكسور"


def placed(qtbot, field: QWidget, direction: Qt.LayoutDirection) -> QWidget:
    page = QWidget()
    page.setLayoutDirection(direction)
    QVBoxLayout(page).addWidget(field)
    page.resize(800, 400)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def starts_on_the_right(edit) -> bool:
    """Where the first character typed sits: the cursor at the start of the text."""
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    edit.setTextCursor(cursor)
    return bool(edit.cursorRect().center().x() > edit.viewport().width() / 2)


def type_in(target: QWidget, text: str) -> None:
    """Key presses with their text, as the kiosk's on-screen keyboard sends them (QTest
    cannot type Arabic)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(
                kind, Qt.Key.Key_unknown.value, Qt.KeyboardModifier.NoModifier, character
            )
            QCoreApplication.sendEvent(target, event)


def text_area() -> TextAreaField:
    return TextAreaField(FieldState(id="what", kind=FieldKind.TEXT, label="What happened?"), "en")


@pytest.mark.parametrize(
    ("direction", "typed", "right"),
    [
        (Qt.LayoutDirection.LeftToRight, ARABIC, True),
        (Qt.LayoutDirection.RightToLeft, ARABIC, True),
        (Qt.LayoutDirection.RightToLeft, "The kerb is broken", False),
        (Qt.LayoutDirection.LeftToRight, "The kerb is broken", False),
    ],
)
def test_typed_words_align_to_the_side_they_start_from(qtbot, styled, direction, typed, right):
    field = text_area()
    page = placed(qtbot, field, direction)
    edit = field.control()
    edit.setFocus()
    type_in(edit, typed)
    assert starts_on_the_right(edit) is right
    # A line of text does the same.
    line = LineField(FieldState(id="name", kind=FieldKind.NAME, label="Name"), "en")
    line_page = placed(qtbot, line, direction)
    type_in(line.control(), typed)
    edit = line.control()
    assert isinstance(edit, QLineEdit)
    edit.setCursorPosition(0)
    # A line edit lays its text out again when it next draws.
    qtbot.waitUntil(lambda: (edit.cursorRect().center().x() > edit.width() / 2) is right)
    assert page.isVisible()
    assert line_page.isVisible()


def test_an_empty_box_follows_the_screen(qtbot, styled):
    field = text_area()
    page = placed(qtbot, field, Qt.LayoutDirection.RightToLeft)
    assert starts_on_the_right(field.control())
    field.set_value(ARABIC)
    field.set_value("")
    assert starts_on_the_right(field.control())
    assert page.isVisible()


def test_a_drawn_answer_aligns_as_a_typed_one(qtbot, styled):
    # The mirror and a redrawn screen set answers with the widgets' signals blocked.
    field = text_area()
    line = LineField(FieldState(id="name", kind=FieldKind.NAME, label="Name"), "en")
    page = placed(qtbot, field, Qt.LayoutDirection.LeftToRight)
    line_page = placed(qtbot, line, Qt.LayoutDirection.LeftToRight)
    field.set_value(ARABIC)
    line.set_value(ARABIC)
    assert starts_on_the_right(field.control())
    edit = line.control()
    assert isinstance(edit, QLineEdit)
    edit.setCursorPosition(0)
    qtbot.waitUntil(lambda: edit.cursorRect().center().x() > edit.width() / 2)
    assert page.isVisible()
    assert line_page.isVisible()


def test_text_direction():
    assert text_direction("12 " + ARABIC) is Qt.LayoutDirection.RightToLeft
    assert text_direction("12 Main Street") is Qt.LayoutDirection.LeftToRight
    assert text_direction("12, 34") is None


def indicator_centre(choice) -> QColor:
    option = QStyleOptionButton()
    choice.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if choice.metaObject().className().endswith("RadioButton")
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    rect = choice.style().subElementRect(element, option, choice)
    colour: QColor = choice.grab().toImage().pixelColor(rect.center())
    return colour


def background_of(choice) -> QColor:
    """The button's own ground, away from its indicator and its words."""
    image = choice.grab().toImage()
    colour: QColor = image.pixelColor(QPoint(image.width() - 8, image.height() // 2))
    return colour


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("kind", [FieldKind.SINGLEVALUELIST, FieldKind.MULTIVALUELIST])
def test_the_chosen_option_is_marked_not_only_coloured(qtbot, qapp, high_contrast, kind):
    qapp.setStyleSheet(
        theme.stylesheet(
            ["screen.qss"],
            theme.palette(high_contrast=high_contrast),
            theme.sizes(large_text=False, dpi=96, viewing_distance_mm=500),
        )
    )
    try:
        options = (Option(key="yes", label="Yes"), Option(key="no", label="No"))
        state = FieldState(id="q", kind=kind, label="Is it?", options=options)
        field = ChoiceField(state, "en")
        page = placed(qtbot, field, Qt.LayoutDirection.LeftToRight)
        field.set_value("yes" if kind is FieldKind.SINGLEVALUELIST else ("yes",))
        QApplication.processEvents()
        chosen, other = field.option_button("yes"), field.option_button("no")
        assert chosen.isChecked()
        # A mark inside the indicator: its middle is neither the button's ground (a bare
        # ring, telling the choice by colour alone) nor what an unchosen one shows.
        assert page.isVisible()
        middle = indicator_centre(chosen)
        assert middle != background_of(chosen)
        assert middle != indicator_centre(other)
    finally:
        qapp.setStyleSheet("")


def test_a_date_is_named_by_its_question_and_each_stepper_by_what_it_does(qtbot) -> None:
    state = FieldState(
        id="noticed_at", kind=FieldKind.DATETIME, label="When did you notice it?", hint="Roughly"
    )
    field = DateField(state, "en", today=date(2026, 11, 2))
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    steppers = {b.objectName(): b.accessibleName() for b in field.findChildren(QPushButton)}
    assert steppers == {
        "date:day:later": "Day: Later",
        "date:day:earlier": "Day: Earlier",
        "date:month:later": "Month: Later",
        "date:month:earlier": "Month: Earlier",
        "date:year:later": "Year: Later",
        "date:year:earlier": "Year: Earlier",
    }
    assert field.accessibleName() == "When did you notice it?"
    assert field.accessibleDescription() == "2 November 2026 Roughly"
    later = field.findChild(QPushButton, "date:day:later")
    assert later is not None
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert field.accessibleDescription() == "3 November 2026 Roughly"
    field.set_error("Choose a day that has happened.")
    assert (
        field.accessibleDescription() == "3 November 2026 Choose a day that has happened. Roughly"
    )
    assert later.accessibleName() == "Day: Later"
