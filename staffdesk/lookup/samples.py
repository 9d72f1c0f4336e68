"""Made-up cases for the desk's screenshots (``firststop desk --screenshots``): a search
by name with three cases found, one of them opened with its history and notes; and the
assisted transaction's pages drawn from the demo catalogue. No backend, no network."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from shared.cases.schemas import CaseRead, Channel, Note, Place, StatusEvent
from shared.cases.workflow import CaseStatus
from shared.catalogue.schemas import Catalogue
from shared.lookup.schemas import CaseHit, CaseLookup, LookupKind
from shared.references import CaseReference
from shared.resources import asset_path
from shared.schema import convert
from staffdesk.lookup.presenter import case_detail, found_words, hit_row
from staffdesk.window import DeskWindow, Page

WHEN = datetime(2026, 11, 18, 10, 30, tzinfo=UTC)
POTHOLE, BIN, OLDER = (CaseReference.issue("K7M", n) for n in (4242, 4101, 3977))


def sample_lookup() -> CaseLookup:
    def hit(reference: CaseReference, service: str, status: CaseStatus, **more: object) -> CaseHit:
        values: dict[str, object] = {
            "reference": reference.compact,
            "reference_display": reference.display,
            "service_code": service,
            "service_name": {"pothole": "Report a pothole", "missed_bin": "Report a missed bin"}[
                service
            ],
            "status": status,
            "status_label": status.label,
            "channel": Channel.KIOSK,
            "assisted": False,
            "created_at": WHEN,
            "location_code": "shop",
            "customer_name": "Ceri Jones",
            "postcode": "NG5 2AB",
        }
        return convert(CaseHit, values | more)

    return CaseLookup(
        kind=LookupKind.NAME,
        items=[
            hit(POTHOLE, "pothole", CaseStatus.TRIAGED),
            hit(
                BIN,
                "missed_bin",
                CaseStatus.SUBMITTED,
                channel=Channel.FACE_TO_FACE,
                assisted=True,
                created_at=WHEN - timedelta(days=9),
            ),
            hit(
                OLDER,
                "pothole",
                CaseStatus.RESOLVED,
                created_at=WHEN - timedelta(days=40),
                postcode="NG1 1AA",
            ),
        ],
        more=False,
    )


def sample_case() -> CaseRead:
    return CaseRead(
        reference=POTHOLE.compact,
        reference_display=POTHOLE.display,
        id=1,
        full=True,
        service_code="pothole",
        service_name="Report a pothole",
        status=CaseStatus.TRIAGED,
        status_label=CaseStatus.TRIAGED.label,
        created_at=WHEN,
        sla_due=date(2026, 11, 25),
        history=[
            StatusEvent(status=CaseStatus.SUBMITTED, at=WHEN),
            StatusEvent(
                status=CaseStatus.TRIAGED,
                at=WHEN + timedelta(hours=3),
                note="A crew will look at it this week.",
            ),
        ],
        description="Deep hole by the bus stop",
        answers={},
        place=Place(address="12 Mansfield Road", postcode="NG5 2AB"),
        channel=Channel.KIOSK,
        tier=1,
        location_code="shop",
        team_code="highways",
        team_name="Highways",
        customer_id=7,
        updated_at=WHEN,
        notes=[
            Note(
                body="Customer called in to ask when; told this week.",
                public=False,
                at=WHEN + timedelta(days=1),
                author="Sam",
            )
        ],
    )


def visit_lookup_and_assist(window: DeskWindow) -> Iterator[str]:
    """Find a case (found, opened) and Serve a customer (the services, a question)."""
    window.show_page(Page.LOOKUP)
    view = window.lookup
    view.query.setText("Ceri Jones")
    found = sample_lookup()
    view.show_hits([hit_row(h) for h in found.items])
    view.show_status(found_words(found))
    yield "lookup-found"
    view.show_case(case_detail(sample_case()))
    yield "lookup-case"
    window.show_page(Page.ASSIST)
    assist = window.presenter.assist
    assist.catalogue = Catalogue.load(asset_path("catalogue", "demo.json"))
    assist.open()
    yield "assist-services"
    window.assist.services.service_chosen.emit("parking_permit")
    yield "assist-journey"
    window.assist.back_button.click()
