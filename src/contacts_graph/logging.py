"""Logging set-up: JSON lines in production, readable lines on a terminal."""

import logging
import sys
import traceback
from typing import Any

import structlog
from sqlalchemy.exc import DBAPIError

from contacts_graph.db.errors import violated_constraint
from contacts_graph.settings import Settings


def configure_logging(settings: Settings) -> None:
    """Route standard logging through structlog's renderer."""
    as_json = (
        settings.log_json if settings.log_json is not None else not sys.stderr.isatty()
    )
    renderer = (
        structlog.processors.JSONRenderer()
        if as_json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        processor=renderer,
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.ExtraAdder(),
            drop_color_message,
            structlog.processors.TimeStamper(fmt="iso"),
        ],
    )
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())


def drop_color_message(
    logger: Any, method_name: str, event_dict: dict[str, Any]
) -> dict[str, Any]:
    """Remove uvicorn's ``color_message``, a copy of the event with ANSI codes."""
    event_dict.pop("color_message", None)
    return event_dict


def failure_details(error: BaseException | None) -> dict[str, Any]:
    """Describe an unexpected failure for the log, without any of its values.

    The frames name file, line and function only: no locals and no message,
    since a message (a database error's above all) can quote stored data.
    For a database error the SQLSTATE and the constraint name say what failed.
    """
    if error is None:
        return {}
    summary = traceback.StackSummary.extract(
        traceback.walk_tb(error.__traceback__), lookup_lines=False
    )
    details: dict[str, Any] = {
        "error_type": type(error).__name__,
        "frames": [f"{_short(f.filename)}:{f.lineno} {f.name}" for f in summary],
    }
    if isinstance(error, DBAPIError):
        details["sqlstate"] = getattr(error.orig, "sqlstate", None)
        details["constraint"] = violated_constraint(error)
    return details


def _short(filename: str) -> str:
    """Cut a path to the part after site-packages or src, where there is one."""
    for marker in ("site-packages/", "src/"):
        _, found, rest = filename.rpartition(marker)
        if found:
            return rest
    return filename
