"""Who is making a request, and what they may do. Checked on every endpoint."""

from __future__ import annotations

from dataclasses import dataclass, field

from casebackend.cases.models import ActorKind
from casebackend.identity.models import Role
from shared.cases.schemas import Channel
from shared.errors import Forbidden


@dataclass(frozen=True, slots=True)
class Principal:
    kind: ActorKind
    id: int | None
    label: str
    roles: frozenset[Role] = frozenset()
    location_ids: frozenset[int] = field(default_factory=frozenset)
    # A kiosk's own reference prefix.
    issuer: str | None = None
    # When a staff session ends (seconds since the epoch); devices do not expire.
    expires_at: float | None = None

    @property
    def is_staff(self) -> bool:
        return self.kind is ActorKind.STAFF

    @property
    def sees_every_location(self) -> bool:
        return bool(self.roles & {Role.CASEWORKER, Role.ADMIN})

    def require_staff(self, *roles: Role) -> None:
        if not self.is_staff:
            raise Forbidden("Only signed-in staff can do this.")
        if roles and not self.roles & set(roles):
            needed = " or ".join(r.value for r in roles)
            raise Forbidden(f"This needs the {needed} role.")

    def default_channel(self) -> Channel:
        if self.kind is ActorKind.DEVICE:
            return Channel.KIOSK
        if self.kind is ActorKind.API_KEY:
            return Channel.OPEN311
        return Channel.FACE_TO_FACE


SYSTEM = Principal(ActorKind.SYSTEM, None, "system", roles=frozenset(Role))
