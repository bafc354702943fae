"""The checks every dashboard must pass in the browser, each returning the problems it found."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page

from . import drag, lab_ui


def notebook_problems(page: Page) -> list[str]:
    """After a run: cells with errors, widgets that did not render, a notebook without a widget."""
    problems = lab_ui.cell_problems(page) + lab_ui.widget_problems(page)
    if not lab_ui.dashboards(page):
        problems.append("no widget is displayed although the notebook imports linreg_helpers.widgets")
    return problems


def screenshot_dashboards(page: Page, directory: Path, stem: str) -> list[Path]:
    """Save a picture of every dashboard as the learner sees it now (``stem-1.png``, ...)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, dashboard in enumerate(lab_ui.dashboards(page), start=1):
        dashboard.scroll_into_view_if_needed()
        lab_ui.wait_for_images(dashboard)
        path = directory / f"{stem}-{number}.png"
        dashboard.screenshot(path=str(path))
        paths.append(path)
    return paths


def control_problems(dashboard: Locator, timeout_ms: int = lab_ui.UPDATE_TIMEOUT_MS) -> list[str]:
    """Move every slider with the keyboard, change every dropdown and toggle group: each must
    bring a new plot within ``timeout_ms``. Returns one sentence per control that did not."""
    if not dashboard.locator(lab_ui.IMAGE).count():
        return ["a dashboard shows no plot image"]
    problems = []
    for slider in lab_ui.sliders(dashboard):
        before_value, before = slider.value, lab_ui.wait_for_images(dashboard)
        key = lab_ui.move_slider(slider)
        if slider.value == before_value:
            problems.append(f"slider {slider.label!r} did not move with ArrowRight or ArrowLeft")
        elif not lab_ui.wait_for_new_plot(dashboard, before, timeout_ms):
            problems.append(
                f"slider {slider.label!r} moved with {key} ({before_value} → {slider.value}) "
                "but the plot did not change"
            )
    for select in lab_ui.dropdowns(dashboard):
        before = lab_ui.wait_for_images(dashboard)
        choice = lab_ui.choose_another_option(select)
        if not lab_ui.wait_for_new_plot(dashboard, before, timeout_ms):
            problems.append(f"choosing {choice!r} in a dropdown did not change the plot")
    for group in lab_ui.toggle_groups(dashboard):
        before = lab_ui.wait_for_images(dashboard)
        choice = lab_ui.click_another_toggle(group)
        if not lab_ui.wait_for_new_plot(dashboard, before, timeout_ms):
            problems.append(f"clicking the toggle {choice!r} did not change the plot")
    return problems


def expectation_problems(
    dashboard: Locator,
    slider_label: str,
    key: str,
    expected_text: str,
    timeout_ms: int = lab_ui.UPDATE_TIMEOUT_MS,
) -> list[str]:
    """Press ``key`` on the slider labelled ``slider_label``: a new plot must arrive and the
    dashboard must then show ``expected_text``."""
    matching = [slider for slider in lab_ui.sliders(dashboard) if slider.label == slider_label]
    if not matching:
        labels = [slider.label for slider in lab_ui.sliders(dashboard)]
        return [f"no slider labelled {slider_label!r} (the sliders are {labels})"]
    slider = matching[0]
    before = lab_ui.wait_for_images(dashboard)
    slider.press(key)
    if not lab_ui.wait_for_new_plot(dashboard, before, timeout_ms):
        return [f"{key} on slider {slider_label!r} ({slider.value}) did not bring a new plot"]
    try:
        dashboard.get_by_text(expected_text).first.wait_for(timeout=timeout_ms)
    except lab_ui.PlaywrightTimeout:
        shown = " ".join(dashboard.inner_text().split())
        return [
            f"after {key} on slider {slider_label!r} ({slider.value}) the dashboard does not show "
            f"{expected_text!r}; it shows: {shown[:300]!r}"
        ]
    return []


MIN_FRAMES_WHILE_DRAGGED = 5
"""New plots a drag of about a second must show while the mouse moves: far fewer than the 20 a second
``make bench-widgets`` measures against (a test machine may be busy), far more than the one plot of a
slider that draws only on release."""


def drag_problems(page: Page, dashboard: Locator, seconds: float = 0.9) -> list[str]:
    """Drag every slider with the mouse (there, back and there again over 30 % of its track, so that even
    a slider with a dozen steps changes value often): plots must arrive while it moves, and the picture
    left after the release must be the released value's. Returns one sentence per slider that failed."""
    problems = []
    image = drag.instrument(dashboard)
    for slider in lab_ui.sliders(dashboard):
        slider.root.scroll_into_view_if_needed()
        track, handle = slider.root.locator(".noUi-target").bounding_box(), slider.handle.bounding_box()
        rightward = handle["x"] - track["x"] < 0.5 * track["width"]
        done = drag.drag(page, image, slider, 0.3 if rightward else -0.3, seconds, sweeps=3)
        if done.start_value == done.released_value:
            problems.append(f"dragging {done.label!r} did not change its value ({done.start_value})")
        # A slider with few values (4, say) changes only a few times: each change is a plot to expect.
        needed = min(MIN_FRAMES_WHILE_DRAGGED, max(done.value_changes - 1, 1))
        if done.frames_during < needed:
            problems.append(
                f"dragging {done.label!r} ({done.start_value} → {done.released_value}) for "
                f"{done.seconds:.1f} s showed {done.frames_during} new plot(s) while the mouse moved "
                f"(its value changed {done.value_changes} times; "
                f"at least {needed} plots expected)"
            )
        if not done.final_matches:
            problems.append(
                f"after dragging {done.label!r} to {done.released_value} the plot is not that value's"
            )
    return problems
