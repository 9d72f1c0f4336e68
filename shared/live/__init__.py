"""The live protocol: help requests, screen sharing and guidance between kiosks, staff
desks and the backend's live hub. Free of Qt; the apps' WebSocket is in ``shared.ui.live``."""
