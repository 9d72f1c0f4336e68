"""The flow engine: a service's steps, what is valid on each, and the screen they draw.

Plain Python, deterministic, no Qt and no I/O: the kiosk drives it, and the staff desk draws
the :class:`ScreenState` it publishes.
"""

from typing import TYPE_CHECKING

from shared.lazy import lazy_names

if TYPE_CHECKING:
    from shared.flow.engine import Flow
    from shared.flow.screen_state import (
        MASK,
        SCHEMA_VERSION,
        Accessibility,
        CheckRow,
        ErrorText,
        FieldState,
        Option,
        ScreenState,
    )
    from shared.flow.steps import FieldKind, FieldSpec, Step, StepKind, steps_for

# At run time only: to the type checker the names are the imports above.
if not TYPE_CHECKING:
    __getattr__ = lazy_names(
        __name__,
        {
            "Flow": "engine",
            "MASK": "screen_state",
            "SCHEMA_VERSION": "screen_state",
            "Accessibility": "screen_state",
            "CheckRow": "screen_state",
            "ErrorText": "screen_state",
            "FieldState": "screen_state",
            "Option": "screen_state",
            "ScreenState": "screen_state",
            "FieldKind": "steps",
            "FieldSpec": "steps",
            "Step": "steps",
            "StepKind": "steps",
            "steps_for": "steps",
        },
    )

__all__ = [
    "MASK",
    "SCHEMA_VERSION",
    "Accessibility",
    "CheckRow",
    "ErrorText",
    "FieldKind",
    "FieldSpec",
    "FieldState",
    "Flow",
    "Option",
    "ScreenState",
    "Step",
    "StepKind",
    "steps_for",
]
