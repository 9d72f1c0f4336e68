"""What one desk knows: the location's open help requests, its kiosks, the claim this
greeter holds and the last screen drawn. Pure Python: it takes hub messages and says what
changed (which requests are new enough to alert for); the presenter turns that into widgets.

The ids of requests already alerted for are kept for the desk's whole life, across
reconnects and sign-ins: a :class:`DeskWelcome` after a reconnect lists every open request
again, and only those never seen before alert. So are the passes of a request to this
greeter by a colleague (each pass once: the request and when it became theirs), which alert
as new help does. The hub says a claim was a pass (``HelpClaimed.passed_by``, when its
welcome says it ``marks_passes``); an earlier hub does not, and then a pass is inferred.
"""

from __future__ import annotations

import time
from datetime import datetime

from shared.fleet.schemas import KioskState
from shared.live.messages import (
    BoardUpdate,
    DeskWelcome,
    HelpClaimed,
    HelpRequest,
    KioskLive,
    KioskPresence,
    ScreenUpdate,
    StaffRef,
)
from shared.schema import replace


class DeskModel:
    def __init__(self) -> None:
        self.seen: set[str] = set()
        # Each pass to this greeter alerted for: (request, when it became theirs).
        self.passes: set[tuple[str, datetime]] = set()
        # The hub marks passes on its claims (its welcome said so): its word is taken.
        self.marks_passes = False
        self.staff: StaffRef | None = None
        self.location_code = ""
        self.location_name = ""
        self.requests: dict[str, HelpRequest] = {}
        self.kiosks: dict[int, KioskLive] = {}
        # When the board's ages were true (monotonic), and the hub's clock minus ours.
        self.board_at = time.monotonic()
        self.clock_offset = 0.0
        # The request this greeter is helping with, and the newest screen drawn for it.
        self.claim: str | None = None
        self.last_screen: ScreenUpdate | None = None

    # Messages ---------------------------------------------------------------------------

    def welcome(self, message: DeskWelcome) -> list[HelpRequest]:
        """Replace the whole picture; answers the requests to alert for (never seen)."""
        self.staff = message.staff
        self.marks_passes = message.marks_passes
        self.location_code = message.location_code
        self.location_name = message.location_name
        self.requests = {request.id: request for request in message.help}
        self._set_board(message.kiosks, message.server_time)
        if self.claim is not None:
            held = self.requests.get(self.claim)
            if held is None or not self._is_mine(held):
                self.drop_claim()
        if self.claim is None:
            # This greeter still holds a claim from before (the desk was restarted).
            mine = next((r for r in self.queue() if self._is_mine(r)), None)
            if mine is not None:
                self.claim = mine.id
        return [request for request in self.queue() if self._note(request)]

    def raised(self, request: HelpRequest) -> bool:
        """A request raised (or raised again); ``True`` if it should alert."""
        self.requests[request.id] = request
        return self._note(request)

    def claimed(self, message: HelpClaimed) -> bool:
        """Someone claimed a request; ``True`` if it was this greeter."""
        request = self.requests.get(message.help_id)
        if request is not None:
            self.requests[message.help_id] = replace(
                request, claimed_by=message.staff, claimed_at=message.claimed_at
            )
        self.seen.add(message.help_id)
        mine = self.staff is not None and message.staff.id == self.staff.id
        if mine and self.claim != message.help_id:
            self.claim = message.help_id
            self.last_screen = None
        elif not mine and self.claim == message.help_id:
            self.drop_claim()
        return mine

    def pass_of(self, message: HelpClaimed, before: HelpRequest | None) -> StaffRef | None:
        """The colleague who passed ``message``'s request to this greeter, the first time
        this desk hears of that pass; ``None`` for any other claim (of a waiting request,
        by or to someone else, the same pass told again). The hub's word when it marks
        passes (``passed_by``); from an earlier hub, which does not, inferred from
        ``before``, the request as this desk knew it (:meth:`passed_by`)."""
        if not self.marks_passes:
            return self.passed_by(before, self.requests.get(message.help_id))
        passer = message.passed_by
        if self.staff is None or passer is None or message.staff.id != self.staff.id:
            return None
        return passer if self._first_pass(message.help_id, message.claimed_at) else None

    def passed_by(self, before: HelpRequest | None, after: HelpRequest | None) -> StaffRef | None:
        """The colleague who passed a request to this greeter, inferred: the first time this
        desk sees it turn from theirs (``before``, as this desk knew it) to this greeter's
        (``after``); ``None`` otherwise. Only the claimant can pass a request on, so the
        claim turning from one greeter to another is a pass; a claim of a waiting request
        is not, nor the same pass told again (a replay, a reconnect's welcome).

        Used for a pass made while the desk was away (its welcome says whose each claim is
        now, not how it came to be), and for every pass from an earlier hub, whose claims
        do not say (:meth:`pass_of`)."""
        if self.staff is None or before is None or after is None:
            return None
        was, now = before.claimed_by, after.claimed_by
        if was is None or now is None or after.claimed_at is None:
            return None
        if was.id == self.staff.id or now.id != self.staff.id:
            return None
        return was if self._first_pass(after.id, after.claimed_at) else None

    def _first_pass(self, help_id: str, claimed_at: datetime) -> bool:
        """``True`` the first time for a pass (a request and when it became theirs)."""
        key = (help_id, claimed_at)
        if key in self.passes:
            return False
        self.passes.add(key)
        return True

    def released(self, help_id: str) -> None:
        request = self.requests.get(help_id)
        if request is not None:
            self.requests[help_id] = replace(request, claimed_by=None, claimed_at=None)
        if self.claim == help_id:
            self.drop_claim()

    def ended(self, help_id: str) -> HelpRequest | None:
        """A request ended; answers it (``None`` if this desk did not know it)."""
        self.seen.add(help_id)
        if self.claim == help_id:
            self.drop_claim()
        return self.requests.pop(help_id, None)

    def presence(self, message: KioskPresence) -> bool:
        """``False``: ask for the board. For a kiosk not on it yet (enrolled since), and for
        one it has as never switched on that has now joined: in touch once, it is no longer
        "Not switched on yet", and should it drop off before its first heartbeat its card
        says "Not responding", as its line on the triage list does."""
        kiosk = self.kiosks.get(message.device_id)
        if kiosk is None:
            return False
        self.kiosks[message.device_id] = replace(
            kiosk, connected=message.connected, activity=message.activity
        )
        return not (message.connected and kiosk.status.state is KioskState.NEVER_SEEN)

    def board(self, message: BoardUpdate) -> None:
        self._set_board(message.kiosks, message.server_time)

    def screen(self, message: ScreenUpdate) -> bool:
        """``True`` if the screen is for this greeter's claim and newer than the last drawn."""
        if message.help_id != self.claim:
            return False
        if self.last_screen is not None and message.sequence < self.last_screen.sequence:
            return False
        self.last_screen = message
        return True

    def drop_claim(self) -> None:
        self.claim = None
        self.last_screen = None

    def clear(self) -> None:
        """Signed out: forget the location (but not which requests were alerted for)."""
        self.staff = None
        self.requests = {}
        self.kiosks = {}
        self.drop_claim()

    # Reading ----------------------------------------------------------------------------

    def queue(self) -> list[HelpRequest]:
        """Open requests, the longest waiting first."""
        return sorted(self.requests.values(), key=lambda request: request.raised_at)

    def kiosk_list(self) -> list[KioskLive]:
        return sorted(self.kiosks.values(), key=lambda k: (k.status.name, k.status.device_id))

    def help_at(self, device_id: int) -> HelpRequest | None:
        return next((r for r in self.queue() if r.device_id == device_id), None)

    def claimed_request(self) -> HelpRequest | None:
        return self.requests.get(self.claim) if self.claim is not None else None

    def is_mine(self, request: HelpRequest) -> bool:
        return self._is_mine(request)

    def waiting_s(self, request: HelpRequest, now: float | None = None) -> float:
        """How long the customer has waited, by the hub's clock."""
        local = time.time() if now is None else now
        return max(0.0, local + self.clock_offset - request.raised_at.timestamp())

    def board_age_s(self, now: float | None = None) -> float:
        """Seconds since the board's ages were measured (added to each age shown)."""
        return max(0.0, (time.monotonic() if now is None else now) - self.board_at)

    # Internals --------------------------------------------------------------------------

    def _note(self, request: HelpRequest) -> bool:
        new = request.id not in self.seen and request.claimed_by is None
        self.seen.add(request.id)
        return new

    def _is_mine(self, request: HelpRequest) -> bool:
        return (
            self.staff is not None
            and request.claimed_by is not None
            and request.claimed_by.id == self.staff.id
        )

    def _set_board(self, kiosks: tuple[KioskLive, ...], server_time: datetime) -> None:
        self.kiosks = {kiosk.status.device_id: kiosk for kiosk in kiosks}
        self.board_at = time.monotonic()
        self.clock_offset = server_time.timestamp() - time.time()
