"""One widget notebook in Notebook 7 (``/tree`` → notebook view): it runs and its slider works there.

In Notebook 7 the slider's arrow keys may not reach it, so the value is typed into the slider's
readout and confirmed with Enter, as a person can.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import dashboard_checks, lab_ui
from .notebook_copies import NOTEBOOKS, widget_notebooks

PREFERRED = ("05_training_loop", "02_synthetic_data")
TYPED_VALUES = {"learning rate": "0.1", "noise σ": "0.1", "depth": "3"}
"""A value to type per slider label (one the slider offers and that differs from its default)."""


def _notebook_to_open() -> Path | None:
    found = widget_notebooks()
    for stem in PREFERRED:
        for path in found:
            if path.stem == stem:
                return path
    return found[0] if found else None


def test_a_widget_notebook_runs_in_notebook_7_and_its_slider_takes_a_typed_value(
    lab, page, browser, screenshot_dir: Path
) -> None:
    notebook = _notebook_to_open()
    if notebook is None:
        pytest.skip("no notebook displays a widget yet")
    name = notebook.relative_to(NOTEBOOKS).as_posix()
    page.goto(lab.tree_url())
    for folder in name.split("/")[:-1]:
        page.locator(".jp-DirListing-itemName", has_text=folder).first.dblclick()
    with browser.expect_page() as opened:
        page.locator(".jp-DirListing-itemName", has_text=notebook.name).first.dblclick()
    view = opened.value
    view.set_default_timeout(60_000)
    view.locator(".jp-Notebook .jp-Cell").first.wait_for()
    assert "/notebooks/" in view.url, f"Notebook 7 opened {view.url}, not its notebook view"
    lab_ui.wait_for_idle_kernel(lab, name)
    lab_ui.run_all_cells(view, lab, name)

    problems = dashboard_checks.notebook_problems(view)
    dashboard_checks.screenshot_dashboards(view, screenshot_dir, f"notebook7-{notebook.stem}")
    dashboard = lab_ui.dashboards(view)[0]
    slider = next(s for s in lab_ui.sliders(dashboard) if s.label in TYPED_VALUES)
    before_value, before = slider.value, lab_ui.wait_for_images(dashboard)
    slider.type_value(TYPED_VALUES[slider.label])
    if not lab_ui.wait_for_new_plot(dashboard, before):
        problems.append(
            f"typing {TYPED_VALUES[slider.label]} into slider {slider.label!r} ({before_value}) "
            "did not change the plot"
        )
    assert not problems, f"{name} in Notebook 7:\n" + "\n".join(problems)
