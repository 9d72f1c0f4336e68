"""Signing a member of staff in, and choosing their location when they work at several."""
