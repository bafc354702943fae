"""The one shape of every dashboard: rows of controls, a figure view, a status line.

A dashboard subclasses :class:`Dashboard`, says which controls it has (:meth:`Dashboard.control_rows`)
and what an update shows (:meth:`Dashboard.render`: read the controls, draw into ``self.view``, return
the status). The base wires every control to :meth:`Dashboard.update`, lays the parts out, and lets a
notebook display the dashboard by evaluating it.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .figure_image import FigureImage


class Dashboard:
    """Controls, a :class:`FigureImage` view and a status line; ``widget`` is the whole of it.

    Subclasses set ``FIGSIZE`` and ``NCOLS`` (the figure) and implement :meth:`control_rows` and
    :meth:`render`. After every update ``status_html`` holds the status shown.
    """

    FIGSIZE: tuple[float, float] = (9.0, 3.6)
    NCOLS: int = 1

    def __init__(self) -> None:
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
