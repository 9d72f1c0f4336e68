"""The kiosk's own words in Polish and Arabic: every string translated, compiled and current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from shared.resources import asset_path

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("pl", "ar")
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
UPDATE_COMMAND = (
    "pyside6-lupdate $(find kiosk shared/ui -name '*.py' | sort) "
    "-ts assets/translations/kiosk_pl.ts assets/translations/kiosk_ar.ts -no-obsolete"
)
RELEASE_COMMAND = (
    "pyside6-lrelease assets/translations/kiosk_<lang>.ts -qm assets/translations/kiosk_<lang>.qm"
)


def ts_path(language: str) -> Path:
    return asset_path("translations", f"kiosk_{language}.ts")


def qt_tool(name: str) -> Path:
    """A Qt tool from the venv that runs the tests, or from PATH."""
    tool = Path(sys.executable).parent / name
    if tool.exists():
        return tool
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return Path(found)


def messages(path: Path) -> Iterator[tuple[str, ET.Element]]:
    """Each message in a .ts file, with the name of its context."""
    root = ET.parse(path).getroot()  # noqa: S314 (our own asset or lupdate's output)
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message


def source_pairs(path: Path) -> set[tuple[str, str]]:
    return {(context, message.findtext("source", "")) for context, message in messages(path)}


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# The .ts files ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(language):
    found = list(messages(ts_path(language)))
    assert found, "no messages in the .ts file"
    for context, message in found:
        source = message.findtext("source", "")
        where = f"{context}: {source!r}"
        translation = message.find("translation")
        assert translation is not None, where
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
        else:
            forms = [translation.text or ""]
        assert forms, where
        for form in forms:
            assert form.strip(), f"{where} has an empty translation"
            assert placeholders(form) == placeholders(source), f"{where}: {form!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_qm_file_is_current(language, tmp_path):
    compiled = tmp_path / f"kiosk_{language}.qm"
    subprocess.run(
        [str(qt_tool("pyside6-lrelease")), "-silent", str(ts_path(language)), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    committed = asset_path("translations", f"kiosk_{language}.qm")
    assert compiled.read_bytes() == committed.read_bytes(), (
        f"kiosk_{language}.qm is out of date: run {RELEASE_COMMAND.replace('<lang>', language)}"
    )


def test_the_ts_files_list_every_translatable_string_in_the_kiosk(tmp_path):
    extracted = tmp_path / "kiosk_check.ts"
    # The kiosk's own words are in kiosk/ and in the shared pages it draws with (shared/ui).
    sources = [
        str(path.relative_to(ROOT))
        for folder in ("kiosk", "shared/ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
    ]
    subprocess.run(
        [str(qt_tool("pyside6-lupdate")), *sources, "-ts", str(extracted), "-no-obsolete"],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    in_sources = source_pairs(extracted)
    assert in_sources, "pyside6-lupdate found no strings in kiosk/"
    for language in LANGUAGES:
        in_file = source_pairs(ts_path(language))
        new = sorted(in_sources - in_file)
        gone = sorted(in_file - in_sources)
        advice = f"Run {UPDATE_COMMAND}, translate the new messages, then run {RELEASE_COMMAND}."
        assert not new, f"kiosk_{language}.ts lacks strings the kiosk uses: {new}. {advice}"
        assert not gone, (
            f"kiosk_{language}.ts has strings the kiosk no longer uses: {gone}. {advice}"
        )


# Loaded by Qt -------------------------------------------------------------------------------


@pytest.fixture
def load_translator(qapp) -> Iterator[Callable[[str], QTranslator]]:
    installed: list[QTranslator] = []

    def load(language: str) -> QTranslator:
        translator = QTranslator()
        assert translator.load(f"kiosk_{language}", str(asset_path("translations")))
        QCoreApplication.installTranslator(translator)
        installed.append(translator)
        return translator

    yield load
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize(("language", "start"), [("pl", "Zacznij"), ("ar", "ابدأ")])
def test_a_translator_loaded_from_the_qm_file_gives_the_translation(
    load_translator, language, start
):
    translator = load_translator(language)
    assert translator.translate("WelcomeView", "Start") == start
    assert QCoreApplication.translate("WelcomeView", "Start") == start


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        ("pl", 1, "Została 1 sekunda"),
        ("pl", 3, "Zostały 3 sekundy"),
        ("pl", 12, "Zostało 12 sekund"),
        ("pl", 22, "Zostały 22 sekundy"),
        ("ar", 3, "بقيت 3 ثوانٍ"),
        ("ar", 11, "بقيت 11 ثانية"),
    ],
)
def test_counted_words_follow_the_language_s_plural_rules(
    load_translator, language, seconds, expected
):
    load_translator(language)
    assert QCoreApplication.translate("IdleWarning", "%n seconds left", "", seconds) == expected
