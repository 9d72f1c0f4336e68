from __future__ import annotations

from datetime import datetime

from sqlalchemy import Double, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base


class RateLimitCounter(Base):
    """One window of one limit for one caller (the limits library's fixed window).

    ``key`` is the library's own (limit, caller, amount, period); ``expires_at`` is seconds
    since the epoch, as the library counts time. Expired rows are deleted as hits arrive.
    """

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Double, index=True)


class Lockout(Base):
    """Wrong tries at a secret (a password, an enrolment code).

    ``scope`` says what is counted (``login`` per username and address, ``login_address``
    per address over every username, ``login_account`` per username over every address,
    ``enrol`` per address); ``subject`` is what it is
    counted for. Once ``failures`` reaches the threshold, tries wait until ``locked_until``.
    """

    __tablename__ = "lockouts"

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    subject: Mapped[str] = mapped_column(String(255), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    # When the row is forgotten: a day after the last wrong try, or when the lock ends.
    forget_at: Mapped[datetime] = mapped_column(index=True)
