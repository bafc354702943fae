"""The one shape of every dashboard: rows of controls, a figure view, a status line.

A dashboard subclasses :class:`Dashboard`, says which controls it has (:meth:`Dashboard.control_rows`)
and what an update shows (:meth:`Dashboard.render`: read the controls, draw into ``self.view``, return
the status). The base wires every control to :meth:`Dashboard.update`, lays the parts out, and lets a
notebook display the dashboard by evaluating it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..plots.display import Display
from .figure_image import FigureImage


class Dashboard:
    """Controls, a :class:`FigureImage` view and a status line; ``widget`` is the whole of it.

    Subclasses set ``FIGSIZE`` and ``NCOLS`` (the figure) and implement :meth:`control_rows` and
    :meth:`render`, which draws with :meth:`show`. ``display`` is the figure's display, built on the
    first frame and updated in place afterwards; ``status.value`` holds the status shown.
    """

    FIGSIZE: tuple[float, float] = (9.0, 3.6)
    NCOLS: int = 1

    def __init__(self) -> None:
        self.display: Display | None = None
        self.view = FigureImage(figsize=self.FIGSIZE, ncols=self.NCOLS)
        self.status = widgets.HTML()
        rows = self.control_rows()
        self.controls: tuple[widgets.Widget, ...] = tuple(control for row in rows for control in row)
        for control in self.controls:
            control.observe(self.update, names="value")
        boxes = [widgets.HBox(list(row), layout=widgets.Layout(flex_flow="row wrap")) for row in rows]
        self.widget = widgets.VBox([*boxes, self.view.widget, self.status])
        self.update()

    def control_rows(self) -> list[list[widgets.Widget]]:
        """The controls, one list per row (built here, read by :meth:`render`)."""
        raise NotImplementedError

    def render(self) -> str:
        """Read the controls, draw into ``self.view``, and return the status line (HTML)."""
        raise NotImplementedError

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
        """Redraw for the controls' current values: the callback of every control."""
        self.status.value = self.render()

    @property
    def image(self) -> bytes:
        """The PNG shown now."""
        return bytes(self.view.widget.value)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        # A notebook displays the dashboard itself: `training_dashboard()` as a cell's last line.
        return self.widget._repr_mimebundle_(**kwargs)
