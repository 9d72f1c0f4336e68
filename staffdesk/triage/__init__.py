"""The desk's triage list: walk-ins, arrived appointments and kiosk faults."""
