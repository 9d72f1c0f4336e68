"""What the backend answers that no other shared module defines yet."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Health(BaseModel):
    """``GET /api/v1/health``."""

    model_config = ConfigDict(extra="forbid")

    status: str
    version: str
