"""uvicorn's logging, passed as ``log_config`` wherever the backend is served.

uvicorn logs what escapes the app, and its own failures, on ``uvicorn.error`` with the
exception attached; its traceback would end in the exception's message, which can quote a
customer's input or a query's values. These loggers get the filter of
:mod:`shared.logsafe` and hand their records on to whatever the program configured (the
root logger). The access log stays off: a query string can hold what a customer typed.
"""

from __future__ import annotations

from typing import Any

from shared.logsafe import LIBRARY_LOGGERS, LOG_FORMAT

_FILTER = {"()": "shared.logsafe.exception_text_filter"}


def uvicorn_log_config(root_level: int | None = None) -> dict[str, Any]:
    """The ``logging.config.dictConfig`` for uvicorn.

    A worker process (``--workers N``) starts with no logging configured at all, so for it
    ``root_level`` also sets up the root logger: the same one-line format on stderr, with
    the filter on its handler.
    """
    loggers: dict[str, Any] = {
        name: {"filters": ["withhold"], "propagate": True} for name in LIBRARY_LOGGERS
    }
    loggers["uvicorn.access"] = {"handlers": [], "propagate": False}
    config: dict[str, Any] = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"withhold": _FILTER},
        "loggers": loggers,
    }
    if root_level is not None:
        config["formatters"] = {"line": {"format": LOG_FORMAT}}
        config["handlers"] = {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "line",
                "filters": ["withhold"],
            }
        }
        config["root"] = {"level": root_level, "handlers": ["stderr"]}
    return config
