"""The book's own kernel (``make lab-d2l``): JupyterLab offers it beside the project's, and it runs d2l.

``make lab-d2l`` installs a kernelspec for ``.venv-d2l``'s Python under ``build/d2l-kernel`` and starts
JupyterLab with that folder on ``JUPYTER_PATH``; these tests use that kernelspec the same way. In the
browser: the launcher offers the kernel by its name, a new notebook made from it runs the book's import
``from d2l import torch as d2l`` and prints torch 2.0's version.

``.venv-d2l`` (about 5 GB) is built by ``make test-d2l``, which runs this file (``make browser`` does not):
without it, or without the kernelspec, the tests are skipped and say why, except under
``LINREG_REQUIRE_D2L=1`` (set by ``make test-d2l``), where that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import lab_ui
from .lab_server import JUPYTER, LabServer, running_lab
from .notebook_copies import REPO

D2L_PYTHON = REPO / ".venv-d2l" / "bin" / "python"
KERNEL_DATA = REPO / "build" / "d2l-kernel" / "share" / "jupyter"
KERNEL_NAME = "d2l-book"
DISPLAY_NAME = "d2l book (torch 2.0, d2l 1.0.3)"
CELL = "from d2l import torch as d2l; import torch; print(torch.__version__, d2l.__name__)"
EXPECTED_OUTPUT = re.compile(r"2\.0\.\d+(\+\w+)? d2l\.torch")
"""torch 2.0.x (the PyPI build says ``+cu117``) and the module the book imports as ``d2l``."""
D2L_IMPORT_TIMEOUT_MS = 180_000
"""Importing torch 2.0 and d2l (pandas, torchvision, matplotlib) in a fresh kernel on 2 busy cores."""


def _missing_reason() -> str | None:
    if not D2L_PYTHON.exists():
        return f"{D2L_PYTHON.relative_to(REPO)} not found: `make test-d2l` builds the d2l environment (5 GB)"
    if not (KERNEL_DATA / "kernels" / KERNEL_NAME / "kernel.json").exists():
        return f"the kernelspec in {KERNEL_DATA.relative_to(REPO)} is missing: `make lab-d2l` installs it"
    return None


@pytest.fixture(scope="module")
def kernel_data() -> Path:
    """The folder ``make lab-d2l`` puts on ``JUPYTER_PATH``; skip (or fail under make test-d2l) without it."""
    reason = _missing_reason()
    if reason is not None:
        if os.environ.get("LINREG_REQUIRE_D2L") == "1":
            pytest.fail(f"LINREG_REQUIRE_D2L=1 and the d2l kernel cannot be tested: {reason}", pytrace=False)
        pytest.skip(f"d2l kernel not tested: {reason}")
    return KERNEL_DATA


def _kernelspecs(jupyter_path: Path | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "JUPYTER_PATH"}
    if jupyter_path is not None:
        env["JUPYTER_PATH"] = str(jupyter_path)
    listing = subprocess.run(
        [str(JUPYTER), "kernelspec", "list", "--json"], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(listing.stdout)["kernelspecs"]


def test_jupyter_lists_the_d2l_kernel_only_with_its_path(kernel_data: Path) -> None:
    with_path, without = _kernelspecs(kernel_data), _kernelspecs(None)
    assert KERNEL_NAME in with_path, f"JUPYTER_PATH={kernel_data}: kernels {sorted(with_path)}"
    spec = with_path[KERNEL_NAME]["spec"]
    assert spec["display_name"] == DISPLAY_NAME
    assert Path(spec["argv"][0]) == D2L_PYTHON, f"the kernel runs {spec['argv'][0]}, not .venv-d2l's python"
    assert "python3" in with_path, "the project's own kernel must stay available beside the d2l one"
    assert KERNEL_NAME not in without, (
        "the d2l kernel leaks into plain `make lab` (listed without JUPYTER_PATH)"
    )


@pytest.fixture(scope="module")
def d2l_lab(
    kernel_data: Path, no_process_left_behind: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LabServer]:
    """JupyterLab on an empty folder with the d2l kernel on JUPYTER_PATH (stopped with its kernels)."""
    root = tmp_path_factory.mktemp("d2l-notebooks")
    with running_lab(root, tmp_path_factory.mktemp("d2l-jupyter-state"), jupyter_path=kernel_data) as server:
        yield server


def _sessions(server: LabServer) -> list[dict]:
    with urllib.request.urlopen(f"{server.url}/api/sessions?token={server.token}", timeout=10) as response:
        return json.loads(response.read())


def _wait_for_d2l_session(server: LabServer, timeout: float = lab_ui.KERNEL_TIMEOUT_S) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for session in _sessions(server):
            if session["kernel"]["name"] == KERNEL_NAME and session["kernel"]["execution_state"] == "idle":
                return session
        time.sleep(0.5)
    kernels = [session["kernel"]["name"] for session in _sessions(server)]
    raise TimeoutError(f"no idle {KERNEL_NAME} kernel after {timeout:.0f} s (kernels running: {kernels})")


def test_a_new_notebook_with_the_d2l_kernel_imports_d2l(
    d2l_lab: LabServer, browser, screenshot_dir: Path
) -> None:
    page = browser.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{d2l_lab.url}/lab?reset&token={d2l_lab.token}")
        card = page.locator(".jp-LauncherCard[data-category='Notebook']", has_text=DISPLAY_NAME)
        card.wait_for(timeout=lab_ui.KERNEL_TIMEOUT_S * 1000)
        card.click()
        session = _wait_for_d2l_session(d2l_lab)
        page.locator(".jp-Notebook .jp-Cell .cm-content").first.click()
        page.keyboard.insert_text(CELL)  # inserted as typed text, without the editor closing brackets
        page.keyboard.press("Shift+Enter")
        output = page.locator(".jp-Notebook .jp-OutputArea-output").first
        output.wait_for(timeout=D2L_IMPORT_TIMEOUT_MS)
        lab_ui.wait_for_idle_kernel(d2l_lab, session["path"], timeout=D2L_IMPORT_TIMEOUT_MS / 1000)
        text = page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-OutputArea").inner_text().strip()
        problems = lab_ui.cell_problems(page)
        kernel_shown = page.locator(".jp-Toolbar-kernelName").first.inner_text().strip()
        page.screenshot(path=str(screenshot_dir / "d2l-kernel.png"))
    finally:
        page.close()
        lab_ui.shut_down_kernels(d2l_lab)
    assert kernel_shown == DISPLAY_NAME, f"the notebook's toolbar names the kernel {kernel_shown!r}"
    assert not problems, problems
    assert EXPECTED_OUTPUT.fullmatch(text), f"the cell printed {text!r}, not torch 2.0.x and d2l.torch"
