"""The audible alert: a short chime (``assets/sounds/help.wav``) played once per new help
request. Where there is no audio device (offscreen, CI, a tablet with its sound broken) or
QtMultimedia cannot load, nothing plays and nothing fails: the visual alert still shows.

The chime is made by :func:`write_chime` with Python's ``wave`` module (two soft tones,
faded in and out), so the file in ``assets/`` can be made again byte for byte.
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl

from shared.resources import asset_path

log = logging.getLogger(__name__)

RATE = 22_050
# (frequency Hz, seconds): a rising two-note chime, half a second in all.
NOTES = ((880.0, 0.18), (1318.5, 0.30))
VOLUME = 0.55


def chime_frames() -> bytes:
    samples: list[int] = []
    for frequency, seconds in NOTES:
        count = int(RATE * seconds)
        fade = int(RATE * 0.02)
        for i in range(count):
            envelope = min(1.0, i / fade, (count - i) / fade) * math.exp(-2.5 * i / count)
            value = math.sin(2 * math.pi * frequency * i / RATE) * envelope * VOLUME
            samples.append(round(value * 32767))
    return struct.pack(f"<{len(samples)}h", *samples)


def write_chime(path: Path) -> None:
    """Write the chime as a 16-bit mono WAV file."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(chime_frames())


class Alarm(QObject):
    """Plays the chime when asked, if sound is on and there is somewhere to play it."""

    def __init__(self, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = self._load() if enabled else None
        self.rung = 0

    @property
    def audible(self) -> bool:
        return self._effect is not None

    def ring(self) -> None:
        self.rung += 1
        if self._effect is not None:
            self._effect.play()

    def _load(self) -> Any:
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

            if not QMediaDevices.audioOutputs():
                log.info("no audio output: the help alert is visual only")
                return None
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(asset_path("sounds", "help.wav"))))
            effect.setVolume(0.9)
        except Exception:
            log.info("the help alert's sound could not be loaded: visual only", exc_info=True)
            return None
        return effect
