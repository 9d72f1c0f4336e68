"""The case backend: the system of record for every channel."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("firststop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
