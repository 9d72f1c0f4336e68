"""A location's triage list: help, walk-ins, arrived appointments and kiosk faults."""
