"""The public tracking page the kiosk's QR code opens on a customer's phone."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from casebackend.api.dependencies import Context, DbSession
from casebackend.cases import service
from shared.errors import FirstStopError

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;max-width:40rem;
margin:0 auto;padding:1rem;color:#0b0c0c;background:#fff}}
h1{{font-size:2rem}} .ref{{font-size:1.75rem;font-weight:700;letter-spacing:.1em}}
.status{{font-size:1.5rem;font-weight:700;color:#005ea5}} li{{margin:.5rem 0}}
</style></head><body><main>{body}</main></body></html>"""


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(title=escape(title), body=body), status_code=status)


@router.get("/track/{reference}", response_class=HTMLResponse)
def track_page(
    reference: str, request: Request, session: DbSession, context: Context
) -> HTMLResponse:
    try:
        context.track_limiter.check(request.client.host if request.client else "unknown")
        case = service.track(session, context, reference)
    except FirstStopError as exc:
        return _page(
            "Track your request",
            f"<h1>Track your request</h1><p>{escape(exc.message)}</p>",
            exc.status,
        )
    events = "".join(
        f"<li><strong>{escape(e.status.label)}</strong> — {e.at:%d %B %Y, %H:%M}"
        + (f"<br>{escape(e.note)}" if e.note else "")
        + "</li>"
        for e in case.history
    )
    due = f"<p>We aim to finish by {case.sla_due:%A %d %B %Y}.</p>" if case.sla_due else ""
    body = (
        f"<h1>{escape(case.service_name)}</h1>"
        f'<p>Reference <span class="ref">{escape(case.reference_display)}</span></p>'
        f'<p class="status">{escape(case.status_label)}</p>{due}'
        f"<h2>What has happened</h2><ol>{events}</ol>"
    )
    return _page(f"{case.reference_display} — {case.status_label}", body)
