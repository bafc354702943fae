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
    # notebook (language/stem): (slider label, key, text the dashboard must show afterwards), checked on
    # the notebook's first dashboard. The texts come from the dashboards' status lines, in the notebook's
    # language; the Chinese ones also prove that the labels and the status line are Chinese.
    "en/02_synthetic_data": [("noise σ", "End", "noise σ = 1,")],
    "en/05_training_loop": [("learning rate", "End", "Diverged"), ("learning rate", "Home", "Final loss")],
    "zh/05_training_loop": [("学习率", "End", "发散"), ("学习率", "Home", "最终损失")],
}
CHINESE_DRIVEN = {"05_training_loop"}
"""The Chinese notebooks run the same dashboards as the English ones: one of them is driven here (its
labels and status line in Chinese, a screenshot for a look at the glyphs), not all."""


def _driven(path: Path) -> bool:
    relative = path.relative_to(NOTEBOOKS)
    return path.name != APP_NAME and (relative.parts[0] != "zh" or path.stem in CHINESE_DRIVEN)


# The playground shows the lesson notebooks' dashboards again; test_browser_app.py tests it as served
# by Voilà, the way it is used, so it is not run a second time here.
@pytest.mark.parametrize(
    "notebook",
    [path for path in widget_notebooks() if _driven(path)],
    ids=lambda path: path.relative_to(NOTEBOOKS).as_posix(),
)
def test_widget_notebook_runs_renders_and_every_control_updates_the_plot(
    notebook: Path, lab, page, screenshot_dir: Path
) -> None:
    name = notebook.relative_to(NOTEBOOKS).as_posix()
    lab_ui.open_in_lab(page, lab, name)
    lab_ui.run_all_cells(page, lab, name)

    problems = dashboard_checks.notebook_problems(page)
    key = notebook.relative_to(NOTEBOOKS).with_suffix("").as_posix()
    dashboard_checks.screenshot_dashboards(page, screenshot_dir, key.replace("/", "_"))
    boards = lab_ui.dashboards(page)
    if boards:
        for slider_label, press, text in EXPECTATIONS.get(key, []):
            problems += dashboard_checks.expectation_problems(boards[0], slider_label, press, text)
    for board in boards:
        board.scroll_into_view_if_needed()
        problems += dashboard_checks.control_problems(board)
        problems += dashboard_checks.drag_problems(page, board)
    assert not problems, f"{name}:\n" + "\n".join(problems)
