"""Open311 GeoReport v2 with the FixMyStreet extensions, as ``{resource}.{xml|json}``.

Thin: each route reads its parameters, calls :mod:`casebackend.open311.service` and writes
the result in the format the suffix asks for. Errors become GeoReport error bodies in
:mod:`casebackend.open311.errors`. An empty parameter counts as absent, as the spec says.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from casebackend.api.dependencies import Context, DbSession
from casebackend.identity.secrets import token_hash
from casebackend.open311 import service
from casebackend.open311.openapi import (
    FORMATS,
    REQUEST_FORM,
    RESPONSES,
    UPDATE_FORM,
    WRITE_RESPONSES,
)
from casebackend.open311.parsing import Form, read_form
from casebackend.open311.render import Format, parse_format, respond
from casebackend.open311.schemas import dump

router = APIRouter(responses=RESPONSES)


def output_format(
    fmt: Annotated[str, Path(description="json or xml.", json_schema_extra={"enum": FORMATS})],
) -> Format:
    """Any other suffix is answered 404 by parse_format; the enum only documents it."""
    return parse_format(fmt)


Fmt = Annotated[Format, Depends(output_format)]
FormBody = Annotated[Form, Depends(read_form)]


@router.get("/discovery.{fmt}")
def discovery(fmt: Fmt, request: Request, context: Context) -> Response:
    endpoint_path = request.url.path.rsplit("/", 1)[0]
    return respond(fmt, "discovery", service.discovery(context, endpoint_path).model_dump())


@router.get("/services.{fmt}")
def services(fmt: Fmt, context: Context, jurisdiction_id: str | None = None) -> Response:
    service.check_jurisdiction(context, jurisdiction_id)
    return respond(fmt, "services", dump(service.service_list(context)))


@router.get("/services/{service_code}.{fmt}")
def service_definition(
    service_code: str, fmt: Fmt, context: Context, jurisdiction_id: str | None = None
) -> Response:
    service.check_jurisdiction(context, jurisdiction_id)
    definition = service.service_definition(context, service_code)
    return respond(fmt, "service_definition", definition.model_dump())


@router.post("/requests.{fmt}", openapi_extra=REQUEST_FORM, responses=WRITE_RESPONSES)
def create_request(fmt: Fmt, form: FormBody, session: DbSession, context: Context) -> Response:
    context.limits.open311_post.check("key", token_hash(form.get("api_key") or "")[:32])
    principal = service.authenticate(session, form.get("api_key"))
    created = service.create_request(session, context, principal, form)
    return respond(fmt, "service_requests", dump([created]))


@router.get("/requests.{fmt}")
def list_requests(
    fmt: Fmt,
    session: DbSession,
    context: Context,
    jurisdiction_id: str | None = None,
    service_request_id: str | None = None,
    service_code: str | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    status: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> Response:
    service.check_jurisdiction(context, jurisdiction_id)
    found = service.list_requests(
        session,
        context,
        service_request_id=service_request_id,
        service_code=service_code,
        start_date=start_date,
        end_date=end_date,
        status=status,
        page=page,
        page_size=page_size,
    )
    return respond(fmt, "service_requests", dump(found))


@router.get("/requests/{service_request_id}.{fmt}")
def one_request(
    service_request_id: str,
    fmt: Fmt,
    session: DbSession,
    context: Context,
    jurisdiction_id: str | None = None,
) -> Response:
    service.check_jurisdiction(context, jurisdiction_id)
    found = service.one_request(session, context, service_request_id)
    return respond(fmt, "service_requests", dump([found]))


@router.get("/tokens/{token}.{fmt}")
def token(
    token: str, fmt: Fmt, session: DbSession, context: Context, jurisdiction_id: str | None = None
) -> Response:
    service.check_jurisdiction(context, jurisdiction_id)
    found = service.token(session, context, token)
    return respond(fmt, "service_requests", dump([found]))


@router.get("/servicerequestupdates.{fmt}")
def list_updates(
    fmt: Fmt,
    session: DbSession,
    context: Context,
    jurisdiction_id: str | None = None,
    start_date: str | None = None,
    end_date: str | None = None,
    page: str | None = None,
    page_size: str | None = None,
) -> Response:
    """FixMyStreet sends ``api_key`` here too, perhaps empty: reading needs none, so it is
    accepted and not read."""
    service.check_jurisdiction(context, jurisdiction_id)
    updates = service.list_updates(
        session,
        context,
        start_date=start_date,
        end_date=end_date,
        page=page,
        page_size=page_size,
    )
    return respond(fmt, "service_request_updates", dump(updates))


@router.post("/servicerequestupdates.{fmt}", openapi_extra=UPDATE_FORM, responses=WRITE_RESPONSES)
def post_update(fmt: Fmt, form: FormBody, session: DbSession, context: Context) -> Response:
    context.limits.open311_post.check("key", token_hash(form.get("api_key") or "")[:32])
    principal = service.authenticate(session, form.get("api_key"))
    created = service.post_update(session, context, principal, form)
    return respond(fmt, "service_request_updates", dump([created]))
