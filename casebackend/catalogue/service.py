"""The catalogue: loaded into the database once, read from memory on every request."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from casebackend.catalogue.models import CatalogueVersion, ServiceRecord
from shared.catalogue import Catalogue, Service
from shared.errors import NotFound
from shared.schema import convert, to_builtins


def store_catalogue(session: Session, catalogue: Catalogue) -> None:
    """Replace the active catalogue; services no longer listed stay, marked inactive.

    Cases keep pointing at the services they were made for.
    """
    existing = {r.code: r for r in session.scalars(select(ServiceRecord))}
    for record in existing.values():
        record.active = False
    for position, service in enumerate(catalogue.services):
        record = existing.get(service.code) or ServiceRecord(code=service.code)
        record.name = service.name
        record.tier = int(service.tier)
        record.active = True
        record.position = position
        record.definition = to_builtins(service)
        session.add(record)
    session.execute(delete(CatalogueVersion))
    session.add(
        CatalogueVersion(
            version=catalogue.version,
            default_language=catalogue.default_language,
            languages=list(catalogue.languages),
        )
    )


def read_catalogue(session: Session) -> Catalogue:
    version = session.scalars(select(CatalogueVersion)).first()
    records = session.scalars(
        select(ServiceRecord).where(ServiceRecord.active).order_by(ServiceRecord.position)
    )
    return Catalogue(
        version=version.version if version else "empty",
        default_language=version.default_language if version else "en",
        languages=tuple(version.languages) if version else ("en",),
        services=tuple(convert(Service, r.definition) for r in records),
    )


class CatalogueCache:
    """The active catalogue in memory, read when the backend starts and when it is reloaded.

    Never loaded lazily inside a request: a request already holds its transaction, and on
    SQLite a second connection would wait for it.
    """

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._catalogue = Catalogue(version="empty", services=())
        self.refresh()

    def refresh(self) -> None:
        with self._sessions() as session:
            self._catalogue = read_catalogue(session)

    def get(self) -> Catalogue:
        return self._catalogue

    def service(self, code: str) -> Service:
        """An active service, for new cases."""
        service = self._catalogue.service(code)
        if service is None:
            raise NotFound(f"There is no service with the code {code!r}.", field="service_code")
        return service

    def any_service(self, session: Session, code: str) -> Service | None:
        """An active or retired service, for reading old cases."""
        service = self._catalogue.service(code)
        if service is not None:
            return service
        record = session.get(ServiceRecord, code)
        return convert(Service, record.definition) if record is not None else None
