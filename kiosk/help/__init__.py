"""Help me: asking the help desk, being helped with the screen shared, and staff's
maintenance from the board."""
