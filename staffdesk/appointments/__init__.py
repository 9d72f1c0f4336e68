"""The desk's appointments: arrivals by reference and the day's list."""
