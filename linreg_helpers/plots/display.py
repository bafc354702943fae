"""The one pattern of every figure, after scikit-learn's Display objects.

A display is built from the data it shows (``Display(...)``, or a ``from_…`` class method that also
draws), draws with ``plot(ax=None)`` (or ``axes=None`` for several panels) and returns itself, and keeps
what it drew in attributes with a trailing underscore: ``ax_`` or ``axes_``, ``figure_``, and its
artists. A display that a widget redraws live also has ``update(…)``, which shows new data in the
artists it drew, keeping the axes (and their ticks, the costly part of a redraw).
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .style import check_axes, new_axes


class Display:
    """Base of the displays: where the axes come from, and the attributes every display sets."""

    PANELS: int = 1
    """How many axes the display draws into."""
    PANEL_SIZE: tuple[float, float] = (6.4, 4.0)
    """Size in inches of one panel when the display makes its own figure."""

    axes_: list[Axes]
    figure_: Figure

    def _take_axes(self, axes: Any) -> list[Axes]:
        """Use ``axes`` (an Axes, or one per panel), or make a figure; remember them; return them."""
        if axes is None:
            taken = new_axes(self.PANELS, self.PANEL_SIZE)
        elif isinstance(axes, Axes):
            taken = check_axes([axes], self.PANELS)
        else:
            taken = check_axes(axes, self.PANELS)
        self.axes_ = taken
        self.figure_ = taken[0].figure
        return taken

    @property
    def ax_(self) -> Axes:
        """The axes of a one-panel display (the first panel of a larger one)."""
        return self.axes_[0]
