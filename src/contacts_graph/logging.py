"""Logging set-up: JSON lines in production, readable lines on a terminal."""

import logging
import sys

import structlog

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
            structlog.processors.TimeStamper(fmt="iso"),
        ],
    )
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
