"""A tiny progress hook: steps announce themselves; the CLI shows them, everything else ignores them."""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[str, str], None]
_listeners: list[Listener] = []


def emit(step: str, detail: str = "") -> None:
    for listener in list(_listeners):
        listener(step, detail)


def subscribe(listener: Listener) -> Callable[[], None]:
    """Add a listener; returns the function that removes it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None
