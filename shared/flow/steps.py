"""The steps of a service's flow, derived from its catalogue definition alone.

* ``information`` services: one ``information`` step, then ``feedback``.
* Everything else: a ``place`` step first when the service needs a location; one question
  step per attribute (attributes sharing a ``screen`` number are asked together), in
  ``order``; a ``description`` step for reports and complaints that do not already ask for
  a required free-text account; a ``contact`` step; ``check``; ``confirmation`` after
  submission; ``feedback``.

Field ids: an attribute's field id is its code. The engine's own fields have dotted ids
(``place.postcode``, ``contact.email``); a catalogue code cannot contain a dot, so the two
never clash.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.cases.schemas import MAX_DESCRIPTION
from shared.catalogue.schemas import Attribute, Datatype, Service, ServiceKind

PLACE = "place"
DESCRIPTION = "description"
CONTACT = "contact"
CHECK = "check"
CONFIRMATION = "confirmation"
FEEDBACK = "feedback"
INFORMATION = "information"
QUESTION_PREFIX = "q:"

POSTCODE = "place.postcode"
ADDRESS = "place.address"
UPRN = "place.uprn"
DESCRIPTION_TEXT = "description.text"
FIRST_NAME = "contact.first_name"
LAST_NAME = "contact.last_name"
EMAIL = "contact.email"
PHONE = "contact.phone"
NOTIFY_BY = "contact.notify_by"
RATING = "feedback.rating"
REASON = "feedback.reason"

NOTIFY_CHANNELS = ("sms", "email")
RATINGS = ("good", "average", "poor")

MAX_ADDRESS = 400
MAX_NAME = 100
MAX_EMAIL = 254
MAX_PHONE = 20
MAX_POSTCODE = 10
MAX_REASON = 1000

# Services done on behalf of a named person: the council cannot act on them anonymously.
NAMED_KINDS = frozenset(
    {ServiceKind.APPLICATION, ServiceKind.CHANGE_OF_ADDRESS, ServiceKind.APPOINTMENT}
)
DESCRIBED_KINDS = frozenset({ServiceKind.REPORT, ServiceKind.COMPLAINT})


class StepKind(StrEnum):
    QUESTION = "question"
    PLACE = "place"
    DESCRIPTION = "description"
    CONTACT = "contact"
    CHECK = "check"
    CONFIRMATION = "confirmation"
    FEEDBACK = "feedback"
    INFORMATION = "information"

    @property
    def asks(self) -> bool:
        """Whether the customer answers on this step (it counts in "step n of m")."""
        return self in _ASKING


_ASKING = frozenset({StepKind.QUESTION, StepKind.PLACE, StepKind.DESCRIPTION, StepKind.CONTACT})


class FieldKind(StrEnum):
    """Which widget draws a field: the Open311 datatypes, then the engine's own kinds."""

    STRING = "string"
    NUMBER = "number"
    DATETIME = "datetime"
    TEXT = "text"
    SINGLEVALUELIST = "singlevaluelist"
    MULTIVALUELIST = "multivaluelist"
    POSTCODE = "postcode"
    ADDRESS = "address"
    UPRN = "uprn"
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a step. ``attribute`` is set for catalogue questions only."""

    id: str
    kind: FieldKind
    required: bool = False
    sensitive: bool = False
    max_length: int | None = None
    # The engine's own choices (option keys); a catalogue question's come from its attribute.
    choices: tuple[str, ...] = ()
    attribute: Attribute | None = None


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: StepKind
    fields: tuple[FieldSpec, ...] = ()

    def field(self, field_id: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.id == field_id), None)


def steps_for(service: Service) -> tuple[Step, ...]:
    if service.kind is ServiceKind.INFORMATION:
        return (Step(INFORMATION, StepKind.INFORMATION), _feedback_step())
    steps: list[Step] = []
    if service.location_required:
        steps.append(_place_step())
    steps.extend(_question_steps(service))
    if _asks_for_description(service):
        steps.append(_description_step(service))
    steps.append(_contact_step(service))
    steps.append(Step(CHECK, StepKind.CHECK))
    steps.append(Step(CONFIRMATION, StepKind.CONFIRMATION))
    steps.append(_feedback_step())
    return tuple(steps)


def question_step_id(attribute: Attribute) -> str:
    return QUESTION_PREFIX + attribute.code


def _question_steps(service: Service) -> list[Step]:
    ordered = sorted(service.attributes, key=lambda a: (a.order, a.code))
    groups: list[list[Attribute]] = []
    by_screen: dict[int, list[Attribute]] = {}
    for attribute in ordered:
        if attribute.screen is None:
            groups.append([attribute])
        elif attribute.screen in by_screen:
            by_screen[attribute.screen].append(attribute)
        else:
            # A shared screen sits where its first question would.
            by_screen[attribute.screen] = [attribute]
            groups.append(by_screen[attribute.screen])
    return [
        Step(
            question_step_id(group[0]),
            StepKind.QUESTION,
            tuple(_attribute_field(a) for a in group),
        )
        for group in groups
    ]


def _attribute_field(attribute: Attribute) -> FieldSpec:
    return FieldSpec(
        id=attribute.code,
        kind=FieldKind(attribute.datatype.value),
        required=attribute.required,
        sensitive=attribute.sensitive,
        max_length=attribute.max_length,
        attribute=attribute,
    )


def _asks_for_description(service: Service) -> bool:
    """Reports and complaints, unless a required free-text question already asks for one."""
    if service.kind not in DESCRIBED_KINDS:
        return False
    return not any(a.datatype is Datatype.TEXT and a.required for a in service.attributes)


def _place_step() -> Step:
    return Step(
        PLACE,
        StepKind.PLACE,
        (
            FieldSpec(POSTCODE, FieldKind.POSTCODE, max_length=MAX_POSTCODE),
            FieldSpec(ADDRESS, FieldKind.ADDRESS, required=True, max_length=MAX_ADDRESS),
            FieldSpec(UPRN, FieldKind.UPRN),
        ),
    )


def _description_step(service: Service) -> Step:
    # A complaint's account of what happened is personal; a report's is about a place.
    sensitive = service.kind is ServiceKind.COMPLAINT
    text = FieldSpec(
        DESCRIPTION_TEXT, FieldKind.TEXT, sensitive=sensitive, max_length=MAX_DESCRIPTION
    )
    return Step(DESCRIPTION, StepKind.DESCRIPTION, (text,))


def _contact_step(service: Service) -> Step:
    named = service.kind in NAMED_KINDS
    return Step(
        CONTACT,
        StepKind.CONTACT,
        (
            FieldSpec(
                FIRST_NAME, FieldKind.NAME, required=named, sensitive=True, max_length=MAX_NAME
            ),
            FieldSpec(
                LAST_NAME, FieldKind.NAME, required=named, sensitive=True, max_length=MAX_NAME
            ),
            FieldSpec(EMAIL, FieldKind.EMAIL, sensitive=True, max_length=MAX_EMAIL),
            FieldSpec(PHONE, FieldKind.PHONE, sensitive=True, max_length=MAX_PHONE),
            FieldSpec(NOTIFY_BY, FieldKind.MULTIVALUELIST, choices=NOTIFY_CHANNELS),
        ),
    )


def _feedback_step() -> Step:
    return Step(
        FEEDBACK,
        StepKind.FEEDBACK,
        (
            # Optional: a customer in a hurry presses Finish and goes.
            FieldSpec(RATING, FieldKind.SINGLEVALUELIST, choices=RATINGS),
            FieldSpec(REASON, FieldKind.TEXT, max_length=MAX_REASON),
        ),
    )
