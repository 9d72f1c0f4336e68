"""Masking a screen from the catalogue: the engine's rule, applied again to what a kiosk sent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from shared.catalogue import Catalogue, Service
from shared.flow import MASK, Flow, ScreenState, StepKind
from shared.flow.masking import mask_screen_state, masked_value
from tests.shared.flow.helpers import NOW, good_answers


def _screens(service: Service) -> Iterator[tuple[Flow, ScreenState]]:
    """Every screen of the service up to its check step, answered with good answers."""
    answers = good_answers(service)
    flow = Flow.start(service, "pl", now=NOW)
    for _ in range(len(flow.steps)):
        for spec in flow.step.fields:
            if spec.id in answers:
                flow = flow.answer(spec.id, answers[spec.id])
        yield flow, flow.screen_state(1)
        if flow.step.kind in (StepKind.CHECK, StepKind.INFORMATION):
            return
        flow = flow.next(NOW)


def _leaked(flow: Flow, state: ScreenState) -> ScreenState:
    """What a kiosk that forgot to mask would send: the customer's own answers in place."""
    plain = flow.unmasked_values()
    fields = tuple(
        replace(f, value=plain[f.id], masked=False) if f.id in plain else f for f in state.fields
    )
    rows = tuple(
        replace(r, value=str(plain[r.field]), masked=False) if r.field in plain else r
        for r in state.check_rows
    )
    return replace(state, fields=fields, check_rows=rows)


def test_a_leaked_screen_is_masked_exactly_as_the_engine_masks(catalogue: Catalogue) -> None:
    leaks = 0
    for service in catalogue.services:
        for flow, state in _screens(service):
            leaked = _leaked(flow, state)
            leaks += leaked != state
            assert mask_screen_state(leaked, service) == state, (service.code, flow.step_id)
            # A screen the engine made is passed on as it is.
            assert mask_screen_state(state, service) is state
    assert leaks > 10  # the catalogue really has sensitive answers on many screens


def test_a_kiosk_that_marks_nothing_still_has_the_catalogues_sensitive_answers_masked(
    catalogue: Catalogue,
) -> None:
    service = catalogue.service("parking_permit")
    assert service is not None
    flow, state = next((f, s) for f, s in _screens(service) if f.step.field("vehicle_registration"))
    leaked = _leaked(flow, state)
    registration = next(f for f in leaked.fields if f.id == "vehicle_registration")
    assert registration.value not in (None, MASK)
    assert not registration.masked
    masked = mask_screen_state(leaked, service)
    shown = next(f for f in masked.fields if f.id == "vehicle_registration")
    assert (shown.value, shown.masked) == (MASK, True)


def test_an_unknown_service_or_field_has_every_answer_masked(catalogue: Catalogue) -> None:
    service = catalogue.service("missed_bin")
    assert service is not None
    _, state = next((f, s) for f, s in _screens(service) if f.step.kind is StepKind.CHECK)
    rows = {r.field: r for r in state.check_rows}
    assert rows["bin"].value != MASK  # harmless: the bin's name is shown
    everything = mask_screen_state(state, None)
    assert all(r.masked for r in everything.check_rows)
    assert {r.value for r in everything.check_rows if r.answered} == {MASK}
    assert all(r.value != MASK for r in everything.check_rows if not r.answered)
    _, asked = next((f, s) for f, s in _screens(service) if f.step.field("bin"))
    renamed = replace(asked, fields=tuple(replace(f, id="secret") for f in asked.fields))
    assert {f.value for f in asked.fields} - {MASK, None}  # there was an answer to hide
    assert {f.value for f in mask_screen_state(renamed, service).fields} <= {MASK, None}


@pytest.mark.parametrize(("value", "shown"), [("x", MASK), ("", None), (None, None), ((), None)])
def test_a_masked_value_says_only_whether_there_is_an_answer(value: object, shown: object) -> None:
    assert masked_value(value) == shown  # type: ignore[arg-type]


def test_a_masked_date_or_number_keeps_no_value_behind_the_mask(catalogue: Catalogue) -> None:
    """A check row's typed value (for wording a date or number) goes with its words."""
    service = catalogue.service("parking_permit")
    assert service is not None
    _, state = next((f, s) for f, s in _screens(service) if f.step.kind is StepKind.CHECK)
    rows = {r.field: r for r in state.check_rows}
    assert rows["start_date"].moment is not None
    assert rows["permits_needed"].number is not None
    everything = {r.field: r for r in mask_screen_state(state, None).check_rows}
    for field in ("start_date", "permits_needed"):
        assert (everything[field].value, everything[field].moment) == (MASK, None)
        assert everything[field].number is None
