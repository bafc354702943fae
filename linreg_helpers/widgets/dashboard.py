"""The one shape of every dashboard: rows of controls, a figure view, a status line.

A dashboard subclasses :class:`Dashboard`, says which controls it has (:meth:`Dashboard.control_rows`)
and what an update shows (:meth:`Dashboard.render`: read the controls with :meth:`Dashboard.value_of`,
draw into ``self.view``, return the status). The base wires every control to :meth:`Dashboard.update`,
lays the parts out, and lets a notebook display the dashboard by evaluating it.

While a slider is dragged, the browser sends a value, waits until the kernel has handled that message,
then sends the latest value. So a value the browser sent is drawn just *after* the kernel has answered
its message (the next turn of the kernel's event loop): the next value travels while this one is
drawn, instead of after, and values that arrive meanwhile are drawn once, at their latest.

A hand that drags a slider goes back and forth over the same values: a dashboard keeps the last
``KEPT_FRAMES`` frames it drew (image, status line, and the attributes that describe them), and so does
the page (:class:`~.frame_view.FrameView`), which shows the frame it has for a slider's new value at
once, before the kernel hears of it; in the kernel, a value the browser sends again is shown from the
kept frames, not drawn again. Code that sets a control always draws. While idle, a dashboard in a kernel
draws ahead, and sends to the page, the frames of the other values of the control moved last and of its
main slider (``DRAW_AHEAD``), nearest first, so that the first sweep of a drag finds them too (a control
with more values than ``AHEAD_FRAMES`` + 1 is not drawn ahead).

JupyterLab (4.4 and later) sends widget messages to a kernel subshell, a thread of its own, and
ipykernel may hand a widget's messages to the main thread and to that subshell in turn: a dashboard
draws one frame at a time, whichever thread asks (two at once broke each other's drawing).
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import ipywidgets as widgets

from ..language import get_language
from ..plots.display import Display
from .controls import every_value
from .figure_image import FigureImage
from .frame_view import FrameKey, FrameView, key_part
from .gc_pauses import freeze_long_lived_objects

IDLE_DELAY_S = 0.3
"""Work a dashboard can do ahead (:meth:`Dashboard.prepare_when_idle`) starts this long after the last
frame: never while a slider is dragged."""

KEPT_FRAMES = 64
"""How many frames a dashboard, and each page that shows it, keeps to show again, the most recently
shown (a frame is 35–65 KB)."""

AHEAD_FRAMES = 48
"""How many frames a dashboard draws ahead while idle (each takes as long as a frame, one per turn of the
kernel's event loop, so a message waits for one at most), of controls with at most one more value."""


@dataclass(frozen=True)
class _KeptFrame:
    """A frame drawn once: what the image and the status line showed, and the attributes' values."""

    png: bytes
    status: str
    attributes: dict[str, object]


class Dashboard:
    """Controls, ``view`` (a :class:`FigureImage`: the figure frames are drawn in) and ``frames`` (the
    :class:`FrameView` that shows them with a status line); ``widget`` is the whole of it.

    Subclasses set ``FIGSIZE`` and ``NCOLS`` (the figure) and implement :meth:`control_rows` and
    :meth:`render`, which draws with :meth:`show`. ``display`` is the figure's display, built on the
    first frame and updated in place afterwards (a frame shown again from those kept leaves it as last
    drawn); ``image`` and ``status`` are the PNG and the status shown.
    """

    FIGSIZE: tuple[float, float] = (9.0, 3.6)
    NCOLS: int = 1
    WIDTH_RATIOS: tuple[float, ...] | None = None
    """Relative widths of the columns (None: equal)."""
    FRAME_ATTRIBUTES: tuple[str, ...] = ()
    """Attributes :meth:`render` sets that describe the frame: kept with it, restored when it is shown."""
    DRAW_AHEAD: str | None = None
    """The attribute holding the main slider, whose values are drawn ahead after those of the control
    moved last."""

    def __init__(self) -> None:
        freeze_long_lived_objects()  # once per process: no 100 ms collector pause while a slider moves
        self.display: Display | None = None
        self._drawing = threading.RLock()  # held while a frame is drawn (or work prepared)
        self._due_lock = threading.Lock()  # guards _redraw_due; never held while drawing
        self._redraw_due = False
        self._preparation = 0  # which prepare_when_idle call the steps scheduled belong to
        self._kept: OrderedDict[Hashable, _KeptFrame] = OrderedDict()
        self._ahead: dict[widgets.Widget, object] = {}  # the values a frame drawn ahead uses
        self._moved_last: widgets.Widget | None = None  # by the browser
        self._language_sent: str | None = None  # of the frames sent to the page
        self.view = FigureImage(figsize=self.FIGSIZE, ncols=self.NCOLS, width_ratios=self.WIDTH_RATIOS)
        rows = self.control_rows()
        self.controls: tuple[widgets.Widget, ...] = tuple(control for row in rows for control in row)
        for control in self.controls:
            control.observe(self.update, names="value")
        self.frames = FrameView(self.controls, KEPT_FRAMES, self._kept_for_page, self._new_view)
        boxes = [widgets.HBox(list(row), layout=widgets.Layout(flex_flow="row wrap")) for row in rows]
        self.widget = widgets.VBox([*boxes, self.frames])
        self.update()

    def control_rows(self) -> list[list[widgets.Widget]]:
        """The controls, one list per row (built here, read by :meth:`render`)."""
        raise NotImplementedError

    def render(self) -> str:
        """Read the controls (:meth:`value_of`), draw into ``self.view``, and return the status (HTML)."""
        raise NotImplementedError

    def value_of(self, control: widgets.Widget) -> Any:
        """The value :meth:`render` draws for ``control``: its own, or the one a frame drawn ahead uses."""
        return self._ahead.get(control, control.value)

    def show(self, first_frame: Callable[[list], Display], update: Callable[[Display], object]) -> None:
        """Draw into the view: on the first frame ``first_frame(axes)`` builds the display; on every
        later one ``update(display)`` changes its artists in place, the axes (and their ticks) kept."""
        if self.display is None:

            def build(axes: list) -> None:
                self.display = first_frame(axes)

            self.view.redraw(build)
        else:
            display = self.display
            self.view.redraw(lambda axes: update(display), clear=False)

    def update(self, change: Any = None) -> None:
        """Redraw for the controls' current values: the callback of every control.

        A value sent by the browser, in a kernel, is drawn on the event loop's next turn (once for all
        the values that came until then); any other change (code, tests) is drawn before this returns.
        """
        from_browser = change is not None and _sent_by_browser(change)
        if from_browser:
            self._moved_last = change["owner"]
        loop = _running_loop() if from_browser else None
        if loop is None:
            self._draw(reuse_kept=from_browser)
            return
        with self._due_lock:
            if self._redraw_due:
                return  # a frame is scheduled and has not read the controls yet: it will draw this value
            self._redraw_due = True
        loop.call_soon(self._redraw)

    def _redraw(self) -> None:
        with self._drawing:
            with self._due_lock:
                self._redraw_due = False  # values that come from now on need a frame of their own
            self._draw(reuse_kept=True)

    def _draw(self, reuse_kept: bool) -> None:
        """Show the frame of the controls' values: a kept one (if ``reuse_kept``), else a new one, kept;
        then, in a kernel, draw ahead while idle."""
        with self._drawing:
            key = self._frame_key()
            self._page_speaks(get_language())
            kept = self._kept.get(key) if reuse_kept and key is not None else None
            if kept is not None:
                self._kept.move_to_end(key)
                for name, value in kept.attributes.items():
                    setattr(self, name, value)
                self.frames.show_kept(_page_key(key), kept.png, kept.status)
            else:
                status = self.render()
                # A control moved from another thread while drawing: the frame may show either value.
                if key is not None and self._frame_key() == key:
                    attributes = {name: getattr(self, name) for name in self.FRAME_ATTRIBUTES}
                    self._keep(key, _KeptFrame(self.view.drawn, status, attributes))
                    self.frames.show_new(_page_key(key), self.view.drawn, status)
                else:
                    self.frames.show_new(None, self.view.drawn, status)
            self._plan_drawing_ahead()

    def _page_speaks(self, language: str) -> None:
        """The page's frames speak ``language`` from now on: those it keeps in another are dropped."""
        if language != self._language_sent:
            if self._language_sent is not None:
                self.frames.forget()
            self._language_sent = language

    def _kept_for_page(self, page_key: FrameKey) -> tuple[bytes, str] | None:
        try:
            kept = self._kept.get((self._language_sent, tuple(page_key)))
        except TypeError:  # a part the key cannot hold (a list): never kept
            return None
        return None if kept is None else (kept.png, kept.status)

    def _new_view(self) -> None:
        # A new page has only the frame shown: the frames drawn ahead go to it again while idle.
        with self._drawing:
            self._plan_drawing_ahead()

    def _keep(self, key: Hashable, frame: _KeptFrame) -> None:
        if KEPT_FRAMES <= 0:
            return
        self._kept[key] = frame
        self._kept.move_to_end(key)
        while len(self._kept) > KEPT_FRAMES:
            self._kept.popitem(last=False)

    def _plan_drawing_ahead(self) -> None:
        """Draw ahead, while idle, the frames of the other values of the control moved last, then of the
        main slider's."""
        if KEPT_FRAMES <= 0:
            return
        main = getattr(self, self.DRAW_AHEAD) if self.DRAW_AHEAD is not None else None
        controls = dict.fromkeys(control for control in (self._moved_last, main) if control is not None)
        steps = []
        for control in controls:
            values = every_value(control)
            # A control with more values than AHEAD_FRAMES + 1 is left alone: a hand would reach few of
            # those drawn ahead, and drawing them would push out the frames kept for the values shown.
            if len(values) <= AHEAD_FRAMES + 1:
                steps += [partial(self._draw_ahead, control, v) for v in _nearest_first(control, values)[1:]]
        self.prepare_when_idle(steps[:AHEAD_FRAMES])

    def _draw_ahead(self, control: widgets.Widget, value: object) -> None:
        """Draw, keep and send to the page, not shown, the frame of ``control`` at ``value``, the
        others as they are; a frame kept already is only sent, unless the page has had it since it
        opened."""
        with self._drawing:
            key = self._frame_key({control: value})
            if key is None:
                return
            self._page_speaks(key[0])
            kept = self._kept.get(key)
            if kept is not None:  # drawn already: sent, unless the page is new since
                if not self.frames.page_has(_page_key(key)):
                    self.frames.send_ahead(_page_key(key), kept.png, kept.status)
                return
            shown = {name: getattr(self, name) for name in self.FRAME_ATTRIBUTES}
            self._ahead = {control: value}
            try:
                status = self.render()
                drawn = {name: getattr(self, name) for name in self.FRAME_ATTRIBUTES}
            finally:
                self._ahead = {}
                for name, shown_value in shown.items():
                    setattr(self, name, shown_value)
            self._keep(key, _KeptFrame(self.view.drawn, status, drawn))
            self.frames.send_ahead(_page_key(key), self.view.drawn, status)

    def _frame_key(self, ahead: dict[widgets.Widget, object] | None = None) -> tuple | None:
        """What decides a frame: the language and every control's value (:func:`key_part`), with
        ``ahead``'s values instead of the controls' own (None if a value is unhashable or a menu has
        none of its options)."""
        ahead = ahead or {}
        try:
            values = tuple(key_part(control, ahead.get(control, control.value)) for control in self.controls)
            key = (get_language(), values)
            hash(key)
        except (TypeError, ValueError):  # unhashable, or a menu with nothing selected
            return None
        return key

    def prepare_when_idle(self, steps: Sequence[Callable[[], object]]) -> None:
        """In a kernel, run ``steps`` (each short: it delays a message by as much) one per turn of the
        event loop, from ``IDLE_DELAY_S`` after this call; a later call replaces those not yet run.
        Without a running loop (code, tests) nothing is run."""
        self._preparation += 1
        preparation = self._preparation
        loop = _running_loop()
        if loop is None or not steps:
            return
        remaining = list(steps)

        def step() -> None:
            # A later call (from any thread) replaces these steps: they stop here.
            with self._drawing:
                if preparation != self._preparation:
                    return
                remaining.pop(0)()
            if remaining:
                loop.call_soon(step)

        loop.call_later(IDLE_DELAY_S, step)

    @property
    def image(self) -> bytes:
        """The PNG shown now."""
        return self.frames.png

    @property
    def status(self) -> str:
        """The status line shown now (HTML)."""
        return self.frames.status

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        # A notebook displays the dashboard itself: `training_dashboard()` as a cell's last line.
        return self.widget._repr_mimebundle_(**kwargs)


def _sent_by_browser(change: Any) -> bool:
    """Whether a control's change came from the browser: ipywidgets locks the properties the front end
    sent while it applies them (``Widget.set_state``), notifications included. (A selection control
    is sent its ``index``; its ``value`` follows.)"""
    return bool(getattr(change["owner"], "_property_lock", None))


def _page_key(key: tuple) -> FrameKey:
    """A frame's key as the page writes it: the controls' parts, without the language."""
    return list(key[1])


def _nearest_first(control: widgets.Widget, values: list[object]) -> list[object]:
    """``values`` (every value of ``control``, in order) from its own, then by distance from it, the
    side of larger values first."""
    if hasattr(control, "options"):
        here = control.index if control.index is not None else 0
    else:
        here = min(range(len(values)), key=lambda k: abs(values[k] - control.value))
    order = sorted(range(len(values)), key=lambda k: (abs(k - here), k < here))
    return [values[k] for k in order]


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:  # no loop runs here: not in a kernel's message handler
        return None
