"""The one client of the case backend's internal API, for both apps and the command-line
tools: plain Python over the standard library's ``http.client``, answering the shared wire
schemas and raising only the shared error vocabulary."""

from shared.client.backend import BackendClient
from shared.client.schemas import Health
from shared.client.transport import NOT_SECURE, UNREACHABLE, UNREADABLE, UNTRUSTED_CERTIFICATE

__all__ = [
    "NOT_SECURE",
    "UNREACHABLE",
    "UNREADABLE",
    "UNTRUSTED_CERTIFICATE",
    "BackendClient",
    "Health",
]
