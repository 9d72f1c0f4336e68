"""Logging an unexpected error without the customer data its message may carry.

An exception's message can quote what it was given (a validation error repeats the input,
a key error names the key), so an unexpected error is logged by its type and where it
happened, never by its message.
"""

from __future__ import annotations

import traceback


def describe(exc: BaseException) -> str:
    """The exception's type and traceback frames, without its message (or its causes')."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    return f"{type(exc).__module__}.{type(exc).__qualname__} (message withheld)\n{frames}"
