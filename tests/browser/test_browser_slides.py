"""The slides, as a teacher shows them: the static decks of ``make slides`` on a 1280×720 screen, and the
live deck in JupyterLab (jupyterlab-slideshow), where a widget works on its slide.

The decks are built here (``tools.slide_deck.build``, what ``make slides`` runs) into a temporary folder;
a picture of each section of the English core path (its first slide), and of any slide too tall, goes
to ``build/screenshots/slides/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from tools import slide_deck

from . import lab_ui, slide_checks
from .notebook_copies import NOTEBOOKS

# Cells too tall for a 1280x720 slide even alone (tools/slides.py gives each a slide of its own; only a
# change of content can make them fit, by splitting the cell), with the height measured when listed.
# A listed cell that fits again fails the test, so that the list stays true.
KNOWN_TOO_TALL: set[tuple[str, str]] = set()
"""Cells of the core path too tall for a slide even alone, as (deck, cell id): none since 01's title cell
and 04's hidden-layer cell were split."""
LIVE_NOTEBOOK = "en/02_synthetic_data.ipynb"
PICTURED = "en/"
"""Decks whose core sections are pictured, each at its first slide (every slide too tall is pictured)."""


@pytest.fixture(scope="module")
def decks(no_process_left_behind: None, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every notebook's static deck, built as ``make slides`` builds them."""
    return slide_deck.build(NOTEBOOKS, tmp_path_factory.mktemp("slides"))


@pytest.fixture
def slide_page(browser) -> Iterator[Page]:
    """A tab at the projector's size, 1280x720, that fails on any request leaving the deck's folder."""
    tab = browser.new_page()
    tab.set_viewport_size(slide_checks.VIEWPORT)
    outside: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_files)
    try:
        yield tab
    finally:
        tab.close()
    assert not outside, f"a deck asked the network for {outside}"


@pytest.fixture(scope="module")
def slide_screenshots(screenshot_dir: Path) -> Path:
    """``build/screenshots/slides`` (created when needed)."""
    folder = screenshot_dir / "slides"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_every_core_slide_fits_a_1280x720_screen(
    decks: list[Path], slide_page: Page, slide_screenshots: Path
) -> None:
    problems, still_too_tall = [], set()
    for deck in decks:
        name = deck.relative_to(deck.parents[1]).as_posix().removesuffix(".slides.html")
        slide_checks.open_deck(slide_page, deck)
        slides = slide_checks.measure_slides(slide_page)
        assert slides and slides[0].core, f"{name}: no slides, or the first is not on the core path"
        for slide in slides:
            found = slide_checks.overflow_problems([slide])
            if (slide.core and slide.v == 0 and name.startswith(PICTURED)) or found:
                slide_checks.show_slide(slide_page, slide.h, slide.v)
                picture = f"{name.replace('/', '-')}-{slide.h:02d}-{slide.v}.png"
                slide_page.screenshot(path=slide_screenshots / picture)
            known = len(slide.cells) == 1 and (name, slide.cells[0]) in KNOWN_TOO_TALL
            if known and found:
                still_too_tall.add((name, slide.cells[0]))
            else:
                problems += [f"{name}: {problem}" for problem in found]
    fitting_again = KNOWN_TOO_TALL - still_too_tall
    assert not fitting_again, f"these cells fit a slide now: remove them from KNOWN_TOO_TALL: {fitting_again}"
    assert not problems, "slides that do not fit 1280x720:\n" + "\n".join(problems)


def test_the_overflow_check_sees_a_slide_too_tall_or_too_wide(
    tmp_path: Path, slide_page: Page, decks: list[Path]
) -> None:
    cells = [
        {
            "cell_type": "markdown",
            "id": "title",
            "metadata": {"slideshow": {"slide_type": "slide"}},
            "source": "Hi.",
        },
        {
            "cell_type": "markdown",
            "id": "long",
            "metadata": {"slideshow": {"slide_type": "slide"}},
            "source": "\n\n".join(f"Paragraph {i}." for i in range(40)),
        },
        {
            "cell_type": "code",
            "id": "wide",
            "metadata": {"slideshow": {"slide_type": "slide"}},
            "execution_count": 1,
            "outputs": [],
            "source": "x = " + " + ".join(["1"] * 120),
        },
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    source = tmp_path / "src" / "xx" / "overlong.ipynb"
    source.parent.mkdir(parents=True)
    source.write_text(json.dumps(notebook), encoding="utf-8")
    # the runtime (reveal.js, ...) comes from the decks' build: no second npm install
    (deck,) = slide_deck.build(source.parents[1], tmp_path / "out", node_modules=slide_deck.install_runtime())
    slide_checks.open_deck(slide_page, deck)
    problems = slide_checks.overflow_problems(slide_checks.measure_slides(slide_page))
    assert len(problems) == 2, problems
    assert "slide (1, 0)" in problems[0] and "px more than the 720 px slide" in problems[0]
    assert "slide (2, 0)" in problems[1] and "code line wider than the slide" in problems[1]


def test_live_slides_show_a_working_widget(lab, page: Page, slide_screenshots: Path) -> None:
    page.set_viewport_size(slide_checks.VIEWPORT)
    lab_ui.open_in_lab(page, lab, LIVE_NOTEBOOK)
    lab_ui.run_all_cells(page, lab, LIVE_NOTEBOOK)
    (board,) = lab_ui.dashboards(page)
    widget_cell = page.locator(".jp-Notebook .jp-Cell").filter(has=board)
    widget_cell.locator(".jp-InputPrompt").first.click()  # the deck opens at the selected cell's slide
    page.locator('[data-command="deck:toggle"]').first.click()
    stop = page.locator(".jp-deck-mod-stop")
    try:
        stop.wait_for(timeout=20_000)
        assert "jp-deck-mod-onscreen" in (widget_cell.get_attribute("class") or "")
        title_cell = page.locator(".jp-Notebook .jp-Cell").first
        assert "jp-deck-mod-visible" not in (title_cell.get_attribute("class") or ""), (
            "not a slide: all shown"
        )
        (slider, *_) = lab_ui.sliders(board)
        slider.handle.scroll_into_view_if_needed()
        before = lab_ui.wait_for_images(board)
        slider.press("ArrowRight")
        moved = lab_ui.wait_for_new_plot(board, before)
        page.screenshot(path=slide_screenshots / "live-02_synthetic_data.png")
        assert moved, f"the slider {slider.label!r} on the slide brought no new plot"
        assert not lab_ui.cell_problems(page)
    finally:
        if stop.count():
            stop.first.click()
    assert page.locator(".jp-deck-mod-visible").count() == 0, "the presentation did not stop"
