"""The bundles' specs and entry programs (build/bundle/), without building a bundle.

A bundle leaves out every Python package in ``bundling.EXCLUDED_MODULES``; if the kiosk
came to import one of them, its bundle would fail at run time and CI's smoke start would
catch it only after a build. These tests catch it first, from source.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BUNDLE = Path(__file__).resolve().parents[2] / "build" / "bundle"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BUNDLE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Every module the kiosk bundle runs: its program, each mode's lazy imports, the window.
KIOSK_IMPORTS = """
import json, sys
sys.path.insert(0, {bundle!r})
import app_entry, kiosk.cli, kiosk.smoke, kiosk.main, kiosk.device, kiosk.screenshots
import kiosk.app, kiosk.sync.background, kiosk.outbox, kiosk.speech, shared.client
print(json.dumps(sorted(sys.modules)))
"""


def test_the_kiosk_imports_nothing_its_bundle_leaves_out() -> None:
    bundling = _load("bundling")
    found = subprocess.run(
        [sys.executable, "-c", KIOSK_IMPORTS.format(bundle=str(BUNDLE))],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(json.loads(found.stdout))
    excluded = bundling.KIOSK_EXCLUDED_MODULES
    offending = sorted(
        name for name in loaded for gone in excluded if name == gone or name.startswith(f"{gone}.")
    )
    assert offending == []


def test_the_program_takes_its_own_options_before_its_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app_entry = _load("app_entry")
    seen = []

    def add_parser(subparsers) -> None:
        parser = subparsers.add_parser("kiosk")
        parser.add_argument("--smoke", action="store_true")
        parser.set_defaults(run=run)

    def run(args) -> int:
        seen.append((args.verbose, args.smoke))
        return 0

    assert app_entry.run_program("kiosk", add_parser, ["--smoke", "-v"]) == 0
    assert seen == [(True, True)]
    with pytest.raises(SystemExit) as leaving:
        app_entry.run_program("kiosk", add_parser, ["--version"])
    assert leaving.value.code == 0
    assert capsys.readouterr().out.startswith("firststop ")


def test_the_bundle_version_is_pyprojects() -> None:
    bundling = _load("bundling")
    assert bundling.project_version() == importlib.metadata.version("firststop")
