"""The meet-and-greet staff desk: the live board of a location's kiosks, the help queue with
its alert, and the mirror of a customer's screen with guidance (``firststop desk``)."""
