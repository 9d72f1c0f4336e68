"""The public appointment page the confirmation's QR code and link open on a phone.

Like the tracking page: plain HTML, no script, large type, local time. With the link's
token it shows what the appointment is for, when and where (never the customer's name or
contact details); without it, or with a wrong one, the same "cannot find" as an unknown
reference.
"""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from casebackend.api.dependencies import Context, DbSession
from casebackend.appointments import service
from casebackend.tracking import page
from shared.appointments import references
from shared.appointments.schemas import AppointmentStatus, PublicAppointment
from shared.cases.tracking import TOKEN_PARAMETER
from shared.errors import FirstStopError

router = APIRouter(include_in_schema=False)

_STATUS = {
    AppointmentStatus.BOOKED: "Booked",
    AppointmentStatus.ARRIVED: "You have checked in",
    AppointmentStatus.CANCELLED: "Cancelled",
    AppointmentStatus.NO_SHOW: "Missed",
    AppointmentStatus.SEEN: "Done",
}


def _appointment_page(appointment: PublicAppointment) -> HTMLResponse:
    when = f"{appointment.day:%A %-d %B %Y} at {appointment.time}"
    status = _STATUS[appointment.status]
    body = (
        f"<h1>{escape(appointment.service_name)}</h1>"
        f'<p>Reference <span class="ref">{escape(appointment.reference_display)}</span></p>'
        f'<p class="status">{escape(status)}</p>'
        f"<h2>When</h2><p>{escape(when)}</p>"
        f"<h2>Where</h2><p>{escape(appointment.location_name)}<br>"
        f"{escape(appointment.location_address)}</p>"
        "<p>When you arrive, scan the QR code or type the reference at a kiosk, or tell "
        "the person at the desk.</p>"
    )
    return page(f"{appointment.reference_display}: {status}", body)


# The confirmation's QR code and link (service.page_url); a kiosk's scanner reads the
# reference back out of it (references.reference_text).
@router.get(f"/{references.PAGE_SEGMENT}/{{reference}}", response_class=HTMLResponse)
def appointment_page(
    reference: str,
    request: Request,
    session: DbSession,
    context: Context,
    token: Annotated[str | None, Query(alias=TOKEN_PARAMETER, max_length=200)] = None,
) -> HTMLResponse:
    try:
        context.track_limiter.check(request.client.host if request.client else "unknown")
        found = service.public(session, reference, token)
        appointment = service.public_read(session, context, found)
    except FirstStopError as exc:
        body = f'<h1>Your appointment</h1><p class="error" role="alert">{escape(exc.message)}</p>'
        return page("Your appointment", body, exc.status)
    return _appointment_page(appointment)
