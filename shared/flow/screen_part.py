"""The base of the kiosk screen's parts (:mod:`shared.flow.kiosk_screen`,
:mod:`shared.flow.book_screen`): later fields left off the wire, whoever writes them.

A desk of an earlier version refuses a field it does not know, even ``null`` (the parts
forbid extra fields, so that nothing unexpected is drawn on a greeter's screen). A field
added after desks were in service is therefore declared ``quiet`` (``@schema(quiet=...)``)
and left out of the written part while it holds its default: a screen with nothing new on
it reads the same to every version, as the live messages' own later fields do
(:func:`shared.live.messages.write_message`).

:func:`shared.schema.encode` and :func:`~shared.schema.to_builtins` leave quiet fields off
themselves. pydantic does not know the rule: a live message that is still a pydantic model
serialises the parts inside it itself. :class:`ScreenPart` tells it the rule through the
hook pydantic calls on a type it builds a schema for; a program that never loads pydantic
never calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class ScreenPart:
    """A part of the kiosk's screen: a ``@schema`` dataclass whose quiet fields pydantic,
    serialising it inside a live message, leaves off at their default as well."""

    __slots__ = ()  # the parts are slotted dataclasses (see shared.schema.schema)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Callable[[Any], Any]) -> Any:
        core = handler(source)
        quiet: dict[str, object] = getattr(cls, "__schema_quiet__", {})
        if quiet:
            from pydantic_core import core_schema

            def left_off(part: Any, write: Callable[[Any], Any]) -> Any:
                written = write(part)
                if isinstance(written, dict):
                    for name, default in quiet.items():
                        if name in written and getattr(part, name) == default:
                            del written[name]
                return written

            core["serialization"] = core_schema.wrap_serializer_function_ser_schema(left_off)
        return core
