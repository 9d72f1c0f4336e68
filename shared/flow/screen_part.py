"""The base of the kiosk screen's parts (:mod:`shared.flow.kiosk_screen`,
:mod:`shared.flow.book_screen`): frozen, strict, and later fields left off the wire.

A desk of an earlier version refuses a field it does not know, even ``null`` (the parts
forbid extra fields, so that nothing unexpected is drawn on a greeter's screen). A field
added after desks were in service is therefore named in ``LATER_FIELDS`` and left out of
the serialised part while it holds its default: a screen with nothing new on it reads the
same to every version, as the live messages' own later fields do
(:func:`shared.live.messages.write_message`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer


class ScreenPart(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    LATER_FIELDS: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _later_left_off(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if not self.LATER_FIELDS or not isinstance(data, dict):
            return data
        fields = type(self).model_fields
        for name in self.LATER_FIELDS:
            if name in data and getattr(self, name) == fields[name].default:
                del data[name]
        return data
