"""The mirror: the customer's screen drawn read-only, and the greeter's guidance."""
