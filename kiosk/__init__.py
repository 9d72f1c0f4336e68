"""The locked-down kiosk: customers serve themselves here (built in its own issue)."""
