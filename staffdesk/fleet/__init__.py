"""The fleet view: each kiosk's engineering details."""
