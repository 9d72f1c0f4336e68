"""The backend's declarative base; its column types come from :mod:`shared.storage`."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.storage.sqlalchemy import NAMING_CONVENTION, UTCDateTime, str_enum, utcnow

__all__ = ["Base", "TimestampedMixin", "UTCDateTime", "str_enum", "utcnow"]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class TimestampedMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
