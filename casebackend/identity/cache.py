"""Recognising a token without a database round trip on every request.

A kiosk sends its device token with every heartbeat and case; staff with every action.
Who a token belongs to is remembered for a short time. A token that stops working is
*revoked* here: forgotten, and every listener told (the live hub closes its sockets).
Signing out revokes at once in this process, and the live hub carries it to every other
process on the same database (``announce_with``) when there are several. The live hub also
re-checks every token this process remembers or holds open every couple of seconds (one
query) and revokes those signed out, deactivated or withdrawn elsewhere (``firststop admin
…``, which also asks every process to re-check at once); that is the safety net.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from casebackend.identity.principal import Principal

log = logging.getLogger(__name__)

TTL_SECONDS = 30.0
MAX_ENTRIES = 10_000

# Told the hash of each token that stopped working; called on the revoking thread, so it
# must be quick and thread-safe (hand the work to its own loop).
RevocationListener = Callable[[str], None]


class PrincipalCache:
    def __init__(self, ttl: float = TTL_SECONDS) -> None:
        self._ttl = ttl
        self._entries: dict[str, tuple[float, Principal]] = {}
        self._lock = threading.Lock()
        self._listeners: list[RevocationListener] = []
        self._announce: RevocationListener | None = None

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

    def remembered(self) -> dict[str, Principal]:
        """The tokens remembered now (by hash), for re-checking; expired entries go."""
        now = time.monotonic()
        with self._lock:
            for token_hash in [h for h, (until, _) in self._entries.items() if until <= now]:
                del self._entries[token_hash]
            return {h: principal for h, (_, principal) in self._entries.items()}

    def listen(self, listener: RevocationListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unlisten(self, listener: RevocationListener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def announce_with(self, announce: RevocationListener | None) -> None:
        """Who tells the other processes of a token revoked here (the live hub), if anyone."""
        self._announce = announce

    def revoke(self, token_hash: str, *, elsewhere_too: bool = True) -> None:
        """This token no longer works: forget it and tell every listener; and, unless the
        news came from elsewhere (or every process finds it itself), the other processes."""
        with self._lock:
            self._entries.pop(token_hash, None)
            listeners = tuple(self._listeners)
        announce = self._announce
        if elsewhere_too and announce is not None:
            listeners = (*listeners, announce)
        for listener in listeners:
            try:
                listener(token_hash)
            except Exception:
                log.exception("a revocation listener failed")
