"""What the kiosk and staff desk specs share: the version, the assets, and what to leave out.

Imported by ``kiosk.spec`` and ``desk.spec`` (PyInstaller runs a spec as Python, with the
spec's folder in ``SPECPATH``). Nothing here runs inside a bundle.

Leaving things out happens at three levels:

* **Python packages** a program never imports (``EXCLUDED_MODULES`` and each spec's own
  list): PyInstaller follows every import it can see, including the ones inside functions,
  so a package reached only by a backend command would otherwise be bundled.
* **Qt plugins** no kiosk or desk loads (``prune_qt``): the hooks collect every plugin of
  each Qt module imported, e.g. the virtual keyboard input context (which brings QtQuick
  and QtQml), the PDF image format (QtPdf), the GTK platform theme (GTK 3 and its stack)
  and platforms we never run on.
* **Shared libraries left unreachable** once those plugins are gone: a library is kept
  when a Python extension module, a kept plugin or the interpreter needs it (``ldd``),
  and dropped otherwise. Qt's own translations (``qtbase_*.qm``) go too: the apps install
  only their own translators.
"""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from collections.abc import Iterable, Sequence
from importlib.metadata import version as installed_version
from pathlib import Path

BUNDLE_DIR = Path(__file__).resolve().parent
ROOT = BUNDLE_DIR.parent.parent
DIST_DIR = ROOT / "build" / "dist"
WORK_DIR = ROOT / "build" / "work"

# Qt's Python modules neither app imports. (Kept on purpose, because one of the apps uses
# them: QtCore, QtGui, QtWidgets, QtSvg, QtSvgWidgets, QtNetwork, QtWebSockets, QtDBus,
# QtConcurrent, QtMultimedia (the desk's help alert; QtTextToSpeech links it) and
# QtTextToSpeech.)
EXCLUDED_QT_MODULES = [
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtAxContainer",
    "PySide6.QtBluetooth",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtDesigner",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtHelp",
    "PySide6.QtHttpServer",
    "PySide6.QtLocation",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtPrintSupport",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio",
    "PySide6.QtSql",
    "PySide6.QtStateMachine",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtXml",
]

# Python packages no desktop app of ours imports: the backend's stack, the tools, the tests.
EXCLUDED_MODULES = [
    *EXCLUDED_QT_MODULES,
    "casebackend",
    "firststop",  # the composition root imports the backend's commands; see kiosk_entry.py
    "alembic",
    "fastapi",
    "starlette",
    "uvicorn",
    "httptools",
    "uvloop",
    "watchfiles",
    "websockets",
    "mako",
    "psycopg",
    "psycopg_binary",
    "holidays",
    "limits",
    "notifications_python_client",
    "jwt",
    "multipart",
    "python_multipart",
    "yaml",
    "pygments",
    "hypothesis",
    "pytest",
    "tkinter",
    # pydantic's mypy plugin, and mypy with it (a type checker, not a run-time need).
    "pydantic.mypy",
    "pydantic.v1.mypy",
    "mypy",
    "mypyc",
    "librt",
    "ast_serialize",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.oracle",
]

# And what the kiosk alone leaves out: the desk, and what only the backend and the desk use
# (the kiosk's outbox is plain sqlite3, its settings plain pydantic).
KIOSK_EXCLUDED_MODULES = [
    *EXCLUDED_MODULES,
    "staffdesk",
    "sqlalchemy",
    "greenlet",
    # The kiosk reads its schemas with msgspec (shared/schema.py); pydantic is the backend's
    # and the desk's. Left out, the bundle cannot load it by mistake (its --smoke would fail).
    "pydantic",
    "pydantic_core",
    "pydantic_settings",
    # msgspec tries it and falls back on typing's own (tests/kiosk/test_schemas_alone.py);
    # nothing else the kiosk runs imports it.
    "typing_extensions",
    # The backend client is plain http.client (issue 11); requests is the backend's
    # (GOV.UK Notify) and the tests'.
    "requests",
    "urllib3",
    "charset_normalizer",
]

# Qt plugins kept, by their path under PySide6/Qt/plugins/. Everything else is dropped.
# Platforms: X (the Linux kit's plain X session), Wayland (cage), offscreen (CI, --smoke).
KEPT_QT_PLUGINS = [
    "platforms/libqxcb.so",
    "platforms/libqwayland.so",
    "platforms/libqoffscreen.so",
    "platforms/libqminimal.so",
    "xcbglintegrations/*",
    "wayland-shell-integration/libxdg-shell.so",
    "wayland-shell-integration/libfullscreen-shell-v1.so",
    "wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    "wayland-decoration-client/libbradient.so",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "generic/libqevdevtouchplugin.so",
    "imageformats/libqsvg.so",
    "imageformats/libqjpeg.so",
    "imageformats/libqgif.so",
    "imageformats/libqico.so",
    "iconengines/libqsvgicon.so",
    "texttospeech/*",
    "tls/*",
    "networkinformation/libqnetworkmanager.so",
]

QT_PLUGINS = "PySide6/Qt/plugins/"


def project_version() -> str:
    """The version in ``pyproject.toml``; the installed metadata (which the apps read at
    run time, and which the bundle copies) must say the same, or the build stops."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        declared: str = tomllib.load(file)["project"]["version"]
    installed = installed_version("firststop")
    if installed != declared:
        raise SystemExit(
            f"pyproject.toml says {declared} but the installed firststop is {installed}: "
            "run `pip install -e '.[bundle]'` (make bundle does) and build again"
        )
    return declared


def asset_datas(folders: Iterable[str]) -> list[tuple[str, str]]:
    """``assets/<folder>`` for each folder the program reads, where ``shared.resources``
    looks for it in a bundle (``sys._MEIPASS/assets``)."""
    return [(str(ROOT / "assets" / folder), f"assets/{folder}") for folder in folders]


def _dest(entry: tuple[str, str, str]) -> str:
    return entry[0].replace("\\", "/")


def _is_dropped_plugin(dest: str, kept: Sequence[str]) -> bool:
    if not dest.startswith(QT_PLUGINS):
        return False
    plugin = dest[len(QT_PLUGINS) :]
    return not any(fnmatch.fnmatch(plugin, pattern) for pattern in kept)


def _needed(path: str) -> set[str]:
    """The file names of every library ``path`` loads, directly or not (``ldd``)."""
    # A file PyInstaller collected, at build time; ldd is where the system's loader says.
    result = subprocess.run(  # noqa: S603
        ["ldd", path],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C"},
    )
    names = set()
    for line in result.stdout.splitlines():
        name = line.strip().split(" ", 1)[0]
        if ".so" in name:
            names.add(Path(name).name)
    return names


def prune_qt(
    binaries: list[tuple[str, str, str]],
    datas: list[tuple[str, str, str]],
    *,
    kept_plugins: Sequence[str] = KEPT_QT_PLUGINS,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Drop the Qt plugins not kept, then every library nothing left still loads, and Qt's
    own translations. Prints what went, so a build log shows it."""
    kept = [entry for entry in binaries if not _is_dropped_plugin(_dest(entry), kept_plugins)]
    roots = [
        entry
        for entry in kept
        if entry[2] == "EXTENSION"
        or _dest(entry).startswith(QT_PLUGINS)
        or Path(_dest(entry)).name.startswith("libpython")
    ]
    reachable = {Path(_dest(entry)).name for entry in roots}
    for entry in roots:
        reachable |= _needed(entry[1])
    pruned = [
        entry
        for entry in kept
        if entry in roots or Path(_dest(entry)).name in reachable or ".so" not in _dest(entry)
    ]
    gone = sorted(_dest(entry) for entry in binaries if entry not in pruned)
    gone_names = {Path(dest).name for dest in gone}
    left_out = [
        entry
        for entry in datas
        if _dest(entry).startswith("PySide6/Qt/translations/")
        # PyInstaller's links beside the libraries, to a library that is gone.
        or (entry[2] == "SYMLINK" and Path(entry[1]).name in gone_names)
    ]
    # A build step's report, into PyInstaller's own output.
    print(f"bundle: left out {len(gone)} Qt plugins and libraries:", *gone, sep="\n  ")  # noqa: T201
    print(f"bundle: left out {len(left_out)} Qt translations and links to what went")  # noqa: T201
    return pruned, [entry for entry in datas if entry not in left_out]


def write_version(folder: Path, name: str, version: str) -> None:
    """``VERSION`` at the top of the bundle's folder, for installers and the Linux kit."""
    (folder / "VERSION").write_text(f"{name} {version}\n", encoding="utf-8")
