"""The staff desk bundle's program: ``firststop-desk ARGS`` is ``firststop desk ARGS``.

The same parser as the composition root with the desk's subcommand only, for the reason
given in ``kiosk_entry.py``.
"""

from __future__ import annotations

import sys

from staffdesk.cli import add_desk_parser

from app_entry import run_program

if __name__ == "__main__":
    sys.exit(run_program("desk", add_desk_parser, sys.argv[1:]))
