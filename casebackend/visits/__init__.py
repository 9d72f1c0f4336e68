"""Kiosk visits and satisfaction from every channel."""
