"""Every notebook that shows a widget, in JupyterLab, as a learner uses it.

Open it, run all cells, look (no error, every widget rendered), take a picture of each dashboard,
then move every control: each must bring a new plot, and a few settings must show what they mean;
then drag every slider with the mouse: the plot follows while it moves and ends on the released value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import dashboard_checks, lab_ui
from .notebook_copies import APP_NAME, NOTEBOOKS, widget_notebooks

EXPECTATIONS: dict[str, list[tuple[str, str, str]]] = {
    # notebook stem: (slider label, key, text the dashboard must show afterwards), checked on the
    # notebook's first dashboard. The texts come from the dashboards' status lines.
    "02_synthetic_data": [("noise σ", "End", "noise σ = 1,")],
    "05_training_loop": [("learning rate", "End", "Diverged"), ("learning rate", "Home", "Final loss")],
}


# The playground shows the lesson notebooks' dashboards again; test_browser_app.py tests it as served
# by Voilà, the way it is used, so it is not run a second time here.
@pytest.mark.parametrize(
    "notebook",
    [path for path in widget_notebooks() if path.name != APP_NAME],
    ids=lambda path: path.relative_to(NOTEBOOKS).as_posix(),
)
def test_widget_notebook_runs_renders_and_every_control_updates_the_plot(
    notebook: Path, lab, page, screenshot_dir: Path
) -> None:
    name = notebook.relative_to(NOTEBOOKS).as_posix()
    lab_ui.open_in_lab(page, lab, name)
    lab_ui.run_all_cells(page, lab, name)

    problems = dashboard_checks.notebook_problems(page)
    dashboard_checks.screenshot_dashboards(page, screenshot_dir, notebook.stem)
    boards = lab_ui.dashboards(page)
    if boards:
        for slider_label, key, text in EXPECTATIONS.get(notebook.stem, []):
            problems += dashboard_checks.expectation_problems(boards[0], slider_label, key, text)
    for board in boards:
        board.scroll_into_view_if_needed()
        problems += dashboard_checks.control_problems(board)
        problems += dashboard_checks.drag_problems(page, board)
    assert not problems, f"{name}:\n" + "\n".join(problems)
