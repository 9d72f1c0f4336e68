"""A page that asks for one thing typed in a box and answers in place of the question.

Speak to someone (an optional mobile number, then the ticket) and I have an appointment
(the reference, then "please take a seat") are the same page with other words: a title, a
box with its label, a button beside it, a hint under it, a problem said plainly under
that, and the answer shown large with Done. :class:`EntryPage` is that page; each
subclass gives its words and its answer.

The kiosk draws the page from its own :class:`~shared.flow.kiosk_screen.EntryScreen`
(:meth:`EntryPage.screen_state`), and the staff desk's mirror draws the one the kiosk sent
(:meth:`EntryPage.show_screen`) through the same :meth:`EntryPage._draw`, so the greeter
reads the customer's words by construction. A page whose box is sensitive (a phone number)
puts only :data:`~shared.flow.screen_state.MASK` in its state, never what was typed.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shared.flow.kiosk_screen import EntryResult, EntryScreen
from shared.flow.screen_state import MASK
from shared.ui.touch import scrolling_page
from shared.ui.widgets import button, label

# scrolling_page is the pages' scaffold (shared.ui.touch); the booking page takes it from here.
__all__ = ["EntryPage", "EntryWords", "scrolling_page"]


class EntryWords(NamedTuple):
    """A page's own words in one language (the flow's, from ``ui_text``)."""

    title: str
    label: str
    hint: str
    action: str
    done: str
    # More about what happens, under the hint (None: the page has none).
    body: str | None = None


class EntryPage(QWidget):
    # The customer pressed the page's button (or Enter, or Done on the keyboard): what they
    # typed, without the spaces round it.
    submitted = Signal(str)
    # They have their answer and are done.
    done = Signal()

    # The state the page reports (a subclass may check more, as a sensitive box does).
    STATE: ClassVar[type[EntryScreen]] = EntryScreen
    # What was typed is the customer's to keep: the state carries only the mask.
    SENSITIVE: ClassVar[bool] = False

    def __init__(
        self, name: str, keyboard: str, parent: QWidget | None = None, *, max_length: int = 20
    ) -> None:
        """``name`` is the page's object name (its parts' names start with it); ``keyboard``
        the on-screen keyboard's board for the box."""
        super().__init__(parent)
        self.setObjectName(name)
        self._language = "en"
        self._problem: str | None = None
        self._busy = False
        self.page_scroll, outer = scrolling_page(self)
        self.title: QLabel = label("", "title")
        outer.addWidget(self.title)
        outer.addWidget(self._build_asking(name, keyboard, max_length))
        self.message: QLabel = label("", "error")
        self.message.setObjectName(f"{name}Message")
        outer.addWidget(self.message)
        outer.addWidget(self._build_result(name))
        outer.addStretch(1)
        self.action_button.clicked.connect(self._on_submit)
        self.edit.returnPressed.connect(self._on_submit)
        self.done_button.clicked.connect(self.done)

    def _build_asking(self, name: str, keyboard: str, max_length: int) -> QWidget:
        """The box with its label and the button beside it, then the hint and the body
        below it: while typing, the heading, the box's label and the box stay in view."""
        self.asking = QWidget()
        asking = QVBoxLayout(self.asking)
        asking.setContentsMargins(0, 0, 0, 0)
        asking.setSpacing(16)
        self.box_label: QLabel = label("", "label")
        asking.addWidget(self.box_label)
        row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{name}Input")
        self.edit.setProperty("keyboard", keyboard)
        self.edit.setMaxLength(max_length)
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.box_label.setBuddy(self.edit)
        row.addWidget(self.edit, 1)
        self.action_button = button("", "primary")
        self.action_button.setObjectName(f"{name}Action")
        row.addWidget(self.action_button)
        asking.addLayout(row)
        self.hint: QLabel = label("", "hint")
        asking.addWidget(self.hint)
        self.body: QLabel = label("", "body")
        asking.addWidget(self.body)
        return self.asking

    def _build_result(self, name: str) -> QWidget:
        """The answer, large, the lines under it, and Done."""
        self.result = QWidget()
        self.result.setObjectName(f"{name}Result")
        result = QVBoxLayout(self.result)
        result.setContentsMargins(0, 0, 0, 0)
        result.setSpacing(16)
        self.headline: QLabel = label("", "welcomeTitle")
        self.headline.setObjectName(f"{name}Headline")
        result.addWidget(self.headline)
        self._lines = QVBoxLayout()
        self._lines.setSpacing(16)
        result.addLayout(self._lines)
        self.done_button = button("", "primary")
        self.done_button.setObjectName(f"{name}Done")
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_button)
        done_row.addStretch(1)
        result.addLayout(done_row)
        return self.result

    # What a page adds --------------------------------------------------------------------

    def _words(self, language: str) -> EntryWords:
        raise NotImplementedError

    def _answer(self, language: str) -> EntryResult | None:
        """The answer to show in place of the asking, worded; None while asking."""
        raise NotImplementedError

    def _forget(self) -> None:
        """Drop the answer (the customer has gone)."""
        raise NotImplementedError

    # Driving it (the kiosk) -----------------------------------------------------------------

    def reset(self) -> None:
        """Back to asking, with nothing typed: what was typed goes with the customer."""
        self.edit.clear()
        self._forget()
        self._problem = None
        self._busy = False
        self._refresh()

    @property
    def language(self) -> str:
        """The customer's language, as the window last set it."""
        return self._language

    def set_language(self, language: str) -> None:
        self._language = language
        self._refresh()

    def show_busy(self) -> None:
        self._busy = True
        self._problem = None
        self._refresh()

    def show_problem(self, text: str) -> None:
        """Something the customer should know (what is wrong, no network); what they typed
        stays."""
        self._busy = False
        self._problem = text
        self._refresh()

    def _answered(self) -> None:
        """The answer has come (a subclass has kept it): what was typed goes."""
        self._busy = False
        self._problem = None
        self.edit.clear()
        self._refresh()

    def result_lines(self) -> list[QLabel]:
        """The lines under the answer, as shown."""
        found = (self._lines.itemAt(i) for i in range(self._lines.count()))
        return [
            widget
            for item in found
            if item is not None
            and isinstance(widget := item.widget(), QLabel)
            and not widget.isHidden()
        ]

    def spoken_text(self) -> str:
        """What the reader says on arriving at the page, or when the answer comes."""
        state = self._state(typed="")
        if state.result is not None:
            return " ".join((state.result.headline, *state.result.lines))
        return " ".join(part for part in (state.title, state.body) if part)

    @property
    def answered(self) -> bool:
        """The answer is on the page (the question is no longer asked)."""
        return self._answer(self._language) is not None

    def _on_submit(self) -> None:
        if self.action_button.isEnabled() and not self.answered:
            self.submitted.emit(self.edit.text().strip())

    def _refresh(self) -> None:
        self._draw(self._state(typed=""))

    # The state: what the page shows, and drawing it ------------------------------------------

    def _state(self, *, typed: str) -> EntryScreen:
        words = self._words(self._language)
        return self.STATE(
            title=words.title,
            label=words.label,
            hint=words.hint,
            body=words.body,
            typed=typed,
            action=words.action,
            busy=self._busy,
            message=self._problem,
            result=self._answer(self._language),
            done=words.done,
        )

    def screen_state(self) -> EntryScreen:
        """What the page shows, worded (for the desk's mirror); a sensitive box as the mask."""
        typed = self.edit.text()
        return self._state(typed=MASK if self.SENSITIVE and typed else typed)

    def show_screen(self, state: EntryScreen) -> None:
        """Draw the page as the kiosk reported it (the mirror)."""
        self._draw(state)
        if self.edit.text() != state.typed:
            self.edit.setText(state.typed)

    def _draw(self, state: EntryScreen) -> None:
        self.title.setText(state.title)
        self.box_label.setText(state.label)
        self.edit.setAccessibleName(state.label)
        self.hint.setText(state.hint)
        self.body.setText(state.body or "")
        self.body.setVisible(state.body is not None)
        # Waiting for the answer: the button stays readable in its own colours, its words
        # ending in an ellipsis (greyed out, they were hard to read on the green).
        self.action_button.setText(f"{state.action}…" if state.busy else state.action)
        self.action_button.setAccessibleName(state.action)
        self.action_button.setEnabled(not state.busy)
        if self.action_button.property("busy") != state.busy:
            self.action_button.setProperty("busy", state.busy)
            self.action_button.style().unpolish(self.action_button)
            self.action_button.style().polish(self.action_button)
        self.done_button.setText(state.done)
        self.done_button.setAccessibleName(state.done)
        self.message.setText(state.message or "")
        self.message.setVisible(state.message is not None)
        self.asking.setVisible(state.result is None)
        self.result.setVisible(state.result is not None)
        result = state.result or EntryResult(headline="")
        self.headline.setText(result.headline)
        self._show_lines(result.lines)

    def _show_lines(self, lines: tuple[str, ...]) -> None:
        while self._lines.count() < len(lines):
            self._lines.addWidget(label("", "body"))
        for index in range(self._lines.count()):
            item = self._lines.itemAt(index)
            line = item.widget() if item is not None else None
            if isinstance(line, QLabel):
                line.setText(lines[index] if index < len(lines) else "")
                line.setVisible(index < len(lines))
