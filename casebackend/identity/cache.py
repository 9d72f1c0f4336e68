"""Recognising a token without a database round trip on every request.

A kiosk sends its device token with every heartbeat and case; staff with every action.
Who a token belongs to is remembered for a short time. Signing out forgets it at once in
this process; other worker processes notice within ``TTL`` (a revoked device likewise).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from casebackend.identity.principal import Principal

TTL_SECONDS = 30.0
MAX_ENTRIES = 10_000


class PrincipalCache:
    def __init__(self, ttl: float = TTL_SECONDS) -> None:
        self._ttl = ttl
        self._entries: dict[str, tuple[float, Principal]] = {}
        self._lock = threading.Lock()

    def get(self, token_hash: str, load: Callable[[], Principal]) -> Principal:
        now = time.monotonic()
        entry = self._entries.get(token_hash)
        if entry is not None and entry[0] > now:
            principal = entry[1]
            if principal.expires_at is None or principal.expires_at > time.time():
                return principal
        principal = load()
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[token_hash] = (now + self._ttl, principal)
        return principal

    def forget(self, token_hash: str) -> None:
        with self._lock:
            self._entries.pop(token_hash, None)
