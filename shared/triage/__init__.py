"""The greeters' triage list: help, walk-ins, arrived appointments and kiosk faults."""
