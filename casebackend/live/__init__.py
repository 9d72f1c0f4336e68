"""The live hub: help requests, screen sharing and guidance over the ``/live`` WebSocket."""
