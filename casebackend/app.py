"""The backend application: one FastAPI app with the internal API and the Open311 face."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from casebackend import __version__
from casebackend.addresses.endpoints import router as addresses_router
from casebackend.api import errors
from casebackend.api.headers import SecurityHeaders
from casebackend.api.limits import RequestGuard
from casebackend.api.logconfig import uvicorn_log_config
from casebackend.appointments.endpoints import router as appointments_router
from casebackend.appointments.page import router as appointment_page_router
from casebackend.appointments.scheduler import ReminderScheduler
from casebackend.audit.endpoints import router as audit_router
from casebackend.cases.endpoints import router as cases_router
from casebackend.cases.references import ensure_backend_issuer
from casebackend.catalogue.endpoints import router as catalogue_router
from casebackend.catalogue.service import CatalogueCache
from casebackend.context import BackendContext
from casebackend.customers.endpoints import router as customers_router
from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_reader, make_session_factory, unit_of_work
from casebackend.figures.endpoints import router as figures_router
from casebackend.figures.page import PAGE_HEADERS as PERFORMANCE_HEADERS
from casebackend.figures.page import router as performance_router
from casebackend.fleet.endpoints import router as fleet_router
from casebackend.identity.cache import PrincipalCache
from casebackend.identity.endpoints import router as identity_router
from casebackend.live.endpoints import router as live_router
from casebackend.live.hub import LiveHub
from casebackend.live.pgbroker import check_live_broker, make_broker
from casebackend.lookup.endpoints import router as lookup_router
from casebackend.notifications.provider import (
    NotificationChannel,
    NotificationProvider,
    NotificationTemplate,
    RecordingProvider,
)
from casebackend.notifications.service import Dispatcher
from casebackend.open311 import openapi as open311_openapi
from casebackend.open311.endpoints import router as open311_router
from casebackend.organisation.endpoints import router as hours_router
from casebackend.organisation.service import Directory, Router
from casebackend.overdue.endpoints import router as overdue_router
from casebackend.overdue.scheduler import DigestScheduler
from casebackend.privacy.scheduler import RetentionScheduler
from casebackend.ratelimit.service import Lockouts, RateLimits
from casebackend.ratelimit.storage import open_storage
from casebackend.settings import BackendSettings, NotificationProviderName
from casebackend.tracking import PAGE_HEADERS
from casebackend.tracking import router as tracking_router
from casebackend.triage.endpoints import router as triage_router
from casebackend.visits.endpoints import router as visits_router
from shared.errors import InvalidInput

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
OPEN311_PREFIX = "/open311/v2"


def make_provider(settings: BackendSettings) -> NotificationProvider:
    """The configured provider; a configuration mistake stops start-up with one sentence."""
    if settings.notification_provider is not NotificationProviderName.GOVUK_NOTIFY:
        return RecordingProvider()
    from casebackend.notifications.govuk_notify import GovUkNotifyProvider

    if settings.notify_api_key is None:
        raise InvalidInput("notification_provider is govuk_notify, but notify_api_key is not set.")
    templates = {}
    for name, template_id in settings.notify_templates.items():
        channel, _, purpose = name.partition(":")
        try:
            key = (NotificationChannel(channel), NotificationTemplate(purpose))
        except ValueError:
            raise InvalidInput(
                f"notify_templates has {name!r}: keys are <channel>:<purpose>, with channel "
                f"sms or email and purpose {' or '.join(NotificationTemplate)}."
            ) from None
        templates[key] = template_id
    try:
        return GovUkNotifyProvider(
            api_key=settings.notify_api_key.get_secret_value(),
            templates=templates,
            base_url=settings.notify_base_url,
        )
    except ValueError as exc:
        raise InvalidInput(f"The GOV.UK Notify settings are not valid: {exc}") from None


def build_context(settings: BackendSettings, *, upgrade_schema: bool = False) -> BackendContext:
    """Everything the app needs. An empty database gets the schema; an older one is
    upgraded only when asked (``firststop admin migrate``), never behind an admin's back."""
    check_live_broker(settings)
    engine = make_engine(settings.database_url)
    migrate.prepare(engine, upgrade_schema=upgrade_schema)
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        ensure_backend_issuer(session)
    limits = RateLimits(open_storage(settings.rate_limit_storage_url, engine), settings)
    directory = Directory()
    with sessions() as session:
        router = Router.load(session)
        directory.load(session)
    catalogue = CatalogueCache(sessions)
    dispatcher = Dispatcher(sessions, make_provider(settings), settings.notification_max_attempts)
    return BackendContext(
        settings=settings,
        engine=engine,
        sessions=sessions,
        catalogue=catalogue,
        dispatcher=dispatcher,
        limits=limits,
        lockouts=Lockouts(sessions, settings),
        track_limiter=limits.track,
        router=router,
        directory=directory,
        principals=PrincipalCache(),
        retention=RetentionScheduler(
            sessions,
            catalogue,
            default_days=settings.retention_days_default,
            appointment_days=settings.appointment_retention_days,
            every_seconds=settings.retention_purge_minutes * 60,
        ),
        overdue_digest=DigestScheduler(sessions, catalogue, settings, on_queued=dispatcher.wake),
        appointment_chores=ReminderScheduler(
            sessions, catalogue, settings, on_queued=dispatcher.wake
        ),
        reader=make_reader(engine),
    )


def create_app(settings: BackendSettings, context: BackendContext | None = None) -> FastAPI:
    context = context or build_context(settings)

    hub = LiveHub(context, make_broker(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        context.dispatcher.start()
        context.dispatcher.wake()
        await hub.start()
        context.retention.start()
        context.overdue_digest.start()
        context.appointment_chores.start()
        try:
            yield
        finally:
            await hub.close()
            context.appointment_chores.stop()
            context.overdue_digest.stop()
            context.retention.stop()
            context.dispatcher.stop()
            context.engine.dispose()
            if context.reader is not None:
                context.reader.dispose()

    app = FastAPI(
        title="First Stop case backend",
        version=__version__,
        description=(
            "The system of record for council service requests from every channel. "
            "Errors are `{code, message, details}` with stable codes; 404 and 409 are "
            "business outcomes, 422 is malformed input."
        ),
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json" if settings.api_docs else None,
        docs_url=f"{API_PREFIX}/docs" if settings.api_docs else None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=f"{API_PREFIX}/docs/oauth2-redirect",
    )
    app.state.context = context
    app.state.live = hub
    errors.install(app)
    routers = (
        identity_router,
        catalogue_router,
        # Before the cases' own routes: /cases/overdue is not a case reference.
        overdue_router,
        cases_router,
        customers_router,
        lookup_router,
        fleet_router,
        addresses_router,
        audit_router,
        visits_router,
        figures_router,
        triage_router,
        hours_router,
        appointments_router,
    )
    for router in routers:
        app.include_router(router, prefix=API_PREFIX, responses=errors.ERROR_RESPONSES)
    app.include_router(open311_router, prefix=OPEN311_PREFIX, include_in_schema=False)
    if settings.api_docs:
        # The Open311 face's own document, built once from its router alone.
        open311_document = open311_openapi.document(
            open311_router.routes, __version__, OPEN311_PREFIX
        )

        @app.get(f"{OPEN311_PREFIX}/openapi.json", include_in_schema=False)
        def open311_openapi_document() -> JSONResponse:
            return JSONResponse(open311_document)

    app.include_router(tracking_router)
    app.include_router(appointment_page_router)
    app.include_router(performance_router)
    app.include_router(live_router)

    @app.get(f"{API_PREFIX}/health", tags=["health"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)
    # Each added one wraps the ones before: LastResort sees what escapes every other layer,
    # and its 500 still gets the headers.
    app.add_middleware(errors.LastResort)
    app.add_middleware(
        SecurityHeaders,
        pages={
            "/track": PAGE_HEADERS,
            "/appointment": PAGE_HEADERS,
            "/performance": PERFORMANCE_HEADERS,
        },
    )
    if settings.trusted_proxies:
        # Outermost: the client address every limit counts is settled before anything
        # else sees the request. Servers start with uvicorn's own proxy handling off
        # (server_options), so only these proxies are believed.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    return app


def server_options(root_level: int | None = None) -> dict[str, Any]:
    """How every start of the backend runs uvicorn (firststop backend, its workers, the tests).

    uvicorn's own proxy-header handling trusts any local peer, so it is off, and create_app
    installs it for the configured trusted_proxies only. Its logging goes through the
    project's filter (no exception text); ``root_level`` also sets up a worker process's
    root logger. The access log stays off: a query string can hold what a customer typed.
    """
    return {
        "proxy_headers": False,
        "log_config": uvicorn_log_config(root_level),
        "access_log": False,
    }


def create_app_from_settings() -> FastAPI:
    """The app factory each worker process calls when the backend runs several workers."""
    from casebackend.settings import settings_for_worker

    return create_app(settings_for_worker())
