"""Writing the kiosk's own files: atomically (a temporary file beside the target, flushed to
disk, then ``os.replace``), so a power cut leaves the old file or the new one, never half of
either; and owner-only where the file holds a secret."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# Owner-only: the device token and the installer PIN's hash.
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
# Anyone on the machine may read (the cached catalogue holds no personal data).
PUBLIC_FILE = 0o644


def write_atomically(path: Path, data: bytes, *, private: bool) -> None:
    """Replace ``path`` with ``data`` in one step. ``private``: the file is 0600 and its
    folder 0700 (made if missing, tightened if it exists)."""
    folder = path.parent
    if private:
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        folder.chmod(PRIVATE_DIR)
    else:
        folder.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file 0600 from the start: the secret is never readable by others,
    # not even for a moment before a chmod.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
            if not private:
                os.fchmod(file.fileno(), PUBLIC_FILE)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    # The rename itself reaches the disk only when the folder's entry does.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a platform that cannot open folders
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(descriptor)
