"""Visits to a kiosk and what customers thought of them: the wire schemas."""
