"""Keeping a meeting alive through an unexpected error: log it, tell the facilitator, go on."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

log = logging.getLogger("altui")
LOG_FILE = "altui.log"


class _Notifies(Protocol):
    def notify(
        self,
        message: str,
        *,
        title: str = ...,
        severity: Any = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None: ...


N = TypeVar("N", bound=_Notifies)  # the screen whose handler is guarded


def start_log(data_dir: Path) -> Path:
    """Send altui's error log to ``altui.log`` in the data folder (once per process)."""
    path = data_dir / LOG_FILE
    if not any(isinstance(h, logging.FileHandler) for h in log.handlers):
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))  # private
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def guarded(method: Callable[Concatenate[N, P], None]) -> Callable[Concatenate[N, P], None]:
    """Run a screen's handler; an unexpected error is logged and shown, never fatal."""
    return guarded_or(None)(method)


def guarded_or(
    fallback: R,
) -> Callable[[Callable[Concatenate[N, P], R]], Callable[Concatenate[N, P], R]]:
    """Like ``guarded``, for a handler that answers: after an unexpected error it answers
    ``fallback`` (so the return type stays the handler's own)."""

    def decorate(method: Callable[Concatenate[N, P], R]) -> Callable[Concatenate[N, P], R]:
        @functools.wraps(method)
        def wrapper(owner: N, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(owner, *args, **kwargs)
            except Exception:
                log.exception("unexpected error in %s", method.__qualname__)
                owner.notify(
                    f"Something went wrong; the details are in {LOG_FILE} in the data folder. "
                    "What is in the list is saved; a line still in the box is kept there.",
                    title="Unexpected error",
                    severity="error",
                    timeout=10,
                    markup=False,
                )
                return fallback

        return wrapper

    return decorate
