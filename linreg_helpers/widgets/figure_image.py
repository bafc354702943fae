"""A matplotlib figure drawn into PNG frames, cheaply: what every dashboard draws into.

Drawing into one reused ``Figure`` (not pyplot, so nothing is displayed or leaked by the inline
backend) gives PNG bytes, which the dashboard's :class:`~.frame_view.FrameView` shows.

Live updates are kept cheap (each slider step redraws):

- the figure keeps one Agg canvas, so its renderer and text-size caches survive between frames, and
  that renderer keeps the glyph images of every string it drew (``text_cache.py``): the same string
  at the same place is blended again from them, not laid out and rasterized anew;
- the layout is computed once, on the first frame, then kept (constrained layout costs about as
  much as the drawing itself), and titles sit at a fixed height (matplotlib otherwise measures
  every tick label on every draw to keep the title clear of an x axis on top, which ours never have);
- a frame is drawn in two layers, as matplotlib's blitting does: the axes' furniture (background,
  grid, ticks and their labels, axis labels) and, on top, the content (lines, texts, legend, titles,
  spines). The furniture is rendered once per distinct look (limits, scales, ticks, labels) and kept
  as pixels; a frame whose furniture looks like a kept one only restores those pixels and draws the
  content. Tick labels are most of a frame's drawing time, and a slider step rarely changes them;
- when only some axes' furniture changed (the noise slider rescales the residual panel, not the data
  panels, and a depth explores new limits in both), only those axes' furniture is rendered, each
  axes alone, and every axes' furniture is kept as the pixels it changed: a frame lays the kept
  pixels of each axes on the empty figure (where two axes' pixels would meet, the whole figure's
  furniture is rendered instead).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine

from ..plots.style import STYLE
from .png import png_bytes
from .text_cache import TextCachingCanvas

LIVE_DPI = 72
"""Resolution of live updates: enough for a projector, cheap to encode."""

LIVE_STYLE = {**STYLE, "axes.titley": 1.0}
"""The project's style with titles at a fixed height: about a quarter of a frame's drawing time saved."""

KEPT_BACKGROUNDS = 8
"""How many rendered furnitures (one per distinct look of the axes) a view keeps, newest first."""

KEPT_INKS = 64
"""How many rendered furnitures of single axes a view keeps, newest first."""


class FigureImage:
    """A reusable figure and the PNG of the frame drawn last."""

    def __init__(
        self,
        figsize: tuple[float, float] = (9.0, 3.6),
        nrows: int = 1,
        ncols: int = 1,
        width_ratios: tuple[float, ...] | None = None,
    ) -> None:
        with mpl.rc_context(LIVE_STYLE):
            self.figure = Figure(figsize=figsize, dpi=LIVE_DPI)
            axes = self.figure.subplots(nrows, ncols, squeeze=False, width_ratios=width_ratios)
        self.canvas = TextCachingCanvas(self.figure)
        self._lock = threading.RLock()  # one frame at a time: callbacks may run on several kernel threads
        self.axes = list(axes.flat)
        self._backgrounds: OrderedDict[Hashable, object] = OrderedDict()
        self._inks: OrderedDict[Hashable, _Ink] = OrderedDict()
        self._blank: np.ndarray | None = None
        self._laid_out = False
        self.drawn: bytes = b""
        """The PNG of the last frame drawn."""
        self.background_reused = False
        """Whether the last frame reused kept furniture pixels (for tests and benchmarks)."""
        self.axes_rendered = 0
        """How many axes' furniture the last frame rendered (0 when it reused the whole figure's)."""

    def redraw(self, draw: Callable[[list], None], clear: bool = True) -> bytes:
        """Clear the axes, call ``draw(axes)``, and encode the new frame; return its PNG (also ``drawn``).

        With ``clear=False`` the axes are kept, so ``draw`` may update the artists it drew last
        time (``line.set_data``) instead of drawing new ones, the cheapest kind of update.
        """
        with self._lock, mpl.rc_context(LIVE_STYLE):
            if clear:
                for ax in self.axes:
                    ax.clear()
            draw(self.axes)
            if not self._laid_out:
                self.canvas.draw()  # places the axes with the figure's layout engine, once
                self._keep_layout()
                self._laid_out = True
            self._draw_in_layers()
            png = _encode_png(self.canvas)
            self.drawn = png
        return png

    def _draw_in_layers(self) -> None:
        content = [artist for ax in self.axes for artist in _content(ax)]
        for artist in content:
            artist.set_animated(True)  # left out of canvas.draw(): the furniture only
        keys = [(index, _furniture_key(ax)) for index, ax in enumerate(self.axes)]
        key = tuple(keys)
        background = self._backgrounds.get(key)
        self.background_reused = background is not None
        self.axes_rendered = 0
        if background is None:
            self._render_furniture(keys)
            background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._backgrounds[key] = background
            if len(self._backgrounds) > KEPT_BACKGROUNDS:
                self._backgrounds.popitem(last=False)
        else:
            self._backgrounds.move_to_end(key)
            self.canvas.restore_region(background)
        for ax in self.axes:
            # The order Axes.draw uses (by zorder), so the picture is that of a full draw.
            for artist in sorted(_content(ax), key=lambda a: a.get_zorder()):
                ax.draw_artist(artist)

    def _render_furniture(self, keys: list[Hashable]) -> None:
        """Put every axes' furniture on the canvas: an axes that looks as before from its kept pixels,
        the others rendered, each alone over the empty figure, their pixels kept. The furniture of
        different axes covers different pixels (the layout sees to it), so laying each one's pixels
        on the empty figure gives the picture of rendering them all; where two would share a pixel,
        the whole figure's furniture is rendered instead."""
        renderer = self.canvas.get_renderer()
        pixels = np.asarray(renderer.buffer_rgba())
        if self._blank is None or self._blank.shape != pixels.shape:
            renderer.clear()
            self.figure.patch.draw(renderer)
            self._blank = pixels.copy()
        inks = []
        self.axes_rendered = 0
        for ax, key in zip(self.axes, keys, strict=True):
            if key not in self._inks:
                pixels[...] = self._blank
                ax.draw(renderer)  # its content is animated: the furniture only
                self._inks[key] = _Ink.of(ax, pixels, self._blank)
                self.axes_rendered += 1
            self._inks.move_to_end(key)
            inks.append(self._inks[key])
        while len(self._inks) > KEPT_INKS:
            self._inks.popitem(last=False)
        if any(a.meets(b) for i, a in enumerate(inks) for b in inks[i + 1 :]):
            self.canvas.draw()
            self.axes_rendered = len(self.axes)
            return
        pixels[...] = self._blank
        for ink in inks:
            ink.lay_on(pixels)

    def _keep_layout(self) -> None:
        # The first frame placed the axes with the figure's layout engine; later frames keep those
        # positions (a placeholder engine, so nothing re-creates the layout from rcParams).
        if isinstance(self.figure.get_layout_engine(), ConstrainedLayoutEngine | TightLayoutEngine):
            self.figure.set_layout_engine("none")


def _content(ax: Axes) -> list[Artist]:
    """Every child of ``ax`` but its background patch and its axes: what drawing puts on it, the
    legend, the titles and the spines (which a full draw puts above the lines)."""
    return [
        child
        for child in ax.get_children()
        if child is not ax.patch and not isinstance(child, Axis) and child.get_visible()
    ]


@dataclass(frozen=True)
class _Ink:
    """What one axes' furniture puts on the empty figure: the pixels it changed (``mask``, within the
    rectangle of rows ``top:bottom`` and columns ``left:right``) and their colours (``colors``). The
    axes' own rectangle counts as changed: its background may hide what another axes drew there."""

    top: int
    bottom: int
    left: int
    right: int
    mask: np.ndarray
    colors: np.ndarray

    @classmethod
    def of(cls, ax: Axes, pixels: np.ndarray, blank: np.ndarray) -> _Ink:
        """The ink of ``ax``'s furniture, just rendered alone into ``pixels`` over ``blank``."""
        changed = pixels.view(np.uint32)[..., 0] != blank.view(np.uint32)[..., 0]  # RGBA as one number
        height, width = changed.shape
        x0, y0, x1, y1 = ax.bbox.extents  # display coordinates: y up from the bottom
        rows = slice(max(math.floor(height - y1), 0), min(math.ceil(height - y0) + 1, height))
        changed[rows, max(math.floor(x0), 0) : min(math.ceil(x1) + 1, width)] = True
        rows_used, columns_used = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
        top, bottom = rows_used[0], rows_used[-1] + 1
        left, right = columns_used[0], columns_used[-1] + 1
        return cls(
            top, bottom, left, right, changed[top:bottom, left:right], pixels[top:bottom, left:right].copy()
        )

    def meets(self, other: _Ink) -> bool:
        """Whether the two inks share a pixel."""
        top, bottom = max(self.top, other.top), min(self.bottom, other.bottom)
        left, right = max(self.left, other.left), min(self.right, other.right)
        if top >= bottom or left >= right:
            return False
        mine = self.mask[top - self.top : bottom - self.top, left - self.left : right - self.left]
        theirs = other.mask[top - other.top : bottom - other.top, left - other.left : right - other.left]
        return bool((mine & theirs).any())

    def lay_on(self, pixels: np.ndarray) -> None:
        """Put these pixels into ``pixels`` (the whole canvas), leaving the others as they are."""
        region = pixels[self.top : self.bottom, self.left : self.right]
        np.copyto(region, self.colors, where=self.mask[..., None])


def _furniture_key(ax: Axes) -> Hashable:
    """Everything that decides how ``ax``'s furniture looks: two axes with equal keys draw alike."""
    return (
        ax.get_position().bounds,
        ax.get_xlim(),
        ax.get_ylim(),
        _axis_key(ax.xaxis),
        _axis_key(ax.yaxis),
    )


def _axis_key(axis: Axis) -> Hashable:
    """The axis's scale, label, and where its ticks are and what they say."""
    key = [axis.get_scale(), axis.get_label_text(), axis.get_visible()]
    for ticker in (axis.major, axis.minor):
        locs = [loc for loc in ticker.locator() if _in_view(axis, loc)]
        key += [tuple(locs), tuple(ticker.formatter.format_ticks(locs)), ticker.formatter.get_offset()]
    return tuple(key)


def _in_view(axis: Axis, loc: float) -> bool:
    low, high = sorted(axis.get_view_interval())
    return low <= loc <= high


def _encode_png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's current pixels as PNG bytes."""
    return png_bytes(np.asarray(canvas.buffer_rgba()))
