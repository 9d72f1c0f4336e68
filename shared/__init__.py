"""What the kiosk, the staff desk and the case backend agree on.

Everything here is plain Python except :mod:`shared.ui`, the Qt widgets that draw a
screen state; import-linter keeps it that way.
"""
