"""What a learner does in the browser, as Playwright steps: open, run all, look, move a control.

The checks return lists of problems (plain sentences) instead of asserting, so that one test can
report everything wrong with a notebook at once and the suite's own tests can check that a
problem is noticed.
"""

from __future__ import annotations

import json
import time
import urllib.request
from dataclasses import dataclass

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .lab_server import LabServer

KERNEL_TIMEOUT_S = 120.0
RUN_TIMEOUT_S = 240.0
UPDATE_TIMEOUT_MS = 20_000
WIDGET_PLACEHOLDERS = ("Loading widget", "Error displaying widget")

OUTPUT = ".jp-OutputArea-output"
# Top-level outputs only: an ipywidgets Output inside a dashboard holds output areas of its own.
DASHBOARD = f".jp-Cell-outputArea > .jp-OutputArea-child > {OUTPUT}:has(.jupyter-widgets)"
SLIDER = ".widget-slider"
HANDLE = ".noUi-handle"
IMAGE = "img.linreg-frame-image"


# --- the kernel, through the server's REST API (the same for JupyterLab and Notebook 7) ---------


def _api(server: LabServer, path: str, method: str = "GET") -> object:
    request = urllib.request.Request(f"{server.url}/api/{path}?token={server.token}", method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def wait_for_idle_kernel(server: LabServer, notebook: str, timeout: float = KERNEL_TIMEOUT_S) -> None:
    """Wait until the kernel of ``notebook`` (path relative to the root) has started and is idle."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for session in _api(server, "sessions"):
            if session["path"] == notebook and session["kernel"]["execution_state"] == "idle":
                return
        time.sleep(0.5)
    raise TimeoutError(f"the kernel of {notebook} was not idle after {timeout:.0f} s")


def shut_down_kernels(server: LabServer) -> None:
    """End every session, so a finished test's kernel does not keep the CPU busy."""
    for session in _api(server, "sessions"):
        _api(server, f"sessions/{session['id']}", method="DELETE")


# --- opening and running ---------------------------------------------------------------------


def open_in_lab(page: Page, server: LabServer, notebook: str) -> None:
    """Open ``notebook`` in JupyterLab and wait for its kernel."""
    page.goto(server.lab_url(notebook))
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=KERNEL_TIMEOUT_S * 1000)
    wait_for_idle_kernel(server, notebook)


def run_all_cells(page: Page, server: LabServer, notebook: str) -> None:
    """Menu Run → Run All Cells, as a learner does; wait until the run stopped."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    wait_until_run_finished(page, server, notebook)


def wait_until_run_finished(page: Page, server: LabServer, notebook: str) -> None:
    """Wait until every code cell has an execution count, or the run stopped at an error.

    A cell whose input is folded (a solution) shows an empty placeholder prompt: it is not counted."""
    page.wait_for_function(
        """() => {
            const shown = '.jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)';
            const prompts = [...document.querySelectorAll(shown)].map(p => p.textContent.trim());
            if (prompts.length === 0 || prompts.some(p => p.includes('*'))) return false;
            const stderr = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';
            return prompts.every(p => /\\[\\d+\\]/.test(p)) || document.querySelector(stderr) !== null;
        }""",
        timeout=RUN_TIMEOUT_S * 1000,
        polling=250,
    )
    wait_for_idle_kernel(server, notebook)


# --- looking ---------------------------------------------------------------------------------


def cell_problems(page: Page) -> list[str]:
    """Error tracebacks and other stderr outputs (warnings) shown under any cell."""
    problems = []
    stderr = page.locator(f'{OUTPUT}[data-mime-type="application/vnd.jupyter.stderr"]')
    for index in range(stderr.count()):
        text = stderr.nth(index).inner_text().strip()
        kind = "an error" if "Traceback" in text or "Error" in text else "stderr output"
        problems.append(f"a cell shows {kind}: {_shorten(text)}")
    return problems


def widget_problems(page: Page, settle_ms: int = 10_000) -> list[str]:
    """Widgets that did not render: placeholders still shown once the page had time to settle."""
    placeholder = page.locator(OUTPUT, has_text=WIDGET_PLACEHOLDERS[0]).or_(
        page.locator(OUTPUT, has_text=WIDGET_PLACEHOLDERS[1])
    )
    deadline = time.monotonic() + settle_ms / 1000
    while placeholder.count() and time.monotonic() < deadline:
        time.sleep(0.25)
    return [
        f"a widget did not render: {_shorten(placeholder.nth(i).inner_text())}"
        for i in range(placeholder.count())
    ]


def dashboards(page: Page) -> list[Locator]:
    """The outputs that hold widgets, in notebook order."""
    found = page.locator(DASHBOARD)
    return [found.nth(i) for i in range(found.count())]


def image_sources(dashboard: Locator) -> list[str]:
    """The ``src`` of every plot image of a dashboard (a blob URL per frame the page keeps)."""
    return dashboard.locator(IMAGE).evaluate_all("images => images.map(img => img.src)")


def wait_for_images(dashboard: Locator) -> list[str]:
    """Wait until every plot image of ``dashboard`` is loaded and not empty; return their sources."""
    dashboard.locator(IMAGE).first.wait_for(timeout=UPDATE_TIMEOUT_MS)
    dashboard.page.wait_for_function(
        "images => images.every(img => img.complete && img.naturalWidth > 0)",
        arg=dashboard.locator(IMAGE).element_handles(),
        timeout=UPDATE_TIMEOUT_MS,
    )
    return image_sources(dashboard)


def wait_for_new_plot(dashboard: Locator, before: list[str], timeout_ms: int = UPDATE_TIMEOUT_MS) -> bool:
    """Wait until an image of ``dashboard`` shows a new, loaded plot; False if none arrived in time."""
    try:
        dashboard.page.wait_for_function(
            """([images, before]) => images.some((img, i) =>
                   img.src !== before[i] && img.complete && img.naturalWidth > 0)""",
            arg=[dashboard.locator(IMAGE).element_handles(), before],
            timeout=timeout_ms,
            polling="raf",
        )
    except PlaywrightTimeout:
        return False
    return True


# --- controls --------------------------------------------------------------------------------


@dataclass
class Slider:
    """One slider of a dashboard, found by its label."""

    label: str
    root: Locator

    @property
    def handle(self) -> Locator:
        return self.root.locator(HANDLE)

    @property
    def value(self) -> str:
        """The value as the readout shows it."""
        return self.root.locator(".widget-readout").inner_text().strip()

    def press(self, key: str) -> None:
        """Focus the handle and press ``key`` (ArrowRight, ArrowLeft, Home, End, PageUp…)."""
        self.handle.focus()
        self.handle.press(key)

    def type_value(self, text: str) -> None:
        """Type ``text`` into the readout and press Enter (Notebook 7, where arrows may not work)."""
        readout = self.root.locator(".widget-readout")
        readout.click()
        readout.press("Control+A")
        readout.press_sequentially(text)
        readout.press("Enter")


def sliders(dashboard: Locator) -> list[Slider]:
    """The sliders of a dashboard with their labels."""
    found = dashboard.locator(SLIDER)
    return [
        # text_content, not inner_text: a cell JupyterLab has not laid out yet has no rendered text
        Slider((found.nth(i).locator(".widget-label").text_content() or "").strip(), found.nth(i))
        for i in range(found.count())
    ]


def move_slider(slider: Slider) -> str:
    """Move ``slider`` one step as a person would (right, or left at the right end); return the key."""
    before = slider.value
    slider.press("ArrowRight")
    if slider.value != before:
        return "ArrowRight"
    slider.press("ArrowLeft")
    return "ArrowLeft"


def dropdowns(dashboard: Locator) -> list[Locator]:
    """The ``<select>`` of each dropdown of a dashboard."""
    found = dashboard.locator(".widget-dropdown select")
    return [found.nth(i) for i in range(found.count())]


def choose_another_option(select: Locator) -> str:
    """Select an option other than the current one (the next, or the first at the end); return it."""
    options = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    current = select.input_value()
    choice = options[(options.index(current) + 1) % len(options)]
    select.select_option(choice)
    return choice


def toggle_groups(dashboard: Locator) -> list[Locator]:
    """The groups of toggle buttons of a dashboard."""
    found = dashboard.locator(".widget-toggle-buttons")
    return [found.nth(i) for i in range(found.count())]


def click_another_toggle(group: Locator) -> str:
    """Click a toggle button that is not active; return its text."""
    button = group.locator("button:not(.mod-active)").first
    text = button.inner_text().strip()
    button.click()
    return text


def _shorten(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
