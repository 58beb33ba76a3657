"""The `backbeat` logger: `BACKBEAT_LOG=info|debug` attaches a stderr handler (as `OPENAI_LOG`
does), and every record it passes on has the clients' API keys scrubbed out.

`info` logs retries and response values the spec does not list; `debug` adds one line per
attempt (method, path, status, time, retry decision). Neither ever logs headers or bodies,
and the scrubbing filter is there for whatever a server echoes back into a logged value.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

from ._secrets import REDACTED, Scrubber

__all__ = ["LOGGER", "REDACTED", "configure_from_environment", "register_secret"]

LOGGER = logging.getLogger("backbeat")
ENVIRONMENT_VARIABLE = "BACKBEAT_LOG"
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


class _SecretScrubber(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        # Replaced whole: a client built in one thread never changes it under a record being
        # filtered in another.
        self.scrubber = Scrubber(())

    def filter(self, record: logging.LogRecord) -> bool:
        scrubber = self.scrubber
        if not scrubber:
            return True
        message = record.getMessage()
        scrubbed = scrubber.text(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, ()
        if record.exc_info and not record.exc_text:
            # What a formatter would print for the exception, its chain included.
            record.exc_text = scrubber.text(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = scrubber.text(record.stack_info)
        return True


_SCRUBBER = _SecretScrubber()
LOGGER.addFilter(_SCRUBBER)


def register_secret(secret: str) -> None:
    """Scrub `secret` (a client's API key), in any encoding, from every record of the
    `backbeat` logger."""
    if secret and secret not in _SCRUBBER.scrubber.secrets:
        _SCRUBBER.scrubber = Scrubber((*_SCRUBBER.scrubber.secrets, secret))


class _EnvironmentHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler `BACKBEAT_LOG` attaches; a class of its own, so it is attached once."""


def configure_from_environment(environ: Mapping[str, str] = os.environ) -> None:
    """Attach a stderr handler at the level `BACKBEAT_LOG` names; nothing when it is unset.
    An unknown value is ignored with a warning rather than breaking the import."""
    value = environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    if not value:
        return
    level = LEVELS.get(value)
    if level is None:
        LOGGER.warning(
            "%s=%r is not one of %s; ignored", ENVIRONMENT_VARIABLE, value, ", ".join(LEVELS)
        )
        return
    if not any(isinstance(handler, _EnvironmentHandler) for handler in LOGGER.handlers):
        handler = _EnvironmentHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("[backbeat %(asctime)s %(levelname)s] %(message)s"))
        LOGGER.addHandler(handler)
    LOGGER.setLevel(level)
