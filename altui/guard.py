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
    """Send altui's log to ``altui.log`` in the data folder (once per process): the "altui"
    logger's, and so every module's ``logging.getLogger(__name__)``."""
    path = data_dir / LOG_FILE
    if not any(isinstance(h, logging.FileHandler) for h in log.handlers):
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))  # private
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


_repeats: dict[str, tuple[str, int]] = {}
"""Per handler now failing: its error (type and message) and how many times in a row."""


def _milestone(times: int) -> bool:
    """10, 100, 1000 ...: when an error that keeps repeating is logged again, with its count."""
    return times >= 10 and str(times).strip("0") == "1"


def guarded(method: Callable[Concatenate[N, P], None]) -> Callable[Concatenate[N, P], None]:
    """Run a screen's handler; an unexpected error is logged and shown, never fatal.

    An error that repeats (a handler run by a timer, failing on every tick) is logged and shown
    once, then only counted: logged again at 10, 100, 1000 ... times, and when it stops.
    """
    return guarded_or(None)(method)


def guarded_or(
    fallback: R,
) -> Callable[[Callable[Concatenate[N, P], R]], Callable[Concatenate[N, P], R]]:
    """Like ``guarded``, for a handler that answers: after an unexpected error it answers
    ``fallback`` (so the return type stays the handler's own)."""

    def decorate(method: Callable[Concatenate[N, P], R]) -> Callable[Concatenate[N, P], R]:
        where = method.__qualname__

        @functools.wraps(method)
        def wrapper(owner: N, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                result = method(owner, *args, **kwargs)
            except Exception as exc:
                _failed(owner, where, exc)
                return fallback
            if where in _repeats:
                what, times = _repeats.pop(where)
                if times > 1:
                    log.info("%s works again after the same error %d times: %s", where, times, what)
            return result

        return wrapper

    return decorate


def _failed(owner: _Notifies, where: str, exc: Exception) -> None:
    """Log and show an error the first time in a row it happens; after that only count it."""
    what = f"{type(exc).__name__}: {exc}"
    last, times = _repeats.get(where, ("", 0))
    times = times + 1 if what == last else 1
    _repeats[where] = (what, times)
    if times > 1:
        if _milestone(times):
            log.error("unexpected error in %s, %d times in a row: %s", where, times, what)
        return
    log.exception("unexpected error in %s", where)
    owner.notify(
        f"Something went wrong; the details are in {LOG_FILE} in the data folder. "
        "What is in the list is saved; a line still in the box is kept there.",
        title="Unexpected error",
        severity="error",
        timeout=10,
        markup=False,
    )
