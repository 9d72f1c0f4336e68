"""The kiosk's outbox: submissions (and finished visits) the backend has not acknowledged
yet, kept in a local SQLite file so that a customer gets a real reference and nothing is
lost or sent twice."""

from kiosk.outbox.service import HeldEntry, HeldVisit, Outbox, Sender, SyncReport

__all__ = ["HeldEntry", "HeldVisit", "Outbox", "Sender", "SyncReport"]
