"""The Qt widgets that draw a screen state: the only part of shared/ that may import Qt.

The kiosk draws its live screen with them and the staff desk draws the mirrored one,
read-only, so staff see the same screen by construction.
"""
