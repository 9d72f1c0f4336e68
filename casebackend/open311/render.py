"""GeoReport v2 bodies: one Python value, written as JSON or as XML.

The JSON is the Spark convention the spec uses: the XML root is dropped and a container of
one repeating element is an array. The XML has no attributes and no namespace, UTF-8 with
its declaration, and explicit names for each container's children (the spec's
``service_requests`` holds ``request``, not ``service_request``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.responses import Response

from shared.errors import NotFound

JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

# Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab and newlines, lone
# surrogates, U+FFFE and U+FFFF). Text that has them (a client's description, or a bad
# suffix quoted in an error) gets U+FFFD in their place, so the document stays well-formed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Each list-valued container and the name of its children, as GeoReport v2 and the
# FixMyStreet extensions spell them.
CHILD_NAMES = {
    "services": "service",
    "groups": "group",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


class Format(StrEnum):
    JSON = "json"
    XML = "xml"

    @property
    def media_type(self) -> str:
        return JSON_TYPE if self is Format.JSON else XML_TYPE


def parse_format(suffix: str) -> Format:
    """The format a URL's suffix asks for; anything but ``json`` and ``xml`` is not here."""
    try:
        return Format(suffix)
    except ValueError:
        raise NotFound(
            f"There is no .{suffix} version of this resource: ask for .xml or .json."
        ) from None


def format_of_path(path: str) -> Format:
    """For error bodies: JSON when the path ends ``.json``, else XML, the required format."""
    return Format.JSON if path.lower().endswith(".json") else Format.XML


def to_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    ET.indent(element)
    text = ET.tostring(element, encoding="unicode", short_empty_elements=False)
    return (XML_DECLARATION + text + "\n").encode("utf-8")


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, list):
        child = CHILD_NAMES[element.tag]
        for item in value:
            _fill(ET.SubElement(element, child), item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = _NOT_XML.sub("\ufffd", str(value))


def respond(fmt: Format, root: str, value: Any, status: int = 200) -> Response:
    """``root`` names the XML root element; JSON drops it, as the spec does."""
    body = to_json(value) if fmt is Format.JSON else to_xml(root, value)
    return Response(body, status_code=status, media_type=fmt.media_type)


def w3c(moment: datetime, timezone: str) -> str:
    """A W3C datetime in local time with its offset and no fraction: 2026-06-01T09:30:00+01:00."""
    return moment.astimezone(ZoneInfo(timezone)).replace(microsecond=0).isoformat()


def end_of_day(day: date, timezone: str) -> str:
    """The last second of a local day, with that day's offset."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(timezone)).isoformat()
