"""The suite's own checks, on a small notebook written for them: they pass a working slider and
report a broken cell, a slider whose plot never changes and one whose plot waits for the release (a
check that cannot fail is no check)."""

from __future__ import annotations

from pathlib import Path

from . import dashboard_checks, lab_ui
from .notebook_copies import write_notebook

SELF_CHECK = "suite_self_check/self_check.ipynb"
SHORT_MS = 4_000
"""Wait for what must not come (a plot that never changes, a text never shown) only this long."""
CELLS = [
    "import ipywidgets as widgets\n\n"
    "from linreg_helpers.widgets import FigureImage\n"
    "from linreg_helpers.widgets.frame_view import FrameView\n",
    # A working dashboard: the slider redraws the plot.
    "working, working_view = FigureImage(figsize=(4, 2)), FrameView()\n"
    "power = widgets.IntSlider(value=2, min=1, max=4, description='power')\n"
    "def redraw(change=None):\n"
    "    png = working.redraw(lambda axes: axes[0].plot(range(9), [x ** power.value for x in range(9)]))\n"
    "    working_view.show_new(None, png, f'power {power.value}')\n"
    "power.observe(redraw, 'value')\n"
    "redraw()\n"
    "widgets.VBox([power, working_view])\n",
    # A broken one: the slider is not wired to the plot.
    "stale, stale_view = FigureImage(figsize=(4, 2)), FrameView()\n"
    "stale_view.show_new(None, stale.redraw(lambda axes: axes[0].plot([0, 1], [0, 1])), 'stale')\n"
    "widgets.VBox([widgets.IntSlider(value=2, min=1, max=4, description='unwired'), stale_view])\n",
    # One that draws only when the slider is released (ipywidgets' continuous_update=False).
    "on_release, on_release_view = FigureImage(figsize=(4, 2)), FrameView()\n"
    "level = widgets.IntSlider(value=20, min=0, max=40, description='level', continuous_update=False)\n"
    "def redraw_level(change=None):\n"
    "    png = on_release.redraw(lambda axes: axes[0].axhline(level.value))\n"
    "    on_release_view.show_new(None, png, f'level {level.value}')\n"
    "level.observe(redraw_level, 'value')\n"
    "redraw_level()\n"
    "widgets.VBox([level, on_release_view])\n",
    "raise ValueError('a deliberately broken cell')\n",
]


def test_the_checks_pass_a_working_slider_and_report_an_error_a_stale_plot_and_a_frozen_drag(
    served_root: Path, lab, page
) -> None:
    write_notebook(served_root / SELF_CHECK, CELLS)
    lab_ui.open_in_lab(page, lab, SELF_CHECK)
    lab_ui.run_all_cells(page, lab, SELF_CHECK)

    problems = dashboard_checks.notebook_problems(page)
    assert any("a cell shows an error" in p and "deliberately broken" in p for p in problems), problems
    working, stale, on_release = lab_ui.dashboards(page)
    assert dashboard_checks.control_problems(working) == []
    assert dashboard_checks.drag_problems(page, working) == []
    drag_problems = dashboard_checks.drag_problems(page, on_release)
    assert len(drag_problems) == 1 and "while the mouse moved" in drag_problems[0], drag_problems
    assert dashboard_checks.expectation_problems(working, "power", "End", "power") == []
    assert dashboard_checks.expectation_problems(working, "power", "Home", "no such text", SHORT_MS) != []
    stale_problems = dashboard_checks.control_problems(stale, SHORT_MS)
    assert len(stale_problems) == 1 and "'unwired'" in stale_problems[0], stale_problems
    assert "the plot did not change" in stale_problems[0]
