"""``firststop desk``: the meet-and-greet staff desk.

* ``firststop desk`` starts on the sign-in screen (full screen on a tablet).
* ``--backend URL`` and ``--location CODE`` override the settings; ``--windowed`` opens a
  normal window.
* ``--smoke`` draws the sign-in screen offscreen once and exits 0 (CI, the bundle check).
* ``--screenshots [DIR]`` draws every desk screen from made-up states, in landscape and
  portrait, to PNG files offscreen (no backend; DIR: ``build/screens/desk``), then contact
  sheets of them to ``DIR/contact-sheets``, and exits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from staffdesk.settings import load_settings


def add_desk_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("desk", help="run the meet-and-greet staff desk")
    parser.add_argument("--backend", metavar="URL", help="the case backend's address")
    parser.add_argument("--location", metavar="CODE", help="the location this desk is at")
    parser.add_argument("--windowed", action="store_true", help="a normal window, not full screen")
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        type=Path,
        nargs="?",
        const=Path("build/screens/desk"),
        help="draw every desk screen to PNG, with contact sheets in DIR/contact-sheets, and exit "
        "(DIR: build/screens/desk)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="draw the sign-in screen once and exit (CI)"
    )
    parser.set_defaults(run=run_desk)


def run_desk(args: argparse.Namespace) -> int:
    if args.smoke:
        from staffdesk.smoke import run_smoke

        elapsed = run_smoke()
        if elapsed is None:
            print("The sign-in screen did not become ready.", file=sys.stderr)
            return 1
        print(f"sign-in screen rendered in {elapsed:.3f} s")
        return 0
    settings = load_settings(
        backend_url=args.backend,
        location=args.location,
        windowed=True if args.windowed else None,
    )
    if args.screenshots is not None:
        from shared.ui.contact_sheet import write_contact_sheets
        from staffdesk.screenshots import render_all

        count = render_all(args.screenshots)
        sheets = write_contact_sheets(args.screenshots)
        print(f"Drew {count} screens to {args.screenshots}, {len(sheets)} contact sheets")
        return 0
    from staffdesk.app import run

    return run(settings)
