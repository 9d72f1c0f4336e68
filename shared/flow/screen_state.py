"""ScreenState: everything needed to draw one kiosk screen, and nothing secret.

The kiosk draws its own screen from it and publishes it; the staff desk draws the same
state with the same widgets. It carries every word already in the customer's language, so
drawing it needs no catalogue, and it never carries a sensitive answer: those fields say
``masked`` and hold :data:`MASK` (or nothing, when unanswered) instead.

``v`` is the schema version. A change that an older reader could misread gets a new
version; readers refuse versions they do not know.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Final, Literal

from shared.flow.steps import FieldKind, StepKind
from shared.schema import number, schema

SCHEMA_VERSION: Final = 1
MASK = "••••••"

# A field's value as typed or chosen (never a sensitive one).
FieldValue = str | float | tuple[str, ...]


# A schema's version: readers refuse a version they do not know.
VersionOne = Literal[1]


@schema
class Accessibility:
    large_text: bool = False
    high_contrast: bool = False
    speech: bool = False


@schema
class ErrorText:
    """A message for the customer: a stable ``id``, and its text in the state's language."""

    id: str
    text: str
    # The field it sits beside; ``None`` for a message about the whole screen.
    field: str | None = None


@schema
class Option:
    key: str
    label: str


@schema
class FieldState:
    id: str
    kind: FieldKind
    label: str
    hint: str | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    # What the customer has typed or chosen, as they gave it (``MASK`` when masked).
    value: FieldValue | None = None
    masked: bool = False
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None


@schema
class CheckRow:
    field: str
    label: str
    # The answer as words (option labels, not keys); "Not answered" when empty. A date or
    # a number also has its value below, for a screen to word in the customer's
    # language's conventions (``value`` is then a plain fallback, "19/11/2026 09:00").
    value: str
    answered: bool
    masked: bool = False
    # The step the Change link goes to.
    change_step: str
    # A date or time answer (``whole_day``: a date with no time of day), or a number.
    moment: datetime | None = None
    whole_day: bool = False
    number: float | None = None


@schema
class ScreenState:
    v: VersionOne = SCHEMA_VERSION
    # Set by the publisher; a reader ignores a state older than one it has drawn.
    sequence: Annotated[int, *number(ge=0)]
    service_code: str
    service_name: str
    help_text: str = ""
    step_id: str
    step_kind: StepKind
    # Position among the steps that ask something ("step 2 of 5"); None on other steps.
    step_number: int | None = None
    step_count: int = 0
    title: str
    body: str | None = None
    fields: tuple[FieldState, ...] = ()
    errors: tuple[ErrorText, ...] = ()
    check_rows: tuple[CheckRow, ...] = ()
    can_go_back: bool = False
    # The service's first screen: Back leaves the service, for the list of services.
    can_leave: bool = False
    # Reached by a Change link: going on returns to the check step.
    changing: bool = False
    reference: str | None = None
    # On the confirmation: the working days the council takes to reply (its SLA).
    response_days: Annotated[int, *number(ge=1)] | None = None
    offline: bool = False
    language: str
    direction: Literal["ltr", "rtl"] = "ltr"
    accessibility: Accessibility = Accessibility()
    focus: str | None = None
