"""The flow engine: where a customer is in a service, what is valid, what comes next.

A :class:`Flow` is immutable: every action returns a new one, so undo is keeping the old
one and mirroring is publishing ``screen_state()`` after each action. Nothing here does
I/O or reads a clock; the time comes in as an argument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any

from shared import references
from shared.cases.schemas import CaseCreate, Channel, ContactDetails, Place
from shared.catalogue.answers import DEFAULT_MAX_LENGTH, check_answers
from shared.catalogue.codes import LANGUAGE_PATTERN
from shared.catalogue.schemas import Attribute, Service
from shared.errors import Conflict, InvalidInput
from shared.flow import steps, texts
from shared.flow.checks import Raw, answered, check_field, check_step
from shared.flow.masking import masked_value
from shared.flow.screen_state import (
    MASK,
    Accessibility,
    CheckRow,
    ErrorText,
    FieldState,
    Option,
    ScreenState,
)
from shared.flow.steps import FieldKind, FieldSpec, Step, StepKind, steps_for

_NO_ANSWERS: Mapping[str, Raw] = MappingProxyType({})
_LANGUAGE = re.compile(LANGUAGE_PATTERN)


@dataclass(frozen=True, slots=True, repr=False)
class Flow:
    service: Service
    steps: tuple[Step, ...]
    step_id: str
    language: str = "en"
    accessibility: Accessibility = field(default_factory=Accessibility)
    # Raw answers by field id, as typed or chosen; checked when the customer goes on.
    answers: Mapping[str, Raw] = field(default_factory=lambda: _NO_ANSWERS)
    # What is wrong with this step's answers, as facts: worded in the current language
    # whenever they are read (``errors``), so changing language re-words them.
    problems: tuple[texts.Problem, ...] = ()
    # The steps behind this one, for Back.
    history: tuple[str, ...] = ()
    # Reached by Change from the check step: going on (or back) returns there.
    changing: bool = False
    # The answers as they were when Change was pressed, restored if the customer goes back.
    before_change: Mapping[str, Raw] | None = None
    focused: str | None = None
    # How many times the customer was held on a step by a problem with their answers.
    errors_met: int = 0
    step_started_at: datetime | None = None
    reference: str | None = None
    # Working days the council takes to reply, from the service's SLA in the catalogue
    # (so an offline kiosk knows it too); set on submission, while the answers are known.
    response_days: int | None = None
    offline: bool = False
    finished: bool = False

    def __repr__(self) -> str:
        # Answers are customer data: they never appear in a repr, so never in a log line.
        return (
            f"Flow(service={self.service.code!r}, step={self.step_id!r}, "
            f"answers={len(self.answers)}, errors={len(self.problems)}, "
            f"language={self.language!r})"
        )

    # Starting --------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        service: Service,
        language: str = "en",
        accessibility: Accessibility | None = None,
        *,
        now: datetime | None = None,
    ) -> Flow:
        all_steps = steps_for(service)
        return cls(
            service=service,
            steps=all_steps,
            step_id=all_steps[0].id,
            language=_language(language),
            accessibility=accessibility or Accessibility(),
            step_started_at=_moment(now),
        )

    def start_again(self, *, now: datetime | None = None) -> Flow:
        """Every answer, error and step forgotten; the language and accessibility kept."""
        return Flow.start(self.service, self.language, self.accessibility, now=now)

    # Where we are ----------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self._step(self.step_id)

    @property
    def errors(self) -> tuple[ErrorText, ...]:
        """This step's problems, in the customer's language."""
        return tuple(
            ErrorText(id=p.message_id, text=p.words(self.language), field=p.field)
            for p in self.problems
        )

    @property
    def can_go_back(self) -> bool:
        return bool(self.history)

    @property
    def can_leave(self) -> bool:
        """On the service's first screen, Back leaves the service (for the services list)."""
        return not self.history and not self.finished and self.step_id == self.steps[0].id

    @property
    def has_answers(self) -> bool:
        """Whether the customer has typed or chosen anything that Start again would lose
        (once finished, nothing: the visit is over)."""
        return not self.finished and any(answered(value) for value in self.answers.values())

    @property
    def asking_steps(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.kind.asks)

    @property
    def step_number(self) -> int | None:
        asking = [s.id for s in self.asking_steps]
        return asking.index(self.step_id) + 1 if self.step_id in asking else None

    @property
    def rating(self) -> tuple[str, str | None] | None:
        """The customer's rating and reason, once they have given one (rating is optional:
        a customer who finishes without one gave none)."""
        if not self.finished or self.step.kind is not StepKind.FEEDBACK:
            return None
        rating = check_field(_spec(self.step, steps.RATING), self.answers.get(steps.RATING))
        if rating is None:
            return None
        reason = check_field(_spec(self.step, steps.REASON), self.answers.get(steps.REASON))
        return rating, reason

    def unmasked_values(self) -> dict[str, Raw]:
        """What goes where this screen's state says ``masked``, keyed by field id.

        For the kiosk's own widgets only: on a question step, the raw sensitive answers;
        on the check step, the words of each masked row. A screen state never holds these.
        """
        if self.step.kind is StepKind.CHECK:
            return {
                row.field: self._words(spec, value)
                for row, spec, value in self._check_values()
                if spec.sensitive and value is not None
            }
        return {
            spec.id: self.answers[spec.id]
            for spec in self.step.fields
            if spec.sensitive and answered(self.answers.get(spec.id))
        }

    # Actions ---------------------------------------------------------------------------

    def answer(self, field_id: str, value: Any) -> Flow:
        """Record what the customer typed or chose, unchecked; clears that field's error."""
        if self.step.field(field_id) is None:
            raise InvalidInput("This question is not on this screen.", field=field_id)
        answers = dict(self.answers)
        answers[field_id] = _raw(value)
        return replace(
            self,
            answers=MappingProxyType(answers),
            problems=tuple(p for p in self.problems if p.field != field_id),
            focused=field_id,
        )

    def focus(self, field_id: str | None) -> Flow:
        if field_id is not None and self.step.field(field_id) is None:
            raise InvalidInput("This question is not on this screen.", field=field_id)
        return replace(self, focused=field_id)

    def next(self, now: datetime) -> Flow:
        """Check this step's answers: go on if they are acceptable, else stay and say why."""
        kind = self.step.kind
        if kind is StepKind.CHECK:
            raise Conflict("The check step is left by submitting, not by going on.")
        if kind in (StepKind.INFORMATION, StepKind.CONFIRMATION):
            return self._go(steps.FEEDBACK, now)
        _, found = check_step(self.step, self.answers)
        if found:
            problems = tuple(texts.Problem.of(p) for p in found)
            return replace(
                self,
                problems=problems,
                focused=problems[0].field,
                errors_met=self.errors_met + 1,
            )
        if kind is StepKind.FEEDBACK:
            return replace(self, problems=(), focused=None, finished=True)
        if self.changing:
            return self._return_to_check(self.answers, now)
        return self._go(self._following().id, now)

    def back(self, *, now: datetime | None = None) -> Flow:
        """The step before, without checking this one; from a Change, its edits undone."""
        if not self.history:
            raise Conflict("There is no step to go back to.")
        if self.changing:
            before = self.answers if self.before_change is None else self.before_change
            return self._return_to_check(before, now)
        return replace(
            self,
            step_id=self.history[-1],
            history=self.history[:-1],
            problems=(),
            focused=None,
            step_started_at=_moment(now),
        )

    def change(self, step_id: str, *, now: datetime | None = None) -> Flow:
        """From the check step, go to one step to change it; going on comes back here."""
        if self.step.kind is not StepKind.CHECK:
            raise Conflict("Answers are changed from the check step.")
        if not self._step(step_id).kind.asks:
            raise InvalidInput("That step has no answers to change.", field="step_id")
        return replace(
            self,
            step_id=step_id,
            history=(*self.history, self.step_id),
            changing=True,
            before_change=self.answers,
            problems=(),
            focused=None,
            step_started_at=_moment(now),
        )

    def set_language(self, language: str) -> Flow:
        return replace(self, language=_language(language))

    def set_accessibility(
        self,
        *,
        large_text: bool | None = None,
        high_contrast: bool | None = None,
        speech: bool | None = None,
    ) -> Flow:
        """Change any of the settings; the ones not given stay as they are."""
        given = {"large_text": large_text, "high_contrast": high_contrast, "speech": speech}
        update = {k: v for k, v in given.items() if v is not None}
        return replace(self, accessibility=replace(self.accessibility, **update))

    def submitted(
        self, reference_display: str, offline: bool = False, *, now: datetime | None = None
    ) -> Flow:
        """The request is recorded (or queued, when offline): show its reference.

        The answers are forgotten here: from now on only the outbox holds them.
        """
        if self.step.kind is not StepKind.CHECK:
            raise Conflict("Only a checked request can be submitted.")
        return replace(
            self,
            step_id=steps.CONFIRMATION,
            history=(),
            answers=_NO_ANSWERS,
            problems=(),
            changing=False,
            before_change=None,
            focused=None,
            step_started_at=_moment(now),
            reference=references.parse(reference_display).display,
            response_days=self._response_days(),
            offline=offline,
        )

    def feedback(self, rating: str | None, reason: str | None = None, *, now: datetime) -> Flow:
        """Record the customer's rating of the visit (Good, Average or Poor) and why."""
        if self.step.kind is not StepKind.FEEDBACK:
            raise Conflict("Feedback is given on the feedback step.")
        return self.answer(steps.RATING, rating).answer(steps.REASON, reason).next(now)

    # Submission ------------------------------------------------------------------------

    def _response_days(self) -> int | None:
        """The service's SLA for these answers (a hazard may be sooner), in working days."""
        clean: dict[str, Any] = {}
        for step in self.asking_steps:
            values, _ = check_step(step, self.answers)
            clean.update(values)
        return self.service.sla_working_days(clean)

    def to_case_create(
        self, channel: Channel | None = None, *, reference: str | None = None
    ) -> CaseCreate:
        """The submission, from answers that have all been checked."""
        if self.step.kind is not StepKind.CHECK:
            raise Conflict("A request is submitted from the check step.")
        clean: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for step in self.asking_steps:
            values, found = check_step(step, self.answers)
            clean.update(values)
            problems.update({str(p.details.get("field")): p.message for p in found})
        if problems:
            raise InvalidInput("Some answers need another look.", fields=problems)
        attributes = {a.code for a in self.service.attributes}
        answers = check_answers(self.service, {k: v for k, v in clean.items() if k in attributes})
        place = None
        if self.service.location_required:
            place = Place(
                postcode=clean.get(steps.POSTCODE),
                address=clean.get(steps.ADDRESS),
                uprn=clean.get(steps.UPRN),
            )
        contact = {
            "first_name": clean.get(steps.FIRST_NAME),
            "last_name": clean.get(steps.LAST_NAME),
            "email": clean.get(steps.EMAIL),
            "phone": clean.get(steps.PHONE),
        }
        customer = None
        if any(contact.values()):
            customer = ContactDetails(
                first_name=contact["first_name"],
                last_name=contact["last_name"],
                email=contact["email"],
                phone=contact["phone"],
                notify_by=clean.get(steps.NOTIFY_BY) or [],
            )
        return CaseCreate(
            service_code=self.service.code,
            description=clean.get(steps.DESCRIPTION_TEXT, ""),
            answers=answers,
            place=place,
            customer=customer,
            channel=channel,
            reference=reference,
        )

    # The screen ------------------------------------------------------------------------

    def screen_state(self, sequence: int) -> ScreenState:
        """Everything needed to draw this screen, in the customer's language, secrets masked."""
        step, language = self.step, self.language
        return ScreenState(
            sequence=sequence,
            service_code=self.service.code,
            service_name=texts.service_name(self.service, language),
            help_text=texts.service_help(self.service, language),
            step_id=step.id,
            step_kind=step.kind,
            step_number=self.step_number,
            step_count=len(self.asking_steps),
            title=self._title(),
            body=self._body(),
            fields=tuple(self._field_state(spec) for spec in step.fields),
            errors=self.errors,
            check_rows=self._check_rows() if step.kind is StepKind.CHECK else (),
            can_go_back=self.can_go_back,
            can_leave=self.can_leave,
            changing=self.changing,
            reference=self.reference,
            response_days=self.response_days if step.kind is StepKind.CONFIRMATION else None,
            offline=self.offline,
            language=language,
            direction=texts.direction(language),
            accessibility=self.accessibility,
            focus=self.focused,
        )

    def _title(self) -> str:
        step = self.step
        if step.kind is StepKind.QUESTION:
            attribute = step.fields[0].attribute
            if len(step.fields) == 1 and attribute is not None:
                return texts.question(attribute, self.language)
            return texts.service_name(self.service, self.language)
        if step.kind is StepKind.INFORMATION:
            return texts.service_name(self.service, self.language)
        return texts.ui_text(f"step.{step.kind.value}.title", self.language)

    def _body(self) -> str | None:
        kind, language = self.step.kind, self.language
        if kind is StepKind.INFORMATION:
            information = texts.service_information(self.service, language)
            return information or texts.service_description(self.service, language)
        if kind is StepKind.CONTACT:
            named = any(spec.required for spec in self.step.fields)
            return texts.ui_text(
                "step.contact.body.named" if named else "step.contact.body.optional", language
            )
        if kind is StepKind.CONFIRMATION:
            which = "step.confirmation.body.offline" if self.offline else "step.confirmation.body"
            return texts.ui_text(which, language)
        if kind in (StepKind.PLACE, StepKind.DESCRIPTION, StepKind.CHECK):
            return texts.ui_text(f"step.{kind.value}.body", language)
        return None

    def _field_state(self, spec: FieldSpec) -> FieldState:
        raw = self.answers.get(spec.id)
        value: Any = raw
        if spec.sensitive:
            value = masked_value(raw)
        attribute = spec.attribute
        return FieldState(
            id=spec.id,
            kind=spec.kind,
            label=self._label(spec),
            hint=texts.hint(attribute, self.language) if attribute else self._own_hint(spec),
            required=spec.required,
            options=tuple(
                Option(key=key, label=self._option(spec, key)) for key in _option_keys(spec)
            ),
            value=value,
            masked=spec.sensitive,
            max_length=spec.max_length or _default_max_length(attribute),
            min_value=attribute.min_value if attribute else None,
            max_value=attribute.max_value if attribute else None,
        )

    def _label(self, spec: FieldSpec) -> str:
        if spec.attribute is not None:
            return texts.question(spec.attribute, self.language)
        return texts.ui_text(f"field.{spec.id}.label", self.language)

    def _own_hint(self, spec: FieldSpec) -> str | None:
        message_id = f"field.{spec.id}.hint"
        return texts.ui_text(message_id, self.language) if message_id in texts.ENGLISH else None

    def _option(self, spec: FieldSpec, key: str) -> str:
        if spec.attribute is not None:
            return texts.option(spec.attribute, key, self.language)
        return texts.ui_text(f"option.{spec.id.split('.')[-1]}.{key}", self.language)

    def _check_rows(self) -> tuple[CheckRow, ...]:
        rows: list[CheckRow] = []
        for row, spec, value in self._check_values():
            if value is None:
                text = texts.ui_text("check.not_answered", self.language)
                rows.append(replace(row, value=text))
            elif spec.sensitive:
                rows.append(replace(row, value=MASK, answered=True))
            else:
                words = self._words(spec, value)
                typed = _typed(spec, value)
                rows.append(replace(row, value=words, answered=True, **typed))
        return tuple(rows)

    def _check_values(self) -> list[tuple[CheckRow, FieldSpec, Any]]:
        """Each check row (without its value yet), the field it shows, and its answer."""
        found: list[tuple[CheckRow, FieldSpec, Any]] = []
        for step in self.asking_steps:
            for spec in step.fields:
                if spec.kind is FieldKind.UPRN or spec.id == steps.LAST_NAME:
                    continue
                label, value = self._label(spec), self._clean(spec)
                if spec.id == steps.FIRST_NAME:
                    # One row for the whole name, as the customer would read it.
                    label = texts.ui_text("check.name", self.language)
                    parts = (value, self._clean(_spec(step, steps.LAST_NAME)))
                    value = " ".join(p for p in parts if p) or None
                row = CheckRow(
                    field=spec.id,
                    label=label,
                    value="",
                    answered=False,
                    masked=spec.sensitive,
                    change_step=step.id,
                )
                found.append((row, spec, value))
        return found

    def _clean(self, spec: FieldSpec) -> Any:
        raw = self.answers.get(spec.id)
        try:
            return check_field(spec, raw)
        except InvalidInput:
            # Only checked answers reach the check step; show anything else as typed.
            return raw if answered(raw) else None

    def _words(self, spec: FieldSpec, value: Any) -> str:
        """An answer as the customer would say it: option labels, plain numbers, dates."""
        if isinstance(value, list | tuple):
            return ", ".join(self._option(spec, str(key)) for key in value)
        if spec.kind is FieldKind.SINGLEVALUELIST:
            return self._option(spec, str(value))
        if isinstance(value, float):
            return _plain_number(value)
        if spec.kind is FieldKind.DATETIME and isinstance(value, str):
            return _plain_datetime(value)
        return str(value)

    # Moving ----------------------------------------------------------------------------

    def _step(self, step_id: str) -> Step:
        found = next((s for s in self.steps if s.id == step_id), None)
        if found is None:
            raise InvalidInput("This service has no such step.", field="step_id")
        return found

    def _following(self) -> Step:
        ids = [s.id for s in self.steps]
        return self.steps[ids.index(self.step_id) + 1]

    def _go(self, step_id: str, now: datetime) -> Flow:
        return replace(
            self,
            step_id=step_id,
            history=(*self.history, self.step_id),
            problems=(),
            focused=None,
            step_started_at=_moment(now),
        )

    def _return_to_check(self, answers: Mapping[str, Raw], now: datetime | None) -> Flow:
        return replace(
            self,
            step_id=self.history[-1],
            history=self.history[:-1],
            answers=answers,
            changing=False,
            before_change=None,
            problems=(),
            focused=None,
            step_started_at=_moment(now),
        )


def _language(code: str) -> str:
    if not _LANGUAGE.match(code):
        raise InvalidInput("That is not a language code.", field="language")
    return code


def _moment(now: datetime | None) -> datetime | None:
    if now is not None and now.utcoffset() is None:
        raise ValueError("the flow's times must carry a time zone")
    return now


def _raw(value: Any) -> Raw:
    """What a widget gave, in one immutable form: text, a number, or a tuple of keys."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("an answer is text, a number or a list of choices, not a bool")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"an answer is text, a number or a list of choices, not {type(value)}")


def _spec(step: Step, field_id: str) -> FieldSpec:
    found = step.field(field_id)
    if found is None:
        raise InvalidInput("This question is not on this screen.", field=field_id)
    return found


def _option_keys(spec: FieldSpec) -> tuple[str, ...]:
    if spec.attribute is not None:
        return tuple(v.key for v in spec.attribute.values)
    return spec.choices


def _default_max_length(attribute: Attribute | None) -> int | None:
    if attribute is None:
        return None
    return DEFAULT_MAX_LENGTH.get(attribute.datatype)


def _plain_number(number: float) -> str:
    if not math.isfinite(number):
        return str(number)
    return str(int(number)) if number.is_integer() else str(number)


def _typed(spec: FieldSpec, value: Any) -> dict[str, Any]:
    """A date or number answer's value, for a screen to word in the customer's language."""
    if isinstance(value, float) and math.isfinite(value):
        return {"number": value}
    if spec.kind is FieldKind.DATETIME and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return {}
        return {
            "moment": moment,
            "whole_day": (moment.hour, moment.minute, moment.second) == (0, 0, 0),
        }
    return {}


def _plain_datetime(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%d/%m/%Y")
    return moment.strftime("%d/%m/%Y %H:%M")
