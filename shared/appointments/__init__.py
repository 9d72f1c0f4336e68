"""Opening hours and appointments: the wire schemas."""
