"""What a screen reader is told about a field's controls."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from shared.flow.screen_state import FieldState
from shared.flow.steps import FieldKind
from shared.ui.fields import DateField


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
