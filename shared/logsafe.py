"""Logging an unexpected error without the customer data its message may carry.

An exception's message can quote what it was given (a validation error repeats the input,
a key error names the key), so an unexpected error is logged by its type and where it
happened, never by its message.

Our own code calls :func:`describe`. Libraries do not: uvicorn logs "Exception in ASGI
application" with the exception attached, asyncio puts a failed task's repr (with the
exception's message) in its line. :class:`WithholdExceptionText` is the logging filter that
rewrites such records before any handler formats them, wherever it is attached.
"""

from __future__ import annotations

import logging
import traceback

# One line per record, the same in every program.
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def describe(exc: BaseException) -> str:
    """The exception's type and traceback frames, without its message (or its causes')."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    return f"{type(exc).__module__}.{type(exc).__qualname__} (message withheld)\n{frames}"


def _kind(exc: BaseException) -> str:
    return f"{type(exc).__module__}.{type(exc).__qualname__} (message withheld)"


class WithholdExceptionText(logging.Filter):
    """Rewrites a record that would print an exception's message; lets every record through.

    - A record with an exception attached (``exc_info``, ``log.exception``) keeps the first
      line of its own text and gets :func:`describe` instead of the usual traceback, whose
      last line is the message. Arguments are dropped: a library that logs an exception
      usually passes it, or its repr, as one.
    - An exception passed as an argument (``log.warning("failed: %s", exc)``) is replaced by
      its type.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            template = str(record.msg)
            head = template.splitlines()[0].rstrip() if template.strip() else "error"
            if record.args:
                # The line's words without what was put into them.
                head = head.split("%", 1)[0].rstrip(" :") or "error"
            record.msg = f"{head}: {describe(exc)}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        elif isinstance(record.args, tuple) and any(
            isinstance(a, BaseException) for a in record.args
        ):
            record.args = tuple(
                _kind(a) if isinstance(a, BaseException) else a for a in record.args
            )
        elif isinstance(record.msg, BaseException):
            record.msg = _kind(record.msg)
            record.args = None
        return True


# The loggers of libraries that log exceptions they caught (uvicorn's server, ASGI and
# WebSocket errors; asyncio's failed callbacks and tasks). A logger's filter sees only the
# records made on that very logger, so each is named.
LIBRARY_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.asgi", "asyncio", "concurrent.futures")


_FILTER = WithholdExceptionText()


def exception_text_filter() -> WithholdExceptionText:
    """The one instance, so that configuring logging again never stacks a second copy
    (``logging.config.dictConfig`` calls this through ``"()"``)."""
    return _FILTER


def withhold_exception_text(handlers: list[logging.Handler] | None = None) -> None:
    """Attach the filter to the library loggers, and to ``handlers`` (say, the root's), which
    also see every record that reaches them from any other logger."""
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).addFilter(_FILTER)
    for handler in handlers or ():
        handler.addFilter(_FILTER)
