"""``firststop backend | admin | kiosk | demo …`` — the composition root, above every
program."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from casebackend import __version__
from casebackend import cli as backend_cli
from kiosk import cli as kiosk_cli
from shared.logsafe import LOG_FORMAT, withhold_exception_text
from staffdesk import cli as desk_cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="firststop", description="First Stop: assisted self-service for council services."
    )
    parser.add_argument("--version", action="version", version=f"firststop {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    backend_cli.add_backend_parser(subparsers)
    backend_cli.add_admin_parser(subparsers)
    kiosk_cli.add_kiosk_parser(subparsers)
    desk_cli.add_desk_parser(subparsers)
    demo = subparsers.add_parser(
        "demo",
        help="the whole system on this machine: the demo backend, a kiosk and a staff desk",
    )
    demo.add_argument(
        "--headless",
        action="store_true",
        help="run a scripted visit offscreen, print its figures as JSON, save screenshots",
    )
    demo.add_argument(
        "--screenshots", metavar="DIR", type=Path, help="where --headless saves its screenshots"
    )
    demo.set_defaults(run=_run_demo)
    return parser


def _run_demo(args: argparse.Namespace) -> int:
    from firststop.demo import run_demo
    from kiosk.settings import KioskSettingsError

    try:
        return run_demo(args)
    except KioskSettingsError as exc:  # a FIRSTSTOP_KIOSK_* variable the demo cannot use
        print(exc.message, file=sys.stderr)
        return 2


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=LOG_FORMAT)
    # No exception's message in any line, whichever library logs it.
    withhold_exception_text(logging.getLogger().handlers)
    if not verbose:
        # Alembic narrates every migration step; the commands say what happened themselves.
        logging.getLogger("alembic").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    if args.command in ("kiosk", "desk", "demo"):
        result: int = args.run(args)
        return result
    return backend_cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
