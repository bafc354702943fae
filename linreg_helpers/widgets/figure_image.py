"""A matplotlib figure shown as a PNG in an ``ipywidgets.Image``: the view every dashboard updates.

Drawing into one reused ``Figure`` (not pyplot, so nothing is displayed or leaked by the inline
backend) and sending only the PNG bytes works alike in JupyterLab, Notebook 7 and VS Code, with no
front-end extension beyond ipywidgets.

Live updates are kept cheap (each slider step redraws): the figure keeps one Agg canvas, so its
renderer and text-size caches survive between frames; a frame is one draw pass encoded straight
from the canvas buffer (``savefig`` adds a second, layout-only pass whenever a layout engine is
set); the layout is computed once, on the first frame, then kept (constrained layout costs
about as much as the drawing itself); and titles sit at a fixed height (matplotlib otherwise measures
every tick label on every draw to keep the title clear of an x axis on top, which ours never have).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib as mpl
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


class FigureImage:
    """A reusable figure and the Image widget that shows it."""

    def __init__(self, figsize: tuple[float, float] = (9.0, 3.6), nrows: int = 1, ncols: int = 1) -> None:
        with mpl.rc_context(LIVE_STYLE):
            self.figure = Figure(figsize=figsize, dpi=LIVE_DPI)
            axes = self.figure.subplots(nrows, ncols, squeeze=False)
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = list(axes.flat)
        self.widget = widgets.Image(format="png")

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
            self.canvas.draw()
            self._keep_layout()
            png = _encode_png(self.canvas)
        self.widget.value = png
        return png

    def _keep_layout(self) -> None:
        # The first frame placed the axes with the figure's layout engine; later frames keep those
        # positions (a placeholder engine, so nothing re-creates the layout from rcParams).
        if isinstance(self.figure.get_layout_engine(), ConstrainedLayoutEngine | TightLayoutEngine):
            self.figure.set_layout_engine("none")


def _encode_png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's current pixels as PNG bytes."""
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()
