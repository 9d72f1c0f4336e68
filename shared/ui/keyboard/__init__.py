"""The on-screen keyboard's keys and boards: the kiosk types with it, the desk's mirror
draws it read-only. The host that docks it and follows the focus is the kiosk's own
(``kiosk/keyboard/host.py``)."""
