"""The kiosk bundle leaves pydantic and typing-extensions out (build/bundle/bundling.py):
everything the kiosk reads and writes must work without them, in a process where they
cannot be imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Every kind of document the kiosk reads or writes, read and written back without them.
_SCRIPT = """
import sys
for name in ("pydantic", "pydantic_core", "pydantic_settings", "typing_extensions"):
    sys.modules[name] = None  # an import of it now fails, as in the bundle
from datetime import UTC, datetime
from shared.schema import decode, encode
from shared.catalogue.schemas import Catalogue
from shared.resources import asset_path
from shared.cases.schemas import CaseCreate
from shared.live.messages import HelpClaimed, StaffRef, read_message, write_message
from shared.flow.checks import check_field
from shared.flow import FieldKind, FieldSpec, steps
from kiosk.device.schemas import DeviceIdentity
import kiosk.app, kiosk.book, kiosk.manage, kiosk.outbox, kiosk.sync.background

catalogue = Catalogue.load(asset_path("catalogue", "demo.json"))
assert decode(Catalogue, encode(catalogue)) == catalogue
claimed = HelpClaimed(help_id="a" * 32, staff=StaffRef(id=1, name="Sam"),
                      claimed_at=datetime(2026, 12, 5, 9, tzinfo=UTC))
assert read_message(write_message(claimed), "hub") == claimed
case = decode(CaseCreate, b'{"service_code": "pothole", "customer": {"email": "a@b.co"}}')
assert decode(CaseCreate, encode(case)) == case
spec = FieldSpec(steps.EMAIL, FieldKind.EMAIL, max_length=steps.MAX_EMAIL)
assert check_field(spec, "Ada@Example.COM") == "Ada@example.com"
print("ok")
"""


def test_the_kiosk_reads_and_writes_its_documents_without_pydantic_or_typing_extensions():
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"
