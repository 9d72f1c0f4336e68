"""The flow engine: a service's steps, what is valid on each, and the screen they draw.

Plain Python, deterministic, no Qt and no I/O: the kiosk drives it, and the staff desk draws
the :class:`ScreenState` it publishes.
"""

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
