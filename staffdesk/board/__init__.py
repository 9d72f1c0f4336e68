"""The board: the location's kiosks, their health and what each is doing."""
