"""`firststop backend` and `firststop admin …`: run the backend and look after it."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.live.control import tell_backends
from casebackend.settings import BackendSettings, export_settings, load_settings
from shared.errors import FirstStopError

log = logging.getLogger(__name__)


def add_backend_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("backend", help="run the case backend")
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default 8765)")
    parser.add_argument("--database", help="database URL (default: a SQLite file)")
    parser.add_argument(
        "--workers", type=int, default=1, help="worker processes (default 1; 2 per core is usual)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="load the demo council and print how to sign in"
    )
    parser.set_defaults(run=run_backend)


def add_admin_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("admin", help="look after the case backend")
    parser.add_argument("--database", help="database URL (default: the backend's)")
    commands = parser.add_subparsers(dest="admin_command", required=True, metavar="COMMAND")
    # The admin options also work after the command (``admin migrate --database URL``);
    # SUPPRESS keeps a command from resetting one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", default=argparse.SUPPRESS, help="database URL")

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], **kwargs)

    command("migrate", help="bring the database schema up to date").set_defaults(run=_migrate)
    command("seed-demo", help="load the demo council").set_defaults(run=_seed_demo)

    staff = command("create-staff", help="add a staff member")
    staff.add_argument("username")
    staff.add_argument("--name", default="", help="name shown to colleagues")
    staff.add_argument(
        "--role",
        action="append",
        required=True,
        choices=["greeter", "caseworker", "manager", "admin"],
        help="repeat for several roles",
    )
    staff.add_argument(
        "--location", action="append", default=[], help="location code; repeat for several"
    )
    staff.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    staff.set_defaults(run=_create_staff)

    code = command("enrolment-code", help="make a one-time code to enrol a kiosk")
    code.add_argument("--location", required=True, help="location code, e.g. shop")
    code.add_argument("--hours", type=float, help="how long the code works (default 24)")
    code.set_defaults(run=_enrolment_code)

    key = command("create-api-key", help="make an API key for an Open311 client")
    key.add_argument("name", help="who the key is for, e.g. fixmystreet")
    key.set_defaults(run=_create_api_key)

    load = command("load-catalogue", help="replace the service catalogue from a file")
    load.add_argument("path", help="a catalogue JSON file (see assets/catalogue/demo.json)")
    load.set_defaults(run=_load_catalogue)

    gazetteer = command(
        "load-gazetteer", help="replace the addresses found by postcode from a CSV file"
    )
    gazetteer.add_argument("path", help="CSV with columns uprn,postcode,line[,latitude,longitude]")
    gazetteer.set_defaults(run=_load_gazetteer)

    revoke = command("revoke-device", help="stop a kiosk's token working")
    revoke.add_argument("device_id", type=int, help="the kiosk's number (firststop admin fleet)")
    revoke.set_defaults(run=_revoke_device)

    revoke_key = command("revoke-api-key", help="stop an Open311 client's key working")
    revoke_key.add_argument("name")
    revoke_key.set_defaults(run=_revoke_api_key)

    leaver = command("deactivate-staff", help="stop a staff member signing in")
    leaver.add_argument("username")
    leaver.set_defaults(run=_deactivate_staff)

    fleet = command("fleet", help="the health of every kiosk, from its heartbeats")
    fleet.add_argument("--location", help="only this location's kiosks")
    fleet.set_defaults(run=_fleet)

    figures = command(
        "figures", help="the council's figures for a period (docs/figures.md), as JSON or CSV"
    )
    figures.add_argument("--from", dest="first", required=True, type=_day, metavar="DATE")
    figures.add_argument("--to", dest="last", required=True, type=_day, metavar="DATE")
    figures.add_argument("--location", help="one location's code (default: every location)")
    figures.add_argument("--format", choices=["json", "csv"], default="json")
    figures.set_defaults(run=_figures)

    _add_notification_commands(command)
    _add_privacy_commands(command)


def _add_notification_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    notes = command("notifications", help="list recorded and sent messages")
    notes.add_argument("--limit", type=int, default=50)
    notes.set_defaults(run=_notifications)

    digest = command(
        "overdue-digest",
        help="send each team today's overdue digest now (once a day), or print it",
    )
    digest.add_argument(
        "--dry-run", action="store_true", help="print the digests; send and record nothing"
    )
    digest.set_defaults(run=_overdue_digest)


def _add_privacy_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    purge = command(
        "purge-expired",
        help="erase personal data from cases closed longer ago than their retention period",
    )
    purge.set_defaults(run=_purge_expired)

    erase = command(
        "erase-customer", help="the right to erasure: anonymise a customer and their cases"
    )
    erase.add_argument("customer", metavar="ID|EMAIL", help="customer number or email address")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(run=_erase_customer)

    export = command(
        "export-customer", help="a subject access request: everything held about a customer"
    )
    export.add_argument("customer", metavar="ID|EMAIL", help="customer number or email address")
    export.add_argument("--output", metavar="FILE", help="write the JSON here (default: stdout)")
    export.set_defaults(run=_export_customer)


def _settings(args: argparse.Namespace) -> BackendSettings:
    return load_settings(
        database_url=getattr(args, "database", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
    )


def _migrated(settings: BackendSettings) -> tuple[Engine, sessionmaker[Session]]:
    """Sessions on a database whose schema is current: made on an empty database,
    refused (with what to do) on an older one."""
    # Every model, so every foreign key finds its table however little the command imports
    # (erasing a customer flushes a notification, whose appointment the command never names).
    import casebackend.db.models  # noqa: F401

    engine = make_engine(settings.database_url)
    migrate.prepare(engine)
    return engine, make_session_factory(engine)


def _migrate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine)
    print(f"Database is up to date (revision {migrate.current_revision(engine)}).")
    return 0


def _seed_demo(args: argparse.Namespace) -> int:
    from casebackend.demo import DEMO_PASSWORD, STAFF, seed_demo

    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        seed = seed_demo(session)
        # Its catalogue, locations, teams and routing rules, in running backends too.
        tell_backends(session, "reload")
    print(f"Demo council loaded: {seed.services} services, {seed.addresses} addresses.")
    print(f"Staff logins (password {DEMO_PASSWORD!r}): {', '.join(s[0] for s in STAFF)}")
    print(f"Open311 API key: {seed.api_key}")
    return 0


def _create_staff(args: argparse.Namespace) -> int:
    import getpass

    from casebackend.identity import service as identity
    from casebackend.identity.models import Role

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password for the new staff member: ")
        if getpass.getpass("Type it again: ") != password:
            print("The two passwords are different. Nothing was changed.", file=sys.stderr)
            return 2
    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        staff = identity.create_staff(
            session,
            username=args.username,
            display_name=args.name,
            password=password,
            roles=[Role(r) for r in args.role],
            location_codes=args.location,
        )
        print(f"Staff member {staff.username} added with roles {', '.join(staff.roles)}.")
    return 0


def _enrolment_code(args: argparse.Namespace) -> int:
    from casebackend.identity import service as identity

    settings = _settings(args)
    hours = args.hours if args.hours is not None else settings.enrolment_code_hours
    if hours <= 0:
        print("--hours must be more than 0.", file=sys.stderr)
        return 2
    _, sessions = _migrated(settings)
    with unit_of_work(sessions) as session:
        code, expires = identity.create_enrolment_code(
            session, args.location, timedelta(hours=hours)
        )
    print(f"Enrolment code for {args.location}: {code}")
    print(f"It works once, until {expires:%Y-%m-%d %H:%M %Z}.")
    return 0


def _create_api_key(args: argparse.Namespace) -> int:
    from casebackend.identity import service as identity

    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        key = identity.create_api_key(session, args.name)
    print(f"API key for {args.name.strip()} (shown once, keep it safe):")
    print(key)
    return 0


def _load_catalogue(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pydantic import TypeAdapter, ValidationError

    from casebackend.catalogue.service import store_catalogue
    from shared.catalogue import Catalogue

    path = Path(args.path)
    if not path.is_file():
        print(f"There is no file {path}.", file=sys.stderr)
        return 2
    try:
        # Read by pydantic, as the backend's edge reads what it is sent: every problem at
        # once, and a field the catalogue does not know (a misspelling) refused.
        catalogue = TypeAdapter(Catalogue).validate_json(path.read_bytes())
    except ValidationError as exc:
        problems = exc.errors()
        print(f"The catalogue in {path} is not valid ({len(problems)} problems):", file=sys.stderr)
        for problem in problems[:10]:
            where = " > ".join(str(part) for part in problem["loc"])
            print(f"  {where or 'file'}: {problem['msg']}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 2
    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        store_catalogue(session, catalogue)
        # Running backends on PostgreSQL read it again as this commits.
        tell_backends(session, "reload")
    served = (
        "Backends running with live_broker = postgresql serve it now; restart any other."
        if session.get_bind().dialect.name == "postgresql"
        else "Restart the backend to serve it."
    )
    print(f"Catalogue {catalogue.version} loaded: {len(catalogue.services)} services. {served}")
    return 0


def _load_gazetteer(args: argparse.Namespace) -> int:
    from pathlib import Path

    from casebackend.addresses.service import read_gazetteer_file, replace_gazetteer

    path = Path(args.path)
    if not path.is_file():
        print(f"There is no file {path}.", file=sys.stderr)
        return 2
    try:
        entries = read_gazetteer_file(path)
    except FirstStopError as exc:
        problems = exc.details.get("problems", [])
        print(f"{path}: {exc.message}", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > 20:
            print(f"  … and {len(problems) - 20} more.", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 2
    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        before, after = replace_gazetteer(session, entries)
    postcodes = len({entry.postcode for entry in entries})
    print(
        f"Gazetteer loaded: {after} addresses at {postcodes} postcodes "
        f"(it held {before} before; they were replaced)."
    )
    return 0


def _revoke_device(args: argparse.Namespace) -> int:
    from casebackend.identity import service as identity

    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        device = identity.revoke_device(session, args.device_id)
        # Running backends re-check their sign-ins as this commits (on PostgreSQL).
        tell_backends(session, "recheck")
        print(f"Kiosk {device.id} ({device.name}) can no longer sign in; re-enrol it to use it.")
    return 0


def _revoke_api_key(args: argparse.Namespace) -> int:
    from casebackend.identity import service as identity

    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        identity.revoke_api_key(session, args.name)
    print(f"The API key {args.name.strip()!r} no longer works.")
    return 0


def _deactivate_staff(args: argparse.Namespace) -> int:
    from casebackend.identity import service as identity

    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        identity.deactivate_staff(session, args.username)
        tell_backends(session, "recheck")
    print(f"{args.username.strip().lower()} can no longer sign in; open sessions are ended.")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30"
        ) from None


def _figures(args: argparse.Namespace) -> int:
    from casebackend.catalogue.service import CatalogueCache
    from casebackend.figures import export, service
    from shared.schema import encode

    settings = _settings(args)
    _, sessions = _migrated(settings)
    with sessions() as session:
        found = service.report(
            session,
            settings,
            CatalogueCache(sessions).get(),
            first=args.first,
            last=args.last,
            location_code=args.location,
        )
    if args.format == "csv":
        sys.stdout.write(export.to_csv(found))
    else:
        print(encode(found, indent=2).decode())
    return 0


def _overdue_digest(args: argparse.Namespace) -> int:
    from casebackend.app import make_provider
    from casebackend.catalogue.service import CatalogueCache
    from casebackend.notifications.service import Dispatcher
    from casebackend.overdue import service

    settings = _settings(args)
    _, sessions = _migrated(settings)
    catalogue = CatalogueCache(sessions)
    if args.dry_run:
        with sessions() as session:
            found = service.digests(session, settings, catalogue)
        for digest in found:
            print(digest.text())
        print(f"{len(found)} teams have cases overdue or due soon; nothing was sent.")
        return 0
    with unit_of_work(sessions) as session:
        sent = service.send_digests(session, settings, catalogue)
    # Sent from here at once; a running backend's dispatcher would also send them within
    # a minute, and the lease on each message keeps the two from sending one twice.
    Dispatcher(sessions, make_provider(settings), settings.notification_max_attempts).send_due()
    print(
        f"Overdue digest sent to {len(sent)} teams"
        + (f": {', '.join(d.team_code for d in sent)}." if sent else ".")
        + " A team already sent today's is not sent it again."
    )
    return 0


def _fleet(args: argparse.Namespace) -> int:
    from casebackend.fleet.service import fleet
    from casebackend.identity.principal import SYSTEM

    settings = _settings(args)
    _, sessions = _migrated(settings)
    with sessions() as session:
        kiosks = fleet(session, SYSTEM, settings, location_code=args.location)
    if not kiosks:
        print("No kiosks are enrolled" + (f" at {args.location}." if args.location else "."))
        return 0
    print(
        f"{'location':<14} {'kiosk':<20} {'state':<14} {'seen':>7} {'version':<10} "
        f"{'outbox':>6} {'held':>4} {'frame':>6} {'touch':>7}  screen"
    )
    for k in kiosks:
        print(
            f"{k.location_code:<14} {k.name[:20]:<20} {k.state:<14} {_age(k.heartbeat_age_s):>7} "
            f"{k.version or '-':<10} {_n(k.outbox_depth):>6} {_n(k.outbox_held):>4} "
            f"{_age(k.frame_age_s):>6} {_age(k.touch_age_s):>7}  {k.screen or '-'}"
        )
    return 0


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{seconds:.0f}s"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m"
    return f"{seconds / 3600:.0f}h"


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)


def _notifications(args: argparse.Namespace) -> int:
    from casebackend.cases.models import Case
    from casebackend.notifications.models import Notification

    _, sessions = _migrated(_settings(args))
    with sessions() as session:
        rows = session.execute(
            select(Notification, Case.reference)
            .outerjoin(Case, Case.id == Notification.case_id)
            .order_by(Notification.id.desc())
            .limit(max(args.limit, 1))
        ).all()
        if not rows:
            print("No notifications yet.")
            return 0
        for note, reference in reversed(rows):
            print(
                f"{note.created_at:%Y-%m-%d %H:%M} {reference or '(team)':<9} {note.channel:<5} "
                f"{note.template:<15} {note.status:<7} to {note.recipient} "
                f"(attempts {note.attempts}){' — ' + note.last_error if note.last_error else ''}"
            )
    return 0


def _purge_expired(args: argparse.Namespace) -> int:
    from casebackend.catalogue.service import CatalogueCache
    from casebackend.privacy.service import ADMIN_CLI, purge_expired

    settings = _settings(args)
    _, sessions = _migrated(settings)
    # Read before the purge's transaction opens: on SQLite a second one would wait for it.
    catalogue = CatalogueCache(sessions)
    with unit_of_work(sessions) as session:
        report = purge_expired(
            session,
            catalogue,
            default_days=settings.retention_days_default,
            appointment_days=settings.appointment_retention_days,
            principal=ADMIN_CLI,
            through="cli",
        )
    print(
        f"Retention purge: personal data erased from {len(report.cases)} closed cases, "
        f"{len(report.customers)} customer records and {len(report.appointments)} "
        "appointments."
    )
    return 0


def _erase_customer(args: argparse.Namespace) -> int:
    from casebackend.cases.models import Case
    from casebackend.catalogue.service import CatalogueCache
    from casebackend.customers.service import get_customer
    from casebackend.privacy.service import customer_appointments, erase_customer, find_subject

    _, sessions = _migrated(_settings(args))
    catalogue = CatalogueCache(sessions)
    # Looked up first, so no transaction is held open while the operator decides.
    with sessions() as session:
        customer = find_subject(session, args.customer)
        customer_id, erased = customer.id, customer.erased_at is not None
        cases = session.scalar(select(func.count(Case.id)).where(Case.customer_id == customer_id))
        booked = len(customer_appointments(session, customer))
    if erased:
        print(f"Customer {customer_id}'s details were already erased. Nothing was changed.")
        return 0
    if not args.yes:
        print(
            f"This erases customer {customer_id}'s name, contact details and accounts, and "
            f"the personal data on their {cases} cases and {booked} appointments. "
            "It cannot be undone."
        )
        if input("Type 'erase' to go on: ").strip().lower() != "erase":
            print("Nothing was changed.", file=sys.stderr)
            return 1
    with unit_of_work(sessions) as session:
        report = erase_customer(session, catalogue, get_customer(session, customer_id))
    print(
        f"Customer {report.customer_id} erased, with the personal data on "
        f"{len(report.cases)} cases and {len(report.appointments)} appointments."
    )
    if report.unconfirmed:
        print(
            f"{len(report.unconfirmed)} unconfirmed cases whose details matched them had those "
            f"details erased: {', '.join(report.unconfirmed)}."
        )
    return 0


def _export_customer(args: argparse.Namespace) -> int:
    import os

    from casebackend.privacy.service import export_customer, find_subject

    _, sessions = _migrated(_settings(args))
    with unit_of_work(sessions) as session:
        customer = find_subject(session, args.customer)
        export = export_customer(session, customer)
        text = export.model_dump_json(indent=2) + "\n"
        if args.output:
            # Owner-only from the start: the file is all of one person's personal data.
            handle = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
    if args.output:
        print(f"Everything held about customer {customer.id} is in {args.output}.")
    else:
        sys.stdout.write(text)
    return 0


def run_backend(args: argparse.Namespace) -> int:
    import uvicorn

    from casebackend.app import build_context, create_app, server_options

    settings = _settings(args)
    context = build_context(settings, upgrade_schema=args.demo)
    if args.demo:
        from casebackend.demo import DEMO_PASSWORD, STAFF, seed_demo

        with unit_of_work(context.sessions) as session:
            seed = seed_demo(session)
        context.reload()
        base = f"http://{settings.host}:{settings.port}"
        print(f"First Stop case backend (demo council) on {base}", flush=True)
        print(f"  API docs:        {base}/api/v1/docs")
        print(f"  Open311:         {base}/open311/v2/discovery.json")
        print(f"  Track a case:    {base}/track")
        print(f"  Open311 API key: {seed.api_key}")
        print(f"  Staff logins:    {', '.join(s[0] for s in STAFF)} / {DEMO_PASSWORD}", flush=True)
    if args.workers > 1:
        # Each worker process builds its own app from the same settings.
        context.engine.dispose()
        if context.reader is not None:
            context.reader.dispose()
        export_settings(settings)
        uvicorn.run(
            "casebackend.app:create_app_from_settings",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=args.workers,
            # Worker processes start with no logging: this sets theirs up too.
            **server_options(logging.getLogger().getEffectiveLevel()),
        )
        return 0
    app = create_app(settings, context)
    # What start-up made lives as long as the process: keep it out of the collector's full
    # passes, which otherwise pause every live connection at once.
    gc.collect()
    gc.freeze()
    uvicorn.run(app, host=settings.host, port=settings.port, **server_options())
    return 0


def run(args: argparse.Namespace) -> int:
    """Run a command; every mistake an operator can make ends in one plain sentence."""
    from pydantic import ValidationError
    from sqlalchemy.exc import ArgumentError, OperationalError

    try:
        result: int = args.run(args)
    except FirstStopError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except ArgumentError:
        print(
            "That database URL cannot be read. It looks like sqlite:///path/to/file.sqlite3 "
            "or postgresql+psycopg://user:password@host/database.",
            file=sys.stderr,
        )
        return 2
    except OperationalError:
        print(
            "Could not open the database: check the URL, that the server is running and "
            "reachable, and the user name and password.",
            file=sys.stderr,
        )
        return 1
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        print(f"A setting is not valid: {problems}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Could not use a file or the network: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return result
