"""The kiosk bundle's program: ``firststop-kiosk ARGS`` is ``firststop kiosk ARGS``.

It builds the same parser as the composition root (``firststop.cli``), with the kiosk's
subcommand only, rather than calling ``firststop.cli.main``: the composition root imports
the backend's commands at the top (SQLAlchemy's ORM and its dialects, Alembic, Mako,
Pygments …), and PyInstaller would bundle all of it into a kiosk that never runs it.
"""

from __future__ import annotations

import sys

from kiosk.cli import add_kiosk_parser

from app_entry import run_program

if __name__ == "__main__":
    sys.exit(run_program("kiosk", add_kiosk_parser, sys.argv[1:]))
