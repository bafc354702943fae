"""Fixtures of the browser suite: one JupyterLab server and one Chromium for the whole session.

Without Chromium the suite is skipped with a clear reason, except under CI (``CI=true``), where a
missing browser fails it. Both processes are always stopped; the last teardown checks that no
process of the session survived.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .chromium import chromium_context, chromium_missing_reason, running_in_ci
from .lab_server import LabServer, descendants, is_alive, running_lab
from .lab_ui import shut_down_kernels
from .notebook_copies import NOTEBOOKS, REPO, copy_without_outputs

SCREENSHOTS = REPO / "build" / "screenshots"
"""Where the suite saves what a learner sees (git-ignored ``build/``)."""


@pytest.fixture(scope="session")
def chromium_available() -> None:
    """Skip the browser tests without Chromium, or fail them under CI."""
    reason = chromium_missing_reason()
    if reason is None:
        return
    if running_in_ci():
        pytest.fail(f"CI=true and the browser suite cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser suite skipped: {reason}")


@pytest.fixture(scope="session")
def no_process_left_behind(chromium_available: None) -> Iterator[None]:
    """Set up first and torn down last: fails the session if a child process outlived it."""
    yield
    left = sorted(pid for pid in descendants(os.getpid()) if is_alive(pid))
    names = [Path(f"/proc/{pid}/comm").read_text().strip() for pid in left if is_alive(pid)]
    assert not left, f"processes left behind by the browser suite: {list(zip(left, names, strict=False))}"


@pytest.fixture(scope="session")
def served_root(no_process_left_behind: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary copy of ``notebooks/`` (outputs removed): what the server shows and autosaves."""
    root = tmp_path_factory.mktemp("browser") / "notebooks"
    copy_without_outputs(NOTEBOOKS, root)
    return root


@pytest.fixture(scope="session")
def lab(served_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """The JupyterLab server of the session (stopped with all its kernels at the end)."""
    with running_lab(served_root, tmp_path_factory.mktemp("jupyter-state")) as server:
        yield server


@pytest.fixture(scope="session")
def browser(no_process_left_behind: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """A headless Chromium (Playwright context) with a fresh profile."""
    with chromium_context(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


@pytest.fixture
def page(browser, lab: LabServer) -> Iterator:
    """A new tab; closed after the test, and the kernels it started are shut down."""
    already_open = list(browser.pages)
    tab = browser.new_page()
    tab.set_default_timeout(60_000)
    try:
        yield tab
    finally:
        for opened in browser.pages:  # also tabs the test opened (Notebook 7 opens a new one)
            if opened not in already_open:
                opened.close()
        shut_down_kernels(lab)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """``build/screenshots`` (created when needed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
