"""The backend's rate limits (the limits library, fixed windows of a minute) and its
lockouts with back-off for wrong passwords and enrolment codes.

Both are kept where every worker process and machine sees them: the limits in the storage
:mod:`casebackend.ratelimit.storage` opens, the lockouts in the ``lockouts`` table. Like
the storage, the lockout checks run their own short transactions: call them before the
request's session first touches the database, or after it has rolled back.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.storage import Storage
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import Table, delete, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from casebackend.audit import service as audit
from casebackend.cases.models import ActorKind
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.identity.models import StaffMember
from casebackend.identity.principal import Principal
from casebackend.ratelimit.models import Lockout
from casebackend.settings import BackendSettings
from shared.errors import RateLimited

log = logging.getLogger(__name__)

FORGET_AFTER = timedelta(days=1)


def wait_words(seconds: float) -> str:
    """``45 seconds``, ``1 minute``, ``4 minutes``: how long to wait, rounded up."""
    whole = max(1, math.ceil(seconds))
    if whole < 60:
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = math.ceil(whole / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


class Guard:
    """One limit: ``check(*who)`` counts a request, or refuses it with 429 and Retry-After."""

    def __init__(
        self, limiter: FixedWindowRateLimiter, name: str, per_minute: int, message: str
    ) -> None:
        self._limiter = limiter
        self._name = name
        self._item: RateLimitItem = RateLimitItemPerMinute(per_minute)
        self._message = message

    def check(self, *who: str) -> None:
        if self._limiter.hit(self._item, self._name, *who):
            return
        reset, _ = self._limiter.get_window_stats(self._item, self._name, *who)
        retry = max(1, math.ceil(reset - time.time()))
        log.info("rate limit %s reached", self._name)
        raise RateLimited(self._message.format(wait=wait_words(retry)), retry_after=retry)


class RateLimits:
    """Every limit the backend applies, on one shared storage."""

    def __init__(self, storage: Storage, settings: BackendSettings) -> None:
        self.storage = storage
        limiter = FixedWindowRateLimiter(storage)
        self.track = Guard(
            limiter,
            "track",
            settings.track_requests_per_minute,
            "Too many look-ups from here. Please wait {wait} and try again.",
        )
        self.login = Guard(
            limiter,
            "login",
            settings.login_requests_per_minute,
            "Too many sign-in attempts from here. Please wait {wait} and try again.",
        )
        self.enrol = Guard(
            limiter,
            "enrol",
            settings.enrol_requests_per_minute,
            "Too many enrolment attempts from here. Please wait {wait} and try again.",
        )
        self.customer_lookup = Guard(
            limiter,
            "customer_lookup",
            settings.customer_lookups_per_minute,
            "Too many customer look-ups in a short time. Please wait {wait} and try again.",
        )
        self.address_lookup = Guard(
            limiter,
            "address_lookup",
            settings.address_lookups_per_minute,
            "Too many address look-ups in a short time. Please wait {wait} and try again.",
        )
        self.open311_post = Guard(
            limiter,
            "open311_post",
            settings.open311_posts_per_minute,
            "Too many requests with this API key. Please wait {wait} and try again.",
        )


class AttemptKind(StrEnum):
    LOGIN = "login"
    ENROL = "enrol"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try at a secret: what kind, from which address, for which username (logins)."""

    kind: AttemptKind
    address: str
    username: str | None = None

    @classmethod
    def login(cls, username: str, address: str) -> Attempt:
        return cls(AttemptKind.LOGIN, address, username.strip().lower()[:64])

    @classmethod
    def enrol(cls, address: str) -> Attempt:
        return cls(AttemptKind.ENROL, address)


# What a lockout's row counts, and which of the policy's thresholds applies to it.
_FOR_SUBJECT = "subject"
_FOR_ADDRESS = "address"
_FOR_ACCOUNT = "account"


class Lockouts:
    """Wrong tries counted per username and address, per address alone, and per username
    from anywhere, each locked for ``first_seconds``, doubling, up to ``max_seconds`` once
    it reaches its threshold.

    The username's own count has the highest threshold: it stops guessing spread over many
    addresses, at the price of a locked greeter waiting out the back-off (audited, so an
    admin sees the attack)."""

    def __init__(self, sessions: sessionmaker[Session], settings: BackendSettings) -> None:
        self._sessions = sessions
        self._thresholds = {
            _FOR_SUBJECT: settings.lockout_failures,
            _FOR_ADDRESS: settings.lockout_address_failures,
            _FOR_ACCOUNT: settings.lockout_account_failures,
        }
        self._first = settings.lockout_first_seconds
        self._max = settings.lockout_max_seconds

    @staticmethod
    def _subjects(attempt: Attempt) -> list[tuple[str, str, str]]:
        """(scope, subject, threshold) for every count this attempt adds to."""
        if attempt.kind is AttemptKind.ENROL:
            return [("enrol", attempt.address, _FOR_SUBJECT)]
        return [
            ("login", f"{attempt.username}|{attempt.address}", _FOR_SUBJECT),
            ("login_address", attempt.address, _FOR_ADDRESS),
            ("login_account", f"{attempt.username}", _FOR_ACCOUNT),
        ]

    def lock_seconds(self, failures: int, threshold: int) -> float:
        """How long a count of ``failures`` locks for: nothing below the threshold."""
        if failures < threshold:
            return 0.0
        return float(min(self._max, self._first * 2 ** min(failures - threshold, 32)))

    def refuse_if_locked(self, attempt: Attempt) -> None:
        """Raise RateLimited, saying when to try again, while any of its counts is locked."""
        keys = [(scope, subject) for scope, subject, _ in self._subjects(attempt)]
        now = utcnow()
        with self._sessions() as session:
            rows = session.execute(
                select(Lockout.scope, Lockout.locked_until).where(
                    tuple_(Lockout.scope, Lockout.subject).in_(keys),
                    Lockout.locked_until.is_not(None),
                )
            ).all()
        locks = [(until, scope) for scope, until in rows if until is not None and until > now]
        if locks:
            latest, scope = max(locks)
            raise _locked(attempt, (latest - now).total_seconds(), here=scope != "login_account")

    def record_failure(self, attempt: Attempt) -> None:
        """Count a wrong try (its own transaction, audited). Raise RateLimited when this
        try locks: the person is told now, not on their next try."""
        now = utcnow()
        wait = 0.0
        with unit_of_work(self._sessions) as session:
            here = True
            for scope, subject, threshold in self._subjects(attempt):
                failures = _count_failure(session, scope, subject, now)
                seconds = self.lock_seconds(failures, self._thresholds[threshold])
                if seconds:
                    until = now + timedelta(seconds=seconds)
                    row = session.get_one(Lockout, (scope, subject))
                    row.locked_until = until
                    row.forget_at = max(row.forget_at, until)
                    if seconds > wait:
                        wait, here = seconds, threshold != _FOR_ACCOUNT
            _audit(session, attempt, "failed")
            if wait:
                _audit(session, attempt, f"locked for {wait_words(wait)}")
            session.execute(delete(Lockout).where(Lockout.forget_at <= now))
        if wait:
            log.info("%s locked out for %.0f s after wrong tries", attempt.kind, wait)
            raise _locked(attempt, wait, just_now=True, here=here)

    def forgive(self, session: Session, attempt: Attempt) -> None:
        """A right password: clear its username's counts, from that address and from
        anywhere (wrong tries since the last sign-in), in the caller's transaction; the
        address's own count stays until it is forgotten."""
        for scope, subject, threshold in self._subjects(attempt):
            if threshold != _FOR_ADDRESS:
                session.execute(
                    delete(Lockout).where(Lockout.scope == scope, Lockout.subject == subject)
                )


def _count_failure(session: Session, scope: str, subject: str, now: datetime) -> int:
    """Add one wrong try, atomically (one UPSERT), and answer the count."""
    table: Table = Lockout.__table__  # type: ignore[assignment]
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = (
        insert.values(
            scope=scope,
            subject=subject[:255],
            failures=1,
            last_failure_at=now,
            locked_until=None,
            forget_at=now + FORGET_AFTER,
        )
        .on_conflict_do_update(
            index_elements=[table.c.scope, table.c.subject],
            set_={
                "failures": table.c.failures + 1,
                "last_failure_at": now,
                "forget_at": now + FORGET_AFTER,
            },
        )
        .returning(table.c.failures)
    )
    failures: int = session.execute(statement).scalar_one()
    return failures


def _locked(
    attempt: Attempt, seconds: float, *, just_now: bool = False, here: bool = True
) -> RateLimited:
    """The refusal a person reads: ``here`` when the lock is this address's, else the
    username's own (wrong tries from many addresses)."""
    retry = max(1, math.ceil(seconds))
    what = "Signing in" if attempt.kind is AttemptKind.LOGIN else "Enrolling"
    if not here:
        what = "Signing in to this account"
    first = (
        "That username and password do not match. "
        if attempt.kind is AttemptKind.LOGIN
        else "That enrolment code is not right. "
    )
    text = (
        f"{first if just_now else ''}{what}{' from here' if here else ''} is paused after "
        "too many wrong tries. "
        f"Please try again in {wait_words(retry)}."
    )
    return RateLimited(text, retry_after=retry, reason="locked")


def _audit(session: Session, attempt: Attempt, outcome: str) -> None:
    """Who was tried, from where: a username only when it is a real one (a password typed
    into the username box is never recorded)."""
    detail = f"from {attempt.address}"
    if attempt.kind is AttemptKind.LOGIN:
        known = session.scalars(
            select(StaffMember.id).where(StaffMember.username == attempt.username)
        ).first()
        detail += f", username {attempt.username}" if known else ", a username nobody has"
    label = "sign-in attempt" if attempt.kind is AttemptKind.LOGIN else "enrolment attempt"
    actor = Principal(ActorKind.PUBLIC, None, label)
    action = f"{attempt.kind}_{'locked' if outcome.startswith('locked') else 'failed'}"
    audit.record(session, actor, action, through="api", detail=f"{detail}; {outcome}")
