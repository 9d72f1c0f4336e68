"""The public tracking page the kiosk's QR code opens on a customer's phone.

Plain HTML, no script, large type, in the council's local time. A reference alone shows the
case's status and dates; the link in the QR code and the confirmation messages carries the
case's tracking token too, which also shows what the case is about and the team's public
notes. A mistyped reference gets the reference checker's own explanation and a box to try
again.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Annotated
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from casebackend.api.dependencies import Context, DbSession
from casebackend.cases import service
from shared.cases.schemas import PublicCase
from shared.cases.tracking import TOKEN_PARAMETER
from shared.errors import FirstStopError, RateLimited
from shared.references import normalise

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;max-width:40rem;
margin:0 auto;padding:1rem;color:#0b0c0c;background:#fff}}
h1{{font-size:2rem;margin:.5rem 0 1rem}} h2{{font-size:1.5rem}}
.ref{{font-size:1.75rem;font-weight:700;letter-spacing:.1em}}
.status{{font-size:1.5rem;font-weight:700;color:#00539f}}
.error{{border-left:.4rem solid #b10e1e;padding-left:1rem}}
li{{margin:.75rem 0}} time{{color:#3d3d3d}}
label{{display:block;font-weight:700;margin:1.5rem 0 .5rem}}
input{{font-size:1.5rem;padding:.5rem;width:13ch;letter-spacing:.05em;border:3px solid #0b0c0c}}
button{{font-size:1.25rem;padding:.6rem 1.2rem;margin-left:.5rem;min-height:48px;
background:#00703c;color:#fff;border:0;border-radius:4px}}
input:focus,button:focus{{outline:4px solid #ffbf47;outline-offset:0}}
footer{{margin-top:3rem;padding-top:1rem;border-top:2px solid #1d70b8;font-size:1.1rem}}
</style></head><body><main>{body}</main>
<footer><p><a href="/performance">How we are doing: the council's figures</a></p></footer>
</body></html>"""

_FORM = """<form method="get" action="/track">
<label for="reference">Your reference</label>
<input id="reference" name="reference" value="{value}" autocomplete="off"
 autocapitalize="characters" spellcheck="false" aria-describedby="hint">
<button type="submit">Track</button>
<p id="hint">It is on your receipt: nine letters and numbers, like K7M-2QX-R4E.</p>
</form>"""


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(title=escape(title), body=body), status_code=status)


# The same page, for the public appointment page (casebackend/appointments/page.py).
page = _page


def _when(moment: datetime, timezone: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    return f'<time datetime="{local.isoformat()}">{local:%-d %B %Y, %H:%M}</time>'


_STATUS_ONLY = (
    "<p>This page shows the progress of a request only. The link in your confirmation "
    "message, or the QR code the kiosk showed you, shows more about it.</p>"
)


def _case_page(case: PublicCase, timezone: str) -> HTMLResponse:
    events = [(e.at, f"<strong>{escape(e.status.label)}</strong>", e.note) for e in case.history]
    events += [(u.at, "<strong>Update</strong>", u.text) for u in case.updates]
    items = "".join(
        f"<li>{label} — {_when(at, timezone)}" + (f"<br>{escape(text)}" if text else "") + "</li>"
        for at, label, text in sorted(events, key=lambda event: event[0])
    )
    due = f"<p>We aim to finish by {case.sla_due:%A %-d %B %Y}.</p>" if case.sla_due else ""
    heading = case.service_name if case.full and case.service_name else "Your request"
    body = (
        f"<h1>{escape(heading)}</h1>"
        f'<p>Reference <span class="ref">{escape(case.reference_display)}</span></p>'
        f'<p class="status">{escape(case.status_label)}</p>{due}'
        f"<h2>What has happened</h2><ol>{items}</ol>" + ("" if case.full else _STATUS_ONLY)
    )
    return _page(f"{case.reference_display}: {case.status_label}", body)


@router.get("/track", response_class=HTMLResponse)
def track_form(reference: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    """The box to type a reference in; a typed one goes to its page."""
    if reference and reference.strip():
        return RedirectResponse(f"/track/{quote(normalise(reference))}", status_code=303)
    return _page("Track your request", "<h1>Track your request</h1>" + _FORM.format(value=""))


@router.get("/track/{reference}", response_class=HTMLResponse)
def track_page(
    reference: str,
    request: Request,
    session: DbSession,
    context: Context,
    token: Annotated[str | None, Query(alias=TOKEN_PARAMETER, max_length=200)] = None,
) -> HTMLResponse:
    try:
        context.track_limiter.check(request.client.host if request.client else "unknown")
        case = service.track(session, context, reference, token, via="web")
    except FirstStopError as exc:
        # Offer the box again unless the answer is "wait a minute".
        form = "" if isinstance(exc, RateLimited) else _FORM.format(value=escape(reference))
        body = (
            "<h1>Track your request</h1>"
            f'<p class="error" role="alert">{escape(exc.message)}</p>{form}'
        )
        return _page("Track your request", body, exc.status)
    return _case_page(case, context.settings.timezone)


def _style_hash() -> str:
    """The CSP source for the page's one inline style block, so the page needs no
    'unsafe-inline' (and gets no script at all)."""
    import base64
    import hashlib
    import re

    match = re.search(r"<style>(.*?)</style>", _PAGE.format(title="", body=""), re.DOTALL)
    style = match.group(1) if match else ""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


# Sent with every answer under /track (casebackend.api.headers): nothing but this page's own
# style and its form; never framed (no clickjacking of a customer's case); the reference in
# the address never leaks to another site.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src {_style_hash()}; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
