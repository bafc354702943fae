"""A dashboard's picture and status line, and the frames the browser keeps (an anywidget).

Each frame a dashboard draws goes to the browser with its key: the value of every control (a menu's or
selection slider's index, a number to ``KEY_DIGITS`` significant digits). The page keeps the last
``capacity`` frames and, while a slider moves, shows the frame it has for the controls' new values at
once, without a round trip to the kernel; the kernel's answer to a value whose frame it kept then only
names the frame it shows (``frame_view.js``). Frames drawn ahead while idle are sent the same way, not
shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

KEY_DIGITS = 12
"""Significant digits of a float in a frame's key: the browser computes a log slider's values in
JavaScript, which may round their last digit otherwise than Python."""

FrameKey = list[object]
"""What a frame shows: one entry per control, as :func:`key_part` writes it."""


def key_part(control: widgets.Widget, value: object) -> object:
    """``control`` at ``value`` as a key holds it: an option's index, a float to ``KEY_DIGITS`` digits."""
    if hasattr(control, "options"):
        options = [option[1] if isinstance(option, tuple) else option for option in control.options]
        return options.index(value)
    if isinstance(value, float):
        return float(f"{value:.{KEY_DIGITS}g}")
    return value


class FrameView(anywidget.AnyWidget):
    """The PNG and status (HTML) shown, kept by the browser per key (up to ``capacity`` frames);
    ``png`` and ``status`` are what is shown now. ``frame_for(key)`` answers a page that lacks a
    frame the kernel shows. Without controls it is a plain live picture: :meth:`show_new` with key
    None."""

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

    def __init__(
        self,
        controls: tuple[widgets.Widget, ...] = (),
        capacity: int = 0,
        frame_for: Callable[[FrameKey], tuple[bytes, str] | None] = lambda key: None,
    ) -> None:
        super().__init__(controls=list(controls), capacity=capacity)
        self._shown: tuple[FrameKey | None, bytes, str] = (None, b"", "")  # one object: read by any thread
        self._frame_for = frame_for
        self.on_msg(self._answer)

    @property
    def png(self) -> bytes:
        """The PNG shown now."""
        return self._shown[1]

    @property
    def status(self) -> str:
        """The status line shown now (HTML)."""
        return self._shown[2]

    def show_new(self, key: FrameKey | None, png: bytes, status: str) -> None:
        """Show a frame just drawn; the browser keeps it under ``key`` (None: not to be kept)."""
        self._shown = (key, png, status)
        self.send({"kind": "frame", "key": key, "status": status, "show": True}, buffers=[png])

    def show_kept(self, key: FrameKey, png: bytes, status: str) -> None:
        """Show a frame sent before: the browser has it (or asks for it again)."""
        self._shown = (key, png, status)
        self.send({"kind": "show", "key": key})

    def send_ahead(self, key: FrameKey, png: bytes, status: str) -> None:
        """Send a frame drawn ahead: the browser keeps it, shows it only when its controls say so."""
        self.send({"kind": "frame", "key": key, "status": status, "show": False}, buffers=[png])

    def forget(self) -> None:
        """The browser drops every frame it keeps (they no longer match their keys: a new language)."""
        self.send({"kind": "clear"})

    def _answer(self, _widget: Any, content: dict, _buffers: list) -> None:
        # A page asks for a frame: the one shown now (key None, a new view), or one it no longer keeps.
        if content.get("kind") != "need":
            return
        key = content.get("key")
        shown_key, png, status = self._shown
        if key is None or key == shown_key:
            self.send({"kind": "frame", "key": shown_key, "status": status, "show": True}, buffers=[png])
            return
        frame = self._frame_for(key)
        if frame is not None:
            self.send({"kind": "frame", "key": key, "status": frame[1], "show": False}, buffers=[frame[0]])
