"""Structured JSON logs: one object per line on stdout, for the service's own lines
and for the libraries that log through the standard library (gunicorn, SQLAlchemy,
the job queue), so the whole output can be parsed and searched."""

import logging
import logging.config
import sys
from typing import Any

import structlog

# Shared by structlog's own loggers and the standard library's records.
_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="time"),
    structlog.processors.StackInfoRenderer(),
]
_RENDER: list[Any] = [
    structlog.processors.format_exc_info,
    structlog.processors.EventRenamer("msg"),
    structlog.processors.JSONRenderer(),
]


def logging_config(level: str) -> dict[str, Any]:
    """A `logging.config.dictConfig` that renders every record as JSON on stdout."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": structlog.stdlib.ProcessorFormatter,
                "foreign_pre_chain": _PROCESSORS,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    *_RENDER,
                ],
            }
        },
        "handlers": {
            "stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "json"}
        },
        "root": {"handlers": ["stdout"], "level": level.upper()},
        # gunicorn sets these up itself; route them through the JSON handler instead.
        "loggers": {
            "gunicorn.error": {"handlers": ["stdout"], "level": level.upper(), "propagate": False},
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }


def configure_logging(level: str) -> None:
    logging.config.dictConfig(logging_config(level))
    structlog.configure(
        processors=[*_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def get_logger(name: str) -> Any:
    return structlog.stdlib.get_logger(name)
