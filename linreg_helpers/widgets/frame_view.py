"""A dashboard's picture and status line, and the frames the browser keeps (an anywidget).

Each frame a dashboard draws goes to the browser with its key: the value of every control (a menu's or
selection slider's index, a number that is not whole to ``KEY_DIGITS`` significant digits). The page
keeps the last ``capacity`` frames and, while a slider moves, shows the frame it has for the controls'
new values at once, without a round trip to the kernel; the kernel's answer to a value whose frame it
kept then only names the frame it shows (``frame_view.js``). Frames drawn ahead while idle are sent the
same way, not shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from .controls import every_value

KEY_DIGITS = 12
"""Significant digits of a float in a frame's key (the page reads it from the view): the browser
computes a log slider's values in JavaScript, which may round their last digit otherwise than Python."""

FrameKey = list[object]
"""What a frame shows: one entry per control, as :func:`key_part` writes it."""


def key_part(control: widgets.Widget, value: object) -> object:
    """``control`` at ``value`` as a key holds it: an option's index (ValueError if ``value`` is none of
    them), a float that is not a whole number to ``KEY_DIGITS`` significant digits, else the value."""
    if hasattr(control, "options"):
        return every_value(control).index(value)
    if isinstance(value, float) and not value.is_integer():
        return float(f"{value:.{KEY_DIGITS}g}")
    return value


class FrameView(anywidget.AnyWidget):
    """The PNG and status (HTML) shown, kept by the browser per key (up to ``capacity`` frames);
    ``png`` and ``status`` are what is shown now.

    ``frame_for(key)`` gives a kept frame the kernel no longer shows, for a page that asks for it;
    ``on_new_view()`` is called when a new view (a new page, a reloaded one) asks for the frame shown
    now: it has none of the others. Without controls it is a plain live picture: :meth:`show_new` with
    key None.
    """

    _esm = Path(__file__).with_name("frame_view.js")
    _css = """
    .linreg-frame-view { display: flex; flex-direction: column; }
    .linreg-frame-image { max-width: 100%; height: auto; align-self: flex-start; }
    .linreg-frame-status { font-size: var(--jp-widgets-font-size, 13px); line-height: 1.4; margin: 2px 0; }
    """
    controls = traitlets.List(traitlets.Instance(widgets.Widget)).tag(
        sync=True, **widgets.widget_serialization
    )
    capacity = traitlets.Int(0).tag(sync=True)
    key_digits = traitlets.Int(KEY_DIGITS).tag(sync=True)

    def __init__(
        self,
        controls: tuple[widgets.Widget, ...] = (),
        capacity: int = 0,
        frame_for: Callable[[FrameKey], tuple[bytes, str] | None] = lambda key: None,
        on_new_view: Callable[[], object] = lambda: None,
    ) -> None:
        super().__init__(controls=list(controls), capacity=capacity)
        self._shown: tuple[FrameKey | None, bytes, str] = (None, b"", "")
        self._sent: set[tuple] = set()  # the keys sent since the last new view
        # Held while what is shown changes and its message leaves: the kernel's threads (a drawing
        # one, the one that answers a page) send in the order they change it.
        self._lock = threading.RLock()
        self._frame_for = frame_for
        self._on_new_view = on_new_view
        self.on_msg(self._answer)

    @property
    def png(self) -> bytes:
        """The PNG shown now."""
        return self._shown[1]

    @property
    def status(self) -> str:
        """The status line shown now (HTML)."""
        return self._shown[2]

    def page_has(self, key: FrameKey) -> bool:
        """Whether ``key``'s frame was sent since the last new view (the page may since have dropped it)."""
        return tuple(key) in self._sent

    def show_new(self, key: FrameKey | None, png: bytes, status: str) -> None:
        """Show a frame just drawn; the browser keeps it under ``key`` (None: not to be kept)."""
        with self._lock:
            self._shown = (key, png, status)
            self._send_frame(key, png, status, show=True)

    def show_kept(self, key: FrameKey, png: bytes, status: str) -> None:
        """Show a frame sent before: the browser has it (or asks for it again)."""
        with self._lock:
            self._shown = (key, png, status)
            self.send({"kind": "show", "key": key})

    def send_ahead(self, key: FrameKey, png: bytes, status: str) -> None:
        """Send a frame drawn ahead: the browser keeps it, shows it only when its controls say so."""
        with self._lock:
            self._send_frame(key, png, status, show=False)

    def forget(self) -> None:
        """The browser drops every frame it keeps (they no longer match their keys: a new language)."""
        with self._lock:
            self._sent.clear()
            self.send({"kind": "clear"})

    def _send_frame(self, key: FrameKey | None, png: bytes, status: str, show: bool) -> None:
        if key is not None:
            self._sent.add(tuple(key))
        self.send({"kind": "frame", "key": key, "status": status, "show": show}, buffers=[png])

    def _answer(self, _widget: Any, content: dict, _buffers: list) -> None:
        # A page asks for a frame: the one shown now (key None, a new view), or one it no longer keeps.
        if content.get("kind") != "need":
            return
        key = content.get("key")
        with self._lock:
            shown_key, png, status = self._shown
            if key is None:
                self._sent.clear()
            if key is None or key == shown_key:
                if png:  # nothing is shown before the first frame
                    self._send_frame(shown_key, png, status, show=True)
            else:
                frame = self._frame_for(key)
                if frame is not None:
                    self._send_frame(key, frame[0], frame[1], show=False)
        if key is None:
            self._on_new_view()  # outside the lock: it may wait for a frame being drawn, which sends
