"""Making and checking secrets. Only hashes are ever stored."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from shared.references import ALPHABET, normalise

_hasher = PasswordHasher()
# Verifying against this when a username is unknown keeps login time the same either way.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_enrolment_code() -> str:
    """Eight characters an installer can read off paper and type: ``KQ7M-2XR4``.

    Same alphabet as case references: no look-alike characters."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_enrolment_code(code: str) -> str:
    compact = normalise(code)
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
