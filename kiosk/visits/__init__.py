"""Visits to the kiosk: each customer's time at it, from the first touch that leaves the
welcome screen to the privacy wipe, recorded (with their rating, if they gave one) and sent
through the outbox."""
