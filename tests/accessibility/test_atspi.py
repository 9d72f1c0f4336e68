"""Issue 9: the apps are accessible to screen readers on Linux (AT-SPI), every control with
its name. The real kiosk and the real staff desk run in processes of their own on a private
X display, with a private session bus and the AT-SPI registry; a client walks each screen's
accessible tree over the bus, as Orca would, and every push button, toggle, check box, radio
button and text field on it must have a name, and the screen's heading must be there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.accessibility.atspi import (
    CONTROL_ROLES,
    CannotStart,
    Driven,
    Node,
    Reader,
    accessibility_bus,
    desktop,
)

ROOT = Path(__file__).resolve().parents[2]
BUTTON_ROLES = frozenset({"push button", "toggle button", "check box", "radio button"})


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    try:
        with desktop(tmp_path_factory.mktemp("a11y")) as env:
            yield env
    except CannotStart as problem:
        pytest.skip(f"no display or bus for the AT-SPI test: {problem}")


@pytest.fixture(scope="module")
def reader(session: dict[str, str]) -> Iterator[Reader]:
    try:
        bus = accessibility_bus(session)
    except CannotStart as problem:
        pytest.skip(f"no AT-SPI bus: {problem}")
    with bus:
        yield Reader(bus)


def read_screens(which: str, session: dict[str, str], reader: Reader) -> dict[str, Node]:
    """Every screen the driver shows, as a screen reader reads it; checks each as it goes."""
    app = Driven(which, session, ROOT)
    problems: list[str] = []
    screens: dict[str, Node] = {}
    try:
        bus_name = reader.application(int(app.ready["pid"]))  # type: ignore[call-overload]
        while not (said := app.next()).get("done"):
            name = str(said["screen"])
            tree = reader.tree(bus_name)
            screens[name] = tree
            problems.extend(f"{name}: {p}" for p in screen_problems(tree, said))
    finally:
        app.close()
    assert problems == [], "\n".join(problems)
    return screens


def screen_problems(tree: Node, said: dict[str, object]) -> list[str]:
    nodes = list(tree.walk())
    found = [n for n in nodes if n.role in CONTROL_ROLES]
    problems = [f"a {n.role} without a name" for n in found if not n.name.strip()]
    headings = [str(h) for h in said["headings"]]  # type: ignore[attr-defined]
    # A button says what it does: one named by the question is read as the question.
    problems.extend(
        f"a {n.role} named as the heading {n.name!r}"
        for n in found
        if n.role in BUTTON_ROLES and n.name in headings
    )
    # Among the controls one can use now: under a modal overlay the screen behind is
    # disabled, and a screen reader says so ("English, unavailable" behind "English").
    named = [n.name for n in found if n.name.strip() and n.enabled]
    problems.extend(
        f"two controls named {name!r}" for name in sorted(set(named)) if named.count(name) > 1
    )
    # The bus shows what is on the screen: as many controls as the app itself shows.
    if len(found) < int(said["controls"]):  # type: ignore[call-overload]
        problems.append(f"{len(found)} controls on the bus, {said['controls']} on the screen")
    names = {n.name for n in nodes}
    if not headings:
        problems.append("the app shows no heading")
    problems.extend(f"heading {h!r} not exposed" for h in headings if h not in names)
    return problems


def test_every_kiosk_control_has_its_name(session: dict[str, str], reader: Reader) -> None:
    screens = read_screens("kiosk", session, reader)
    names = list(screens)
    assert names[:3] == ["00-welcome", "00-welcome-languages", "01-services"]
    # The language picker is modal to a screen reader too: the welcome page's own English
    # button is there behind it, unavailable; the picker's is the one to press.
    english = [
        n.enabled
        for n in screens["00-welcome-languages"].walk()
        if n.role in CONTROL_ROLES and n.name == "English"
    ]
    assert sorted(english) == [False, True]
    assert "track" in names
    assert any(n.endswith("-typing") for n in names)
    assert any(n.endswith("-zz-thanks") for n in names)
    assert any(n.endswith("-check") for n in names), names
    roles = {n.role for tree in screens.values() for n in tree.walk()}
    assert {"push button", "radio button", "check box"} <= roles, roles
    assert roles & {"text", "entry"}, roles


def test_every_desk_control_has_its_name(session: dict[str, str], reader: Reader) -> None:
    screens = read_screens("desk", session, reader)
    assert {"sign-in", "board-and-queue", "mirror", "confirm"} <= set(screens)
    fields = [n.name for n in screens["sign-in"].walk() if n.role in {"text", "password text"}]
    assert fields == ["Username", "Password"]
