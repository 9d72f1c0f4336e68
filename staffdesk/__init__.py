"""The meet-and-greet staff desk (built in its own issue)."""
