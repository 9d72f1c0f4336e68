"""Spoken prompts through QtTextToSpeech: each screen's question, errors, the reference.

Speech is off until the customer turns on Read aloud. Where the machine has no speech
engine (Qt's ``speechd`` plugin needs speech-dispatcher on Linux; Windows has SAPI/WinRT)
nothing is spoken and nothing fails; ``available`` says which.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject

from shared.flow import ScreenState

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)


class Speaker(QObject):
    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._speech: QTextToSpeech | None = None
        self.enabled = False
        self._language = "en"
        # What was last asked to be said (for tests and for a "say it again" button).
        self.last_text = ""

    @property
    def available(self) -> bool:
        speech = self._engine()
        return speech is not None and speech.state() != speech.State.Error

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if not enabled:
            self.stop()

    def set_language(self, language: str) -> None:
        self._language = language
        if self._speech is not None:
            self._speech.setLocale(QLocale(language))

    def say(self, text: str) -> None:
        if not self.enabled or not text:
            return
        self.last_text = text
        speech = self._engine()
        if speech is not None:
            speech.say(text)

    def say_screen(self, state: ScreenState) -> None:
        """A new screen: its title, then each question and any error, then the reference."""
        parts = [state.title]
        if state.body:
            parts.append(state.body)
        if len(state.fields) > 1:
            parts.extend(f.label for f in state.fields if f.kind.value != "uprn")
        parts.extend(e.text for e in state.errors)
        if state.reference:
            # Read one character at a time, as a customer would copy it down.
            parts.append(" ".join(state.reference.replace("-", "")))
        self.say(". ".join(parts))

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()

    def _engine(self) -> QTextToSpeech | None:
        # Imported when first needed: QtTextToSpeech loads QtMultimedia, which a kiosk whose
        # customers never turn on Read aloud need not pay for at start-up.
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._speech is None:
            engines = QTextToSpeech.availableEngines()
            if not engines:
                return None
            name = self._engine_name if self._engine_name in engines else engines[0]
            self._speech = QTextToSpeech(name, self)
            self._speech.setLocale(QLocale(self._language))
            log.info("speech engine: %s", name)
        return self._speech
