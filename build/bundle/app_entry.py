"""What each bundle's program does: ``firststop <command> ARGS``, for one command only.

The same parser, options and logging as ``firststop.cli`` (the composition root, which a
bundle cannot import without the backend; see ``kiosk_entry.py``).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

_OWN_OPTIONS = ("--version", "-v", "--verbose")

AddParser = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _version() -> str:
    try:
        return version("firststop")
    except PackageNotFoundError:  # a bundle built without its metadata
        return "0.0.0"


def run_program(command: str, add_parser: AddParser, argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=f"firststop-{command}",
        description="First Stop: assisted self-service for council services.",
    )
    parser.add_argument("--version", action="version", version=f"firststop {_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_parser(subparsers)
    # The program's own options come before its one command, wherever they were typed.
    own = [arg for arg in argv if arg in _OWN_OPTIONS]
    args = parser.parse_args([*own, command, *(arg for arg in argv if arg not in _OWN_OPTIONS)])
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    result: int = args.run(args)
    return result
