"""The static slide decks (``make slides``) in Chromium: open one, visit every slide, measure what overflows.

A slide overflows when its content is taller than the deck's slide height (reveal.js scales the whole
slide to the window, so what is taller than the deck is cut off at the bottom of the screen), or when a
line of code is wider than the slide (its block scrolls sideways). The checks return plain sentences, so
that one test reports every slide at once and the suite's own test can show that a problem is seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

VIEWPORT = {"width": 1280, "height": 720}
BONUS_HEADING = r"/^(bonus|拓展)/i"
"""A Bonus section's heading, as tools/slides.py recognizes it (English, Chinese)."""

# The deck's own reveal.js module: require.js returns the instance the deck started, when asked for the
# URL the deck loaded it from (found from its style sheet's link).
_REVEAL = """() => new Promise(resolve => {
    const css = document.querySelector('link[href$="dist/reveal.css"]').getAttribute('href');
    require([css.replace(/reveal\\.css$/, 'reveal.js')], resolve);
})"""

# The deck re-typesets the math of each slide it shows (MathJax, asynchronously): queue one more
# re-typesetting of a slide with math and wait until it is done (MathJax runs its queue in order).
_SETTLED = """slide => new Promise(resolve =>
    window.MathJax && slide.querySelector('script[type^="math/tex"]')
        ? MathJax.Hub.Queue(['Rerender', MathJax.Hub, slide], resolve) : resolve())"""

_READY = f"""async () => {{
    const Reveal = await ({_REVEAL})();
    for (let i = 0; i < 600 && !Reveal.isReady(); i++) await new Promise(resolve => setTimeout(resolve, 50));
    await new Promise(resolve => window.MathJax ? MathJax.Hub.Queue(resolve) : resolve());
    return Reveal.isReady();
}}"""

_MEASURE = f"""async () => {{
    const Reveal = await ({_REVEAL})();
    Reveal.configure({{transition: 'none', backgroundTransition: 'none'}});
    const deckHeight = Reveal.getConfig().height;
    const slides = [];
    let bonus = false;
    const columns = Reveal.getHorizontalSlides();
    for (let h = 0; h < columns.length; h++) {{
        const stacked = columns[h].querySelectorAll(':scope > section').length;
        for (let v = 0; v < Math.max(1, stacked); v++) {{
            Reveal.slide(h, v);
            const slide = Reveal.getCurrentSlide();
            await ({_SETTLED})(slide);
            const headings = [...slide.querySelectorAll('h1, h2')]
                .map(e => e.textContent.replace('¶', '').trim());
            bonus = bonus || headings.some(text => {BONUS_HEADING}.test(text));
            const wide = [...slide.querySelectorAll('pre')]
                .filter(pre => pre.scrollWidth > pre.clientWidth + 1);
            slides.push({{
                h, v, bonus, deckHeight,
                title: (headings[0] || slide.textContent.trim()).slice(0, 60),
                cells: [...slide.querySelectorAll('.jp-Cell')].map(cell => cell.id.replace('cell-id=', '')),
                height: slide.scrollHeight,
                wideLines: wide.map(pre => pre.textContent.split('\\n')
                    .reduce((a, b) => (b.length > a.length ? b : a), '').trim().slice(0, 60)),
            }});
        }}
    }}
    Reveal.slide(0, 0);
    return slides;
}}"""

_SHOW = f"""async ([h, v]) => {{
    const Reveal = await ({_REVEAL})();
    Reveal.slide(h, v);
    await ({_SETTLED})(Reveal.getCurrentSlide());
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}}"""


@dataclass(frozen=True)
class SlideSize:
    """One slide of a deck, measured: its position (column ``h``, row ``v``) and content height."""

    h: int
    v: int
    title: str
    cells: tuple[str, ...]
    """The ids of the notebook cells on the slide."""
    height: int
    deck_height: int
    core: bool
    """False from the first *Bonus* heading on (the Bonus sections come last, below the Summary)."""
    wide_lines: tuple[str, ...]


def open_deck(page: Page, deck: Path) -> None:
    """Open the deck file and wait until reveal.js has laid it out (at most 30 s)."""
    page.goto(deck.resolve().as_uri())
    page.wait_for_function("() => typeof require === 'function'", timeout=30_000)
    if not page.evaluate(_READY):
        raise TimeoutError(f"reveal.js did not start in {deck.name}")


def measure_slides(page: Page) -> list[SlideSize]:
    """Visit every slide of the open deck in order (``Reveal.slide(h, v)``) and measure it."""
    return [
        SlideSize(
            s["h"],
            s["v"],
            s["title"],
            tuple(s["cells"]),
            s["height"],
            s["deckHeight"],
            not s["bonus"],
            tuple(s["wideLines"]),
        )
        for s in page.evaluate(_MEASURE)
    ]


def overflow_problems(slides: list[SlideSize], core_only: bool = True) -> list[str]:
    """A sentence for each slide (of the core path, by default) whose content does not fit."""
    problems = []
    for slide in slides:
        if core_only and not slide.core:
            continue
        where = f"slide ({slide.h}, {slide.v}) {slide.title!r} (cells {', '.join(slide.cells)})"
        if slide.height > slide.deck_height:
            problems.append(
                f"{where} is {slide.height} px tall, {slide.height - slide.deck_height} px more than the "
                f"{slide.deck_height} px slide"
            )
        for line in slide.wide_lines:
            problems.append(f"{where} has a code line wider than the slide: {line!r}")
    return problems


def show_slide(page: Page, h: int, v: int) -> None:
    """Go to slide ``(h, v)`` and wait until it is drawn."""
    page.evaluate(_SHOW, [h, v])
