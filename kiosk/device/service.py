"""Enrolling this kiosk, and opening its outbox safely under the enrolment.

**Enrolment** exchanges a one-time code (``firststop admin enrolment-code``) for a device
token, a reference issuer, a location and the tracking address, kept in ``device.json``
(owner-only). Every failure an installer can meet is put in words they can act on
(``EnrolmentFailed``, with ``details["reason"]``).

**Enrolling again** gives the kiosk a new device, token and issuer; new references use the
new issuer (the outbox keeps one counter per issuer, so the new one starts afresh without
clashing). Submissions already queued carry references from the old issuer, and the backend
accepts such a reference only from the device that owns that issuer, so the old sign-in is
kept in ``device.json`` (``retired``) and the sync worker sends each queued entry with the
sign-in of the issuer that made its reference. Once the outbox is empty the old sign-ins
are forgotten (``drop_retired``); an installer may then revoke the old device.

**A lost outbox** would restart the reference counter and hand out references already
given to customers. ``device.json`` records that the outbox was started under this
enrolment (``outbox_started``); if the outbox file is then missing, ``open_outbox`` refuses
(``OutboxLost``) and the kiosk stays out of order until an installer enrols it again, which
gives a new issuer whose references cannot clash with the old ones. This is the simplest
rule that is always right: it needs no backend call and no write on each submission.
It does not notice an outbox file put back from an older backup (a file that exists but
whose counter went back): never restore the outbox from a backup; enrol again instead.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kiosk.device.schemas import DeviceIdentity, RetiredCredential
from kiosk.device.store import DeviceFileError, load_identity, save_identity
from kiosk.settings import KioskSettings
from shared.errors import Conflict, FirstStopError, InvalidInput, NotFound, Unavailable
from shared.identity.schemas import Enrolment
from shared.schema import replace

if TYPE_CHECKING:
    from kiosk.outbox import Outbox
    from shared.client import BackendClient

log = logging.getLogger(__name__)

_API_SUFFIX = "/api/v1"
# Reasons the client gives for a backend it could not talk to at all.
_UNREACHABLE_REASONS = frozenset({"connection", "timeout", "closed", "request"})


class EnrolmentFailed(FirstStopError):
    """Enrolment did not work; the message tells the installer what to do, and
    ``details["reason"]`` says which case it is: ``bad_address``, ``unreachable``,
    ``certificate``, ``not_secure``, ``backend_down``, ``not_first_stop``,
    ``unknown_code``, ``used_code`` or ``expired_code``."""

    code = "enrolment_failed"
    status = 400


class OutboxLost(FirstStopError):
    """The outbox file is gone but the enrolment is not: enrol again."""

    code = "outbox_lost"


def enrol(
    settings: KioskSettings,
    code: str,
    backend_url: str,
    name: str = "kiosk",
    *,
    verify: bool | str = True,
) -> DeviceIdentity:
    """Enrol this kiosk with the backend at ``backend_url`` using a one-time ``code``, and
    keep the result in ``device.json``. ``verify``: ``True``, or a CA bundle's path for a
    council that uses its own certificate authority."""
    url = _backend_address(backend_url)
    # Imported here: a kiosk starting up reads its identity before it needs a network client.
    from shared.client import BackendClient

    with BackendClient(url, retries=1, backoff=0.2, verify=verify) as client:
        _check_first_stop(client, url)
        enrolment = _use_code(client, code, name, url)
    previous = _previous_identity(settings)
    identity = DeviceIdentity(
        backend_url=url,
        device_id=enrolment.device_id,
        name=name.strip() or "kiosk",
        token=enrolment.token,
        issuer=enrolment.issuer,
        location_code=enrolment.location_code,
        location_name=enrolment.location_name,
        tracking_url=enrolment.tracking_url,
        enrolled_at=datetime.now(UTC),
        retired=_retire(previous),
    )
    save_identity(settings, identity)
    log.info("enrolled as device %d at %s", identity.device_id, identity.location_code)
    return identity


def open_outbox(settings: KioskSettings, identity: DeviceIdentity) -> Outbox:
    """The outbox, issuing references under ``identity``'s issuer; ``OutboxLost`` if the
    outbox file has gone since it was started under this enrolment."""
    path = settings.outbox_file
    if identity.outbox_started and not path.exists():
        log.error("the outbox file is missing for device %d", identity.device_id)
        raise OutboxLost(
            "This kiosk's outbox file is missing, so it could give out case references "
            "that were already used. Enrol the kiosk again to give it new references.",
            path=str(path),
        )
    from kiosk.outbox import Outbox

    outbox = Outbox(path, identity.issuer)
    if not identity.outbox_started:
        # Marked after the file exists: no reference can be issued before the mark.
        save_identity(settings, replace(identity, outbox_started=True))
    return outbox


def drop_retired(settings: KioskSettings) -> DeviceIdentity | None:
    """Forget the sign-ins of earlier enrolments (call only when the outbox is empty)."""
    identity = load_identity(settings)
    if identity is None or not identity.retired:
        return identity
    updated = replace(identity, retired=())
    save_identity(settings, updated)
    log.info("forgot %d earlier sign-ins of this kiosk", len(identity.retired))
    return updated


# Steps ---------------------------------------------------------------------------------


def _backend_address(text: str) -> str:
    url = text.strip().rstrip("/")
    if url.endswith(_API_SUFFIX):
        url = url[: -len(_API_SUFFIX)]
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise EnrolmentFailed(
            "That is not a web address. Type the address of the council's First Stop "
            "system, starting https://",
            reason="bad_address",
        )
    return url


def _check_first_stop(client: BackendClient, url: str) -> None:
    """Ask the address whether it is a First Stop backend before sending the code."""
    try:
        health = client.health()
    except Unavailable as error:
        raise _unreachable(error, url) from None
    except FirstStopError:
        raise _not_first_stop(url) from None
    if health.status != "ok":
        raise _not_first_stop(url)


def _use_code(client: BackendClient, code: str, name: str, url: str) -> Enrolment:
    try:
        return client.enrol(code.strip(), name.strip() or "kiosk")
    except Unavailable as error:
        raise _unreachable(error, url) from None
    except (NotFound, Conflict, InvalidInput) as error:
        reason = error.details.get("reason")
        if reason == "used_code":
            raise EnrolmentFailed(
                "That enrolment code has already been used. Ask for a new one.", reason=reason
            ) from None
        if reason == "expired_code":
            raise EnrolmentFailed(
                "That enrolment code has expired. Ask for a new one.", reason=reason
            ) from None
        if reason == "unknown_code" or isinstance(error, InvalidInput):
            raise EnrolmentFailed(
                "That enrolment code is not right. Check it against the code you were given.",
                reason="unknown_code",
            ) from None
        raise _not_first_stop(url) from None
    except FirstStopError:
        raise _not_first_stop(url) from None


def _unreachable(error: Unavailable, url: str) -> EnrolmentFailed:
    reason = error.details.get("reason")
    if reason == "certificate":
        return EnrolmentFailed(
            f"{url} has a security certificate this kiosk does not trust. Install the "
            "council's certificate authority on the kiosk, or check the address.",
            reason="certificate",
        )
    if reason == "tls":
        return EnrolmentFailed(
            f"This kiosk could not make a secure connection to {url}. Check whether the "
            "address should start http:// or https://.",
            reason="not_secure",
        )
    if reason in _UNREACHABLE_REASONS:
        return EnrolmentFailed(
            f"Nothing answered at {url}. Check the address, and that this kiosk is "
            "connected to the council's network.",
            reason="unreachable",
        )
    if reason == "unreadable":
        return _not_first_stop(url)
    return EnrolmentFailed(
        f"{url} answered, but the council's system behind it is not working. Try again "
        "later, or ask whoever runs it.",
        reason="backend_down",
    )


def _not_first_stop(url: str) -> EnrolmentFailed:
    return EnrolmentFailed(
        f"{url} does not look like a First Stop system. Check the address: it is the one "
        "staff use, without anything after the server's name.",
        reason="not_first_stop",
    )


def _previous_identity(settings: KioskSettings) -> DeviceIdentity | None:
    try:
        return load_identity(settings)
    except DeviceFileError:
        # Nothing can be sent under an enrolment whose token cannot be read.
        log.warning("the earlier device file could not be read; its sign-in is not kept")
        return None


def _retire(previous: DeviceIdentity | None) -> tuple[RetiredCredential, ...]:
    """The sign-ins a re-enrolled kiosk keeps for entries queued under earlier issuers."""
    if previous is None:
        return ()
    current = RetiredCredential(
        backend_url=previous.backend_url,
        device_id=previous.device_id,
        issuer=previous.issuer,
        token=previous.token,
    )
    return (current, *(r for r in previous.retired if r.issuer != previous.issuer))
