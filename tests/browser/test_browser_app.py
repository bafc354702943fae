"""The playground app (``make app``): each language's ``playground.ipynb`` served by Voilà, as a learner
sees it.

The page loads with every dashboard and no code or error on it; every control brings a new plot; the
largest learning rate shows the divergence message. The server asks for a token, and the suite's
checks for code and errors are shown to report both on a page that has them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import app_checks, dashboard_checks, lab_ui
from .notebook_copies import APP_NAME, NOTEBOOKS
from .voila_server import VoilaServer, running_voila, status_without_token

APPS = sorted(NOTEBOOKS.glob(f"*/{APP_NAME}"))
DIVERGED = {"en": "Diverged", "zh": "发散"}
"""How the training dashboard's status line starts for a diverged run, per language (folder name)."""
PAGE_TIMEOUT_MS = 180_000
"""The page arrives once Voilà has run the whole notebook in a fresh kernel."""


def widget_cells(notebook: Path) -> int:
    """How many code cells of the committed notebook display a widget (each is one dashboard)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    view = "application/vnd.jupyter.widget-view+json"
    return sum(
        any(view in output.get("data", {}) for output in cell["outputs"])
        for cell in cells
        if cell["cell_type"] == "code"
    )


@pytest.fixture(scope="module", params=APPS, ids=lambda path: path.parent.name)
def app(
    request: pytest.FixtureRequest, no_process_left_behind: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[VoilaServer]:
    """Voilà serving one language's playground (stopped with every kernel once its tests are done)."""
    with running_voila(request.param, tmp_path_factory.mktemp("voila-state")) as server:
        yield server


def test_there_is_a_playground_in_every_language() -> None:
    languages = sorted(
        path.name for path in NOTEBOOKS.iterdir() if path.is_dir() and any(path.glob("*.ipynb"))
    )
    assert [path.parent.name for path in APPS] == languages


def test_the_app_asks_for_its_token(app: VoilaServer) -> None:
    status = status_without_token(f"{app.url}/")
    assert status in {302, 403}, f"the app without its token answered {status}, not a redirect to login"


def test_the_app_loads_without_code_or_errors_and_every_control_moves_its_plot(
    app: VoilaServer, browser, screenshot_dir: Path
) -> None:
    notebook = app.notebook
    expected = widget_cells(notebook)
    assert expected >= 3, f"{notebook} displays {expected} dashboards; the playground has three"
    page = browser.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(app.app_url(), timeout=PAGE_TIMEOUT_MS)
        page.locator(lab_ui.DASHBOARD).nth(expected - 1).wait_for()
        boards = lab_ui.dashboards(page)
        problems = app_checks.error_problems(page) + app_checks.code_problems(page, notebook)
        problems += lab_ui.widget_problems(page)
        if len(boards) != expected:
            problems.append(f"the page shows {len(boards)} dashboards, the notebook {expected}")
        dashboard_checks.screenshot_dashboards(page, screenshot_dir, f"app-{notebook.parent.name}")
        for board in boards:
            board.scroll_into_view_if_needed()
            problems += dashboard_checks.control_problems(board)
        # The first dashboard is the training dashboard; its first slider, the learning rate.
        learning_rate = lab_ui.sliders(boards[0])[0].label
        diverged = DIVERGED[notebook.parent.name]
        problems += dashboard_checks.expectation_problems(boards[0], learning_rate, "End", diverged)
        problems += app_checks.error_problems(page)  # nothing the controls did may show an error
        where = notebook.relative_to(NOTEBOOKS)
        assert not problems, f"the playground app ({where}):\n" + "\n".join(problems)
    finally:
        page.close()


# A page with what the app must never show: a code cell's input and a traceback under it.
BROKEN_PAGE = """<html><body>
<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea"><pre>{code}</pre></div>
<div class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr">
<pre>Traceback (most recent call last):\nValueError: bad</pre></div></div>
</body></html>"""


def test_the_app_checks_report_code_and_a_traceback(browser) -> None:
    notebook = APPS[0]
    line = app_checks.code_lines(notebook)[-1]
    page = browser.new_page()
    try:
        page.set_content(BROKEN_PAGE.format(code=line.replace("<", "&lt;")))
        code, errors = app_checks.code_problems(page, notebook), app_checks.error_problems(page)
        page.set_content("<html><body><p>A clean page.</p></body></html>")
        clean = app_checks.code_problems(page, notebook) + app_checks.error_problems(page)
    finally:
        page.close()
    assert any("code input element" in problem for problem in code), code
    assert any(repr(line) in problem for problem in code), code
    assert any("a cell shows an error" in problem for problem in errors), errors
    assert any("'Traceback'" in problem for problem in errors), errors
    assert clean == []
