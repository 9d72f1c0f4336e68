"""The confirm step before a kiosk is changed from the board."""
