"""The backend's one settings object: defaults, then a TOML file, then the environment.

Environment variables are ``FIRSTSTOP_BACKEND_<NAME>`` (``FIRSTSTOP_BACKEND_DATABASE_URL``);
the file is the one named by ``FIRSTSTOP_BACKEND_CONFIG``. Command-line options win over both.
Nothing else in the backend reads the environment.
"""

from __future__ import annotations

import json
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from casebackend.cases.sla import DEFAULT_REGION, BankHolidayRegion
from shared.settings import ProgramSettings


def default_database_url() -> str:
    path = Path(platformdirs.user_data_dir("firststop", appauthor=False)) / "backend.sqlite3"
    return f"sqlite:///{path}"


ENV_PREFIX = "FIRSTSTOP_BACKEND_"
_WORKER_SETTINGS = "FIRSTSTOP_WORKER_SETTINGS"


class NotificationProviderName(StrEnum):
    RECORDING = "recording"
    GOVUK_NOTIFY = "govuk_notify"


class BackendSettings(ProgramSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

    database_url: str = Field(default_factory=default_database_url)
    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=0, le=65535)
    # Where customers track a case on a phone; the kiosk's QR code points here.
    public_base_url: str = "http://127.0.0.1:8765"
    timezone: str = "Europe/London"
    # Whose bank holidays are not working days (SLA due dates, the figures): the council's
    # part of the UK.
    bank_holiday_region: BankHolidayRegion = DEFAULT_REGION
    jurisdiction_id: str = "firststop.example.gov.uk"

    staff_session_hours: float = Field(default=12, gt=0)
    # How long a kiosk may read back a case it created (its confirmation screen).
    kiosk_case_read_minutes: int = Field(default=30, gt=0)
    # Rate limits (docs/deploying.md, "Rate limits and proxies"). Every count is shared by
    # all worker processes and machines: kept in this backend's own database unless
    # rate_limit_storage_url names a redis:// (rediss://, redis+sentinel://,
    # redis+cluster://) or memcached:// server, used through the limits library's own
    # storage for it. Each limit is per minute, per client address unless it says otherwise.
    rate_limit_storage_url: str | None = None
    # Anonymous tracking by reference (the tracking page and /api/v1/track).
    track_requests_per_minute: int = Field(default=30, gt=0)
    # Staff sign-in attempts, right or wrong.
    login_requests_per_minute: int = Field(default=20, gt=0)
    # Kiosk enrolment attempts with a code.
    enrol_requests_per_minute: int = Field(default=10, gt=0)
    # Customer look-ups (tell us once) per signed-in staff session, and per address.
    customer_lookups_per_minute: int = Field(default=30, gt=0)
    # Address look-ups by postcode per kiosk or staff session, and per address.
    address_lookups_per_minute: int = Field(default=60, gt=0)
    # Open311 requests posted per API key.
    open311_posts_per_minute: int = Field(default=60, gt=0)
    # Lockout with back-off: after this many wrong passwords for one username from one
    # address (wrong enrolment codes from one address), that address waits
    # lockout_first_seconds, doubling with each further wrong try, up to
    # lockout_max_seconds. An address that gets lockout_address_failures wrong, over any
    # usernames, is locked out the same way; so is a username that gets
    # lockout_account_failures wrong over any addresses (guessing spread over many). A
    # right password clears its username's counts; counts are forgotten a day after the
    # last wrong try.
    lockout_failures: int = Field(default=5, gt=0)
    lockout_address_failures: int = Field(default=20, gt=0)
    lockout_account_failures: int = Field(default=30, gt=0)
    lockout_first_seconds: float = Field(default=60, gt=0)
    lockout_max_seconds: float = Field(default=3600, gt=0)
    # Proxies (addresses or networks, e.g. ["127.0.0.1", "10.0.0.0/24"]) whose
    # X-Forwarded-For and X-Forwarded-Proto are believed. Empty: the client is always the
    # socket's peer, whatever a request claims.
    trusted_proxies: list[str] = Field(default_factory=list)
    max_body_bytes: int = Field(default=256 * 1024, gt=0)
    # The internal API's documentation (/api/v1/docs and /api/v1/openapi.json); a
    # production backend facing the internet can turn it off.
    api_docs: bool = True
    enrolment_code_hours: float = Field(default=24, gt=0)
    # A kiosk with no heartbeat for this long is offline; one whose screen has not drawn
    # for this long while its heartbeats arrive is flagged as not rendering.
    kiosk_offline_seconds: float = Field(default=90, gt=0)
    kiosk_frame_stale_seconds: float = Field(default=30, gt=0)
    # The hours kiosks are meant to be in service (local time, days 0 = Monday … 6 =
    # Sunday), for the figures' kiosk availability.
    kiosk_service_from_hour: int = Field(default=8, ge=0, le=23)
    kiosk_service_to_hour: int = Field(default=18, ge=1, le=24)
    kiosk_service_days: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4, 5])
    # A greeter whose desk has been gone this long gives their claims back to the queue,
    # so a customer is never left waiting on a tablet that died.
    live_claim_grace_seconds: float = Field(default=60, gt=0)
    # How often the live hub re-checks every sign-in it holds open (one query): a desk signed
    # out, a leaver deactivated or a kiosk revoked elsewhere is closed within this time.
    live_recheck_seconds: float = Field(default=2, gt=0, le=30)
    # How the live hub's rooms reach every process (docs/live.md, "Several backend
    # processes"): "memory" within this one process (the default, for one worker), or
    # "postgresql" through the database's own LISTEN/NOTIFY, for several workers or machines
    # on one PostgreSQL database.
    live_broker: Literal["memory", "postgresql"] = "memory"
    # With the postgresql broker: a backend process not heard from for this long (it says
    # it is alive every second) is taken as gone: its kiosks leave the board and its
    # greeters' claims go back after live_claim_grace_seconds.
    live_peer_timeout_seconds: float = Field(default=10, ge=3, le=300)

    # The triage list (docs/staffdesk.md): how long each kind of entry should wait at
    # most, for the desk's amber and red timers.
    triage_target_help_minutes: float = Field(default=2, gt=0)
    triage_target_walk_in_minutes: float = Field(default=10, gt=0)
    triage_target_appointment_minutes: float = Field(default=5, gt=0)
    triage_target_fault_minutes: float = Field(default=15, gt=0)
    # Remote help: when no greeter's desk is connected at a kiosk's location, Help me goes
    # to this location's desks (its code); none: the first location of kind "shop".
    triage_central_location: str | None = Field(default=None, max_length=40)
    # A help request nobody has claimed within this time ends (the kiosk is told, and its
    # privacy wipe runs).
    help_timeout_seconds: float = Field(default=300, gt=0)

    # Data protection: how long a closed case keeps the customer's personal data, unless its
    # service says otherwise (the catalogue's ``retention_days``); how often the purge runs.
    retention_days_default: int = Field(default=730, gt=0, le=36500)
    retention_purge_minutes: float = Field(default=60, gt=0)

    notification_provider: NotificationProviderName = NotificationProviderName.RECORDING
    notify_api_key: SecretStr | None = None
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    # "<channel>:<template>" -> Notify template id, e.g. {"sms:case_created": "<uuid>"}.
    notify_templates: dict[str, str] = Field(default_factory=dict)
    notification_max_attempts: int = Field(default=5, gt=0)
    # The daily overdue digest (docs/figures.md): each team's overdue and due-soon cases,
    # emailed to the team at this local time (the ``timezone`` above) on working days.
    overdue_digest: bool = True
    overdue_digest_time: time = time(8, 0)
    # Appointments (docs/appointments.md): the reminder the day before, sent from this local
    # time on; and how many days after an appointment its customer's details are kept.
    appointment_reminders: bool = True
    appointment_reminder_time: time = time(10, 0)
    appointment_retention_days: int = Field(default=90, gt=0, le=3650)

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, proxies: list[str]) -> list[str]:
        import ipaddress

        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"{proxy!r} is not an address or network, like 10.0.0.5 or 10.0.0.0/24"
                ) from None
        return proxies

    @classmethod
    def config_file(cls) -> Path | None:
        """The TOML file named by FIRSTSTOP_BACKEND_CONFIG, if any."""
        import os

        named = os.environ.get("FIRSTSTOP_BACKEND_CONFIG")
        return Path(named) if named else None


def load_settings(**overrides: Any) -> BackendSettings:
    return BackendSettings.load(**overrides)


def export_settings(settings: BackendSettings) -> None:
    """Hand these settings to worker processes, which read them back from the environment."""
    import os

    values = settings.model_dump(mode="json")
    if settings.notify_api_key is not None:
        values["notify_api_key"] = settings.notify_api_key.get_secret_value()
    os.environ[_WORKER_SETTINGS] = json.dumps(values)


def settings_for_worker() -> BackendSettings:
    import os

    exported = os.environ.get(_WORKER_SETTINGS)
    if exported is None:
        return load_settings()
    return BackendSettings.model_validate_json(exported)
