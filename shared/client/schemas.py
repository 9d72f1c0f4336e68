"""What the backend answers that no other shared module defines yet."""

from __future__ import annotations

from shared.schema import schema


@schema
class Health:
    """``GET /api/v1/health``."""

    status: str
    version: str
