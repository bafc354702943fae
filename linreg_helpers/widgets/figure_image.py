"""A matplotlib figure shown as a PNG in an ``ipywidgets.Image``: the view every dashboard updates.

Drawing into one reused ``Figure`` (not pyplot, so nothing is displayed or leaked by the inline
backend) and sending only the PNG bytes works alike in JupyterLab, Notebook 7 and VS Code, with no
front-end extension beyond ipywidgets.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib as mpl
from matplotlib.figure import Figure

from ..plots.style import STYLE

LIVE_DPI = 72
"""Resolution of live updates: enough for a projector, cheap to encode."""


class FigureImage:
    """A reusable figure and the Image widget that shows it."""

    def __init__(self, figsize: tuple[float, float] = (9.0, 3.6), nrows: int = 1, ncols: int = 1) -> None:
        with mpl.rc_context(STYLE):
            self.figure = Figure(figsize=figsize, dpi=LIVE_DPI)
            axes = self.figure.subplots(nrows, ncols, squeeze=False)
        self.axes = list(axes.flat)
        self.widget = widgets.Image(format="png")

    def redraw(self, draw: Callable[[list], None]) -> bytes:
        """Clear the axes, call ``draw(axes)``, and push the new PNG to the widget; return the bytes."""
        with mpl.rc_context(STYLE):
            for ax in self.axes:
                ax.clear()
            draw(self.axes)
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=LIVE_DPI)
        self.widget.value = buffer.getvalue()
        return self.widget.value
