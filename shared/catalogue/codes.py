"""The shapes of the catalogue's codes and language tags, apart from its schemas: the kiosk
reads a cached catalogue's languages, and names them, before pydantic is loaded."""

from __future__ import annotations

CODE_PATTERN = r"^[A-Za-z0-9_\-]{1,64}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"
