"""Appointments (tier 3): offers, slots from opening hours, booking, reminders, arrival."""
