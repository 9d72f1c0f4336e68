from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base


class ServiceRecord(Base):
    """One catalogue service.

    The columns are what the backend queries and routes on; ``definition`` is the whole
    validated :class:`shared.catalogue.Service` (attributes, translations, screens), kept
    as one document so the catalogue is defined once, in one schema.
    """

    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    definition: Mapped[dict[str, Any]]


class CatalogueVersion(Base):
    __tablename__ = "catalogue_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    default_language: Mapped[str] = mapped_column(String(8))
    languages: Mapped[list[Any]]
