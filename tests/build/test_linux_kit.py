"""The Linux kit (``build/linux/``), checked for real: shellcheck on every shell script,
``systemd-analyze verify`` on every unit inside a throwaway root the install script filled,
the install script run twice with the second run changing nothing, the session script's
exit statuses, and ``nginx -t`` on the example sites.

The tools come from ``build/dev/kit-deps.sh``; a check whose tool is missing is skipped
saying so. The install script needs root (it runs ``useradd --root``)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KIT = REPO / "build" / "linux"
INSTALL = KIT / "install.sh"
UNITS = sorted([*KIT.glob("*.service"), *KIT.glob("*.timer")])
HOST_UNITS = Path("/usr/lib/systemd/system")
# Executables the units start that come from Debian packages (cage, kbd, systemd) or from
# the backend's own installation, not from install.sh: stubs stand in for them.
PACKAGED_EXECUTABLES = (
    "/usr/bin/cage",
    "/usr/bin/chvt",
    "/usr/bin/systemctl",
    "/opt/firststop-backend/bin/firststop",
)
DEPS = "build/dev/kit-deps.sh installs it"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed ({DEPS})")
    return path


def _need_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("install.sh needs root: it creates the kiosk user with useradd --root")


def _shell_scripts() -> list[Path]:
    scripts = []
    for folder in (KIT, REPO / "build" / "dev", REPO / ".ci"):
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            with path.open("rb") as file:
                first = file.readline()
            if path.suffix == ".sh" or (first.startswith(b"#!") and b"sh" in first):
                scripts.append(path)
    return scripts


def _stub(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)


def _fake_bundle(folder: Path) -> Path:
    """A folder shaped like the PyInstaller one-folder bundle."""
    bundle = folder / "firststop-kiosk"
    (bundle / "_internal").mkdir(parents=True)
    _stub(bundle / "firststop-kiosk")
    (bundle / "_internal" / "libexample.so").write_bytes(b"\x7fELF not really")
    (bundle / "_internal" / "libexample.so.1").symlink_to("libexample.so")
    return bundle


def _empty_root(root: Path) -> Path:
    """The least of a Debian system that install.sh and systemd-analyze need: the account
    files, the shell useradd names, and systemd's own units (sysinit.target and the like)."""
    etc = root / "etc"
    etc.mkdir(parents=True)
    (etc / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (etc / "group").write_text("root:x:0:\n")
    for name, line in (("shadow", "root:*:19000:0:99999:7:::\n"), ("gshadow", "root:*::\n")):
        (etc / name).write_text(line)
        (etc / name).chmod(0o640)
    _stub(root / "usr" / "sbin" / "nologin")
    if HOST_UNITS.is_dir():
        shutil.copytree(HOST_UNITS, root / "usr" / "lib" / "systemd" / "system", symlinks=True)
    return root


def _install(root: Path, bundle: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(INSTALL), "--bundle", str(bundle), "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` with its type, mode, owner, modification time and content
    (a file's hash, a link's target): any change a run makes shows up here."""
    entries: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                content = "-> " + str(path.readlink())
            elif stat.S_ISREG(info.st_mode):
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                content = ""
            entries[str(path.relative_to(root))] = (
                f"{stat.filemode(info.st_mode)} {info.st_uid}:{info.st_gid} "
                f"{info.st_mtime_ns} {content}"
            )
    return entries


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A throwaway root after one run of install.sh: (root, bundle, the run's output)."""
    _need_root()
    _tool("useradd")
    work = tmp_path_factory.mktemp("linux-kit")
    root = _empty_root(work / "root")
    bundle = _fake_bundle(work / "dist")
    first = _install(root, bundle)
    assert first.returncode == 0, first.stdout + first.stderr
    return root, bundle, first.stdout


# shellcheck ----------------------------------------------------------------------------


def test_every_shell_script_passes_shellcheck() -> None:
    shellcheck = _tool("shellcheck")
    scripts = _shell_scripts()
    names = {path.name for path in scripts}
    assert {"install.sh", "session", "run-kiosk", "firststop-kiosk-setup"} <= names
    assert {"kit-deps.sh", "qt-deps.sh"} <= names
    result = subprocess.run(
        [shellcheck, "--external-sources", *map(str, scripts)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_shellcheck_catches_a_broken_script(tmp_path: Path) -> None:
    shellcheck = _tool("shellcheck")
    broken = tmp_path / "broken.sh"
    # Never run: an unquoted expansion and an unterminated if, for shellcheck to find.
    broken.write_text('#!/usr/bin/env bash\nls $1\nif [ -f "$2" ]; then echo\n')
    result = subprocess.run([shellcheck, str(broken)], capture_output=True, check=False)
    assert result.returncode != 0


# The install script ---------------------------------------------------------------------


def test_install_sets_up_the_kiosk(installed: tuple[Path, Path, str]) -> None:
    root, _, _ = installed
    passwd = (root / "etc" / "passwd").read_text().splitlines()
    kiosk = [line.split(":") for line in passwd if line.startswith("firststop-kiosk:")]
    assert len(kiosk) == 1
    _, _, uid, gid, _, home, shell = kiosk[0]
    assert int(uid) < 1000  # a system user
    assert (home, shell) == ("/var/lib/firststop-kiosk", "/usr/sbin/nologin")
    shadow = (root / "etc" / "shadow").read_text()
    assert any(line.startswith("firststop-kiosk:!") for line in shadow.splitlines())
    home_dir = (root / "var/lib/firststop-kiosk").stat()
    assert (home_dir.st_uid, home_dir.st_gid) == (int(uid), int(gid))
    assert stat.S_IMODE(home_dir.st_mode) == 0o700

    executable = root / "opt/firststop-kiosk/firststop-kiosk"
    assert os.access(executable, os.X_OK)
    assert executable.stat().st_uid == 0
    assert not executable.stat().st_mode & 0o022  # the kiosk user cannot change its code
    etc = root / "etc/systemd/system"
    assert (etc / "graphical.target.wants/firststop-kiosk.service").is_symlink()
    assert (etc / "timers.target.wants/firststop-kiosk-restart.timer").is_symlink()
    assert (etc / "ctrl-alt-del.target").readlink() == Path("/dev/null")
    assert (root / "etc/pam.d/firststop-kiosk").is_file()
    assert "kernel.sysrq = 0" in (root / "etc/sysctl.d/90-firststop-kiosk.conf").read_text()
    assert os.access(root / "usr/local/sbin/firststop-kiosk-setup", os.X_OK)


def test_install_run_twice_changes_nothing(installed: tuple[Path, Path, str]) -> None:
    root, bundle, _ = installed
    before = snapshot(root)
    second = _install(root, bundle)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Nothing to change" in second.stdout
    after = snapshot(root)
    changed = sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )
    assert changed == []


def test_install_replaces_a_changed_bundle(tmp_path: Path) -> None:
    _need_root()
    _tool("useradd")
    root = _empty_root(tmp_path / "root")
    bundle = _fake_bundle(tmp_path / "dist")
    assert _install(root, bundle).returncode == 0
    (bundle / "_internal" / "libexample.so").write_bytes(b"version 2")
    rerun = _install(root, bundle)
    assert rerun.returncode == 0, rerun.stderr
    assert "installed the bundle" in rerun.stdout
    installed_lib = root / "opt/firststop-kiosk/_internal/libexample.so"
    assert installed_lib.read_bytes() == b"version 2"
    assert not (root / "opt/firststop-kiosk.old").exists()
    assert not (root / "opt/firststop-kiosk.new").exists()


def test_install_refuses_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    _need_root()
    root = _empty_root(tmp_path / "root")
    (tmp_path / "empty").mkdir()
    result = _install(root, tmp_path / "empty")
    assert result.returncode != 0
    assert "is not a kiosk bundle" in result.stderr
    assert not (root / "opt").exists()


def test_snapshot_sees_a_rewrite_with_the_same_content(tmp_path: Path) -> None:
    """The idempotency check would catch a script that rewrites a file on every run."""
    (tmp_path / "unit").write_text("same")
    before = snapshot(tmp_path)
    os.utime(tmp_path / "unit", ns=(0, 0))
    assert snapshot(tmp_path) != before


# systemd-analyze verify ------------------------------------------------------------------


def _verify(root: Path, *units: str) -> subprocess.CompletedProcess[str]:
    """``systemd-analyze verify`` inside ``root``: its warnings (an unknown key, a bad
    value) are failures too, so the output must be empty."""
    analyze = _tool("systemd-analyze")
    return subprocess.run(
        [analyze, "verify", f"--root={root}", "--man=no", *units],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _root_for_verify(root: Path) -> None:
    if not (root / "usr/lib/systemd/system/sysinit.target").exists():
        pytest.skip(f"systemd's own units are not in {HOST_UNITS} ({DEPS})")
    for executable in PACKAGED_EXECUTABLES:
        if not (root / executable.lstrip("/")).exists():
            _stub(root / executable.lstrip("/"))
    # The backend's unit is installed by hand (docs/deploying.md), not by install.sh.
    shutil.copy(KIT / "firststop-backend.service", root / "etc/systemd/system")


def test_every_unit_passes_systemd_analyze_verify(installed: tuple[Path, Path, str]) -> None:
    root, _, _ = installed
    _root_for_verify(root)
    names = [unit.name for unit in UNITS]
    assert {"firststop-kiosk.service", "firststop-backend.service"} <= set(names)
    for unit in UNITS:
        # What is verified is what install.sh put there (the backend's: copied above).
        assert (root / "etc/systemd/system" / unit.name).read_bytes() == unit.read_bytes()
    result = _verify(root, *names)
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""


def test_verify_catches_a_typo_and_a_missing_executable(
    installed: tuple[Path, Path, str],
) -> None:
    root, _, _ = installed
    _root_for_verify(root)
    unit = root / "etc/systemd/system/firststop-broken.service"
    text = (KIT / "firststop-kiosk.service").read_text()
    unit.write_text(text.replace("Restart=always", "Restartt=always"))
    try:
        assert "Unknown key" in _verify(root, unit.name).stderr
        unit.write_text(text.replace("/usr/local/lib/firststop-kiosk/session", "/nowhere/x"))
        assert _verify(root, unit.name).returncode != 0
    finally:
        unit.unlink()


def _unit_values(path: Path) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def test_the_kiosk_restarts_within_3_seconds_except_on_purpose() -> None:
    kiosk = _unit_values(KIT / "firststop-kiosk.service")
    assert kiosk["Restart"] == ["always"]
    restart_sec = kiosk["RestartSec"][0]
    assert restart_sec.endswith("s")
    assert float(restart_sec[:-1]) <= 1
    assert kiosk["StartLimitIntervalSec"] == ["0"]
    # 0: the installer exit; 2: not enrolled. Watchdog (70) and crash loop (3) restart.
    assert kiosk["RestartPreventExitStatus"][0].split() == ["0", "2"]
    assert kiosk["LogLevelMax"] == ["info"]
    timer = _unit_values(KIT / "firststop-kiosk-restart.timer")
    assert timer["OnCalendar"] == ["*-*-* 03:30:00"]
    backend = _unit_values(KIT / "firststop-backend.service")
    assert "--workers 1" in backend["ExecStart"][0]
    for setting in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "RestrictSUIDSGID"):
        assert backend[setting] == ["yes"]
    assert backend["ProtectSystem"] == ["strict"]


# The session script ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kiosk_body", "cage_runs_it", "expected"),
    [
        ("exit 0", True, 0),  # installer exit: systemd does not restart
        ("exit 70", True, 70),  # the watchdog
        ("exit 3", True, 3),  # a crash loop
        ("kill -KILL $$", True, 128 + 9),  # killed
        ("exit 0", False, 1),  # cage ended without running the kiosk: restart
    ],
)
def test_the_session_exits_with_the_kiosks_own_status(
    tmp_path: Path, kiosk_body: str, cage_runs_it: bool, expected: int
) -> None:
    """cage 0.1.4 exits 0 whatever its application did; the session still passes the
    kiosk's status on to systemd."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    cage = bin_dir / "cage"
    run = 'shift\n"$@"\n' if cage_runs_it else ""
    cage.write_text(f"#!/bin/sh\n{run}exit 0\n")
    cage.chmod(0o755)
    kiosk = tmp_path / "firststop-kiosk"
    kiosk.write_text(f"#!/bin/sh\n{kiosk_body}\n")
    kiosk.chmod(0o755)
    runtime = tmp_path / "run"
    runtime.mkdir()
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "XDG_RUNTIME_DIR": str(runtime)}
    result = subprocess.run(
        [str(KIT / "session"), str(kiosk)], env=env, capture_output=True, check=False
    )
    assert result.returncode == expected


# nginx -----------------------------------------------------------------------------------


# The one-machine site, and the two-machine one (tests/multiprocess runs it for real).
@pytest.mark.parametrize("site_file", ["firststop.conf", "firststop-two-machines.conf"])
def test_the_nginx_site_passes_nginx_t(tmp_path: Path, site_file: str) -> None:
    nginx = _tool("nginx")
    openssl = _tool("openssl")
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=firststop.council.example"),
            *("-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")),
        ],
        capture_output=True,
        check=True,
    )
    site = (KIT / "nginx" / site_file).read_text()
    site = site.replace("/etc/ssl/firststop", str(tmp_path))
    site = site.replace("/var/log/nginx", str(tmp_path))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-q", "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + (tmp_path / "error.log").read_text()
