"""The help queue: open requests, the longest waiting first."""
