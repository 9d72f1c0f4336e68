"""``firststop kiosk``: enrol once, then run the locked-down kiosk.

* ``firststop kiosk --enrol CODE --backend URL`` exchanges a one-time code for this kiosk's
  identity (stored owner-only in the config directory), then starts (with ``--no-start``
  it exits instead: an installer's console has no screen).
* ``firststop kiosk`` starts straight into the welcome screen.
* ``firststop kiosk --set-pin`` sets the installer exit's PIN.
* ``firststop kiosk --screenshots [DIR]`` draws every screen of every demo journey, in each
  language and accessibility mode, to PNG files offscreen (DIR: ``build/screens/kiosk``),
  then contact sheets of them to ``DIR/contact-sheets``, and exits.
* ``firststop kiosk --smoke`` starts on the bundled demo catalogue (no enrolment), exits 0
  once the welcome screen is drawn and ready for a touch (for CI and the installers).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from kiosk.settings import KioskSettings, KioskSettingsError, load_settings


def add_kiosk_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("kiosk", help="run the customer kiosk")
    parser.add_argument("--enrol", metavar="CODE", help="enrol this kiosk with a one-time code")
    parser.add_argument("--backend", metavar="URL", help="the case backend's address (to enrol)")
    parser.add_argument("--name", default=None, help="this kiosk's name, shown to staff")
    parser.add_argument(
        "--no-start", action="store_true", help="with --enrol: enrol, then exit (installers)"
    )
    parser.add_argument("--set-pin", action="store_true", help="set the installer exit's PIN")
    parser.add_argument(
        "--windowed", action="store_true", help="a normal window, not locked down (development)"
    )
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        type=Path,
        nargs="?",
        const=Path("build/screens/kiosk"),
        help="draw every demo screen to PNG, with contact sheets in DIR/contact-sheets, and exit "
        "(DIR: build/screens/kiosk)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="draw the demo welcome screen once and exit (CI)"
    )
    parser.set_defaults(run=run_kiosk)


def run_kiosk(args: argparse.Namespace) -> int:  # noqa: PLR0911 (one per mode)
    if args.smoke:
        return _smoke()
    try:
        settings = load_settings(locked=False if args.windowed else None)
    except KioskSettingsError as exc:  # the installer at the console reads it
        print(exc.message, file=sys.stderr)
        return 2
    if args.screenshots is not None:
        from kiosk.screenshots import render_all
        from shared.ui.contact_sheet import write_contact_sheets

        count = render_all(args.screenshots, settings)
        sheets = write_contact_sheets(args.screenshots)
        print(f"Drew {count} screens to {args.screenshots}, {len(sheets)} contact sheets")
        return 0
    if args.set_pin:
        return _set_pin(settings)
    if args.enrol is not None:
        code = _enrol(settings, args.enrol, args.backend, args.name, start=not args.no_start)
        if code or args.no_start:
            return code
    if not settings.device_file.exists():
        print(
            "This kiosk is not enrolled yet. Enrol it with:\n"
            "  firststop kiosk --enrol CODE --backend https://your-backend",
            file=sys.stderr,
        )
        return 2
    from kiosk.main import run

    # The enrolment file is read once the welcome screen is up (kiosk/main.py); one that
    # cannot be read ends the kiosk then, with the same exit code and a message here.
    return run(settings)


def _smoke() -> int:
    from kiosk.smoke import run_smoke

    try:
        elapsed = run_smoke()
    except KioskSettingsError as exc:  # a FIRSTSTOP_KIOSK_* variable in the environment
        print(exc.message, file=sys.stderr)
        return 2
    if elapsed is None:
        print("The welcome screen did not become ready.", file=sys.stderr)
        return 1
    print(f"welcome screen rendered in {elapsed:.3f} s")
    return 0


def _enrol(
    settings: KioskSettings, code: str, backend: str | None, name: str | None, *, start: bool
) -> int:
    from kiosk.device import EnrolmentFailed, enrol

    if not backend:
        print("To enrol, give the backend's address too: --backend https://…", file=sys.stderr)
        return 2
    try:
        identity = enrol(settings, code, backend, name or "kiosk")
    except EnrolmentFailed as exc:
        print(exc.message, file=sys.stderr)
        return 1
    then = " Starting the kiosk." if start else ""
    print(f"Enrolled at {identity.location_name}.{then}")
    return 0


def _set_pin(settings: KioskSettings) -> int:
    from kiosk.device import set_installer_pin
    from shared.errors import InvalidInput

    pin = getpass.getpass("New installer PIN (4 to 8 digits): ")
    if getpass.getpass("The same PIN again: ") != pin:
        print("The two PINs were different. Nothing was changed.", file=sys.stderr)
        return 1
    try:
        set_installer_pin(settings, pin)
    except InvalidInput as exc:
        print(exc.message, file=sys.stderr)
        return 1
    print("The installer PIN is set.")
    return 0
