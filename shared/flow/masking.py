"""The one rule for hiding a sensitive answer on a screen, and a check that applies it.

The flow engine masks as it builds a :class:`ScreenState` on the kiosk (:func:`masked_value`).
The live hub applies the same rule again to every state a kiosk shares
(:func:`mask_screen_state`), from the catalogue's own definition of the service, so that a
kiosk that forgot to mask (a bug, an old version) still never shows a greeter an answer the
catalogue calls sensitive.
"""

from __future__ import annotations

from dataclasses import replace

from shared.catalogue.schemas import Service
from shared.flow import texts
from shared.flow.checks import Raw, answered
from shared.flow.screen_state import MASK, CheckRow, FieldState, ScreenState
from shared.flow.steps import steps_for


def masked_value(value: Raw) -> str | None:
    """What a sensitive field shows: :data:`MASK` when answered, nothing when not."""
    return MASK if answered(value) else None


def _field_ids(service: Service) -> tuple[frozenset[str], frozenset[str]]:
    """Every field id of ``service``'s flow, and those of them that are sensitive."""
    specs = [spec for step in steps_for(service) for spec in step.fields]
    return (
        frozenset(spec.id for spec in specs),
        frozenset(spec.id for spec in specs if spec.sensitive),
    )


def mask_screen_state(state: ScreenState, service: Service | None) -> ScreenState:
    """``state`` with every answer the catalogue calls sensitive masked, whatever the sender
    marked. A field the service does not have, or any field when the service is not known
    (``None``), counts as sensitive: only answers known to be harmless pass."""
    known, sensitive = _field_ids(service) if service is not None else (frozenset(), frozenset())

    def hidden(field_id: str, masked: bool) -> bool:
        return masked or field_id in sensitive or field_id not in known

    fields = tuple(
        _mask_field(field) if hidden(field.id, field.masked) else field for field in state.fields
    )
    rows = tuple(
        _mask_row(row, state.language) if hidden(row.field, row.masked) else row
        for row in state.check_rows
    )
    if fields == state.fields and rows == state.check_rows:
        return state
    return replace(state, fields=fields, check_rows=rows)


def _mask_field(field: FieldState) -> FieldState:
    value = masked_value(field.value)
    if field.masked and field.value == value:
        return field
    return replace(field, value=value, masked=True)


def _mask_row(row: CheckRow, language: str) -> CheckRow:
    # An unanswered row says so, in the customer's language, exactly as the engine writes it.
    value = MASK if row.answered else texts.ui_text("check.not_answered", language)
    if row.masked and row.value == value and row.moment is None and row.number is None:
        return row
    return replace(row, value=value, masked=True, moment=None, whole_day=False, number=None)
