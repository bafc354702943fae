"""A matplotlib figure shown as a PNG in an ``ipywidgets.Image``: the view every dashboard updates.

Drawing into one reused ``Figure`` (not pyplot, so nothing is displayed or leaked by the inline
backend) and sending only the PNG bytes works alike in JupyterLab, Notebook 7 and VS Code, with no
front-end extension beyond ipywidgets.

Live updates are kept cheap (each slider step redraws):

- the figure keeps one Agg canvas, so its renderer and text-size caches survive between frames;
- the layout is computed once, on the first frame, then kept (constrained layout costs about as
  much as the drawing itself), and titles sit at a fixed height (matplotlib otherwise measures
  every tick label on every draw to keep the title clear of an x axis on top, which ours never have);
- a frame is drawn in two layers, as matplotlib's blitting does: the axes' furniture (background,
  grid, ticks and their labels, axis labels) and, on top, the content (lines, texts, legend, titles,
  spines). The furniture is rendered once per distinct look (limits, scales, ticks, labels) and kept
  as pixels; a frame whose furniture looks like a kept one only restores those pixels and draws the
  content. Tick labels are most of a frame's drawing time, and a slider step rarely changes them.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Callable, Hashable

import ipywidgets as widgets
import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine
from PIL import Image

from ..plots.style import STYLE

LIVE_DPI = 72
"""Resolution of live updates: enough for a projector, cheap to encode."""

PNG_COMPRESS_LEVEL = 1
"""zlib level of the live PNGs: a few percent larger than the default 6, several times faster."""

LIVE_STYLE = {**STYLE, "axes.titley": 1.0}
"""The project's style with titles at a fixed height: about a quarter of a frame's drawing time saved."""

KEPT_BACKGROUNDS = 8
"""How many rendered furnitures (one per distinct look of the axes) a view keeps, newest first."""


class FigureImage:
    """A reusable figure and the Image widget that shows it."""

    def __init__(self, figsize: tuple[float, float] = (9.0, 3.6), nrows: int = 1, ncols: int = 1) -> None:
        with mpl.rc_context(LIVE_STYLE):
            self.figure = Figure(figsize=figsize, dpi=LIVE_DPI)
            axes = self.figure.subplots(nrows, ncols, squeeze=False)
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = list(axes.flat)
        self.widget = widgets.Image(format="png")
        self._backgrounds: OrderedDict[Hashable, object] = OrderedDict()
        self._laid_out = False
        self.background_reused = False
        """Whether the last frame reused kept furniture pixels (for tests and benchmarks)."""

    def redraw(self, draw: Callable[[list], None], clear: bool = True) -> bytes:
        """Clear the axes, call ``draw(axes)``, and push the new PNG to the widget; return the bytes.

        With ``clear=False`` the axes are kept, so ``draw`` may update the artists it drew last
        time (``line.set_data``) instead of drawing new ones, the cheapest kind of update.
        """
        with mpl.rc_context(LIVE_STYLE):
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
        self.widget.value = png
        return png

    def _draw_in_layers(self) -> None:
        content = [artist for ax in self.axes for artist in _content(ax)]
        for artist in content:
            artist.set_animated(True)  # left out of canvas.draw(): the furniture only
        key = tuple(_furniture_key(ax) for ax in self.axes)
        background = self._backgrounds.get(key)
        self.background_reused = background is not None
        if background is None:
            self.canvas.draw()
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
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    if canvas.figure.get_facecolor()[3] == 1.0:
        image = image.convert("RGB")  # opaque anyway: a quarter less to compress, about 25% faster
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()
