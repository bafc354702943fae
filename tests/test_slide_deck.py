"""The static decks (``tools/slide_deck.py``, ``make slides``): nothing loaded from the network, live widgets
replaced by a note, links between notebooks pointing to their decks. (The browser suite opens the decks.)"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools.slide_deck import WIDGET_NOTE, deck_notebook, export_deck, exporter
from tools.slide_layout import WIDGET_VIEW

# Where a page loads code or style from: script and link elements, and ES module imports.
LOADED = re.compile(
    r"""<script[^>]*\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)"|\bimport\s[^;'"]*from\s*['"]([^'"]+)"""
)


def _notebook() -> nbformat.NotebookNode:
    widget = new_output(
        "display_data", data={WIDGET_VIEW: {"model_id": "abc", "version_major": 2}, "text/plain": "VBox(...)"}
    )
    return new_notebook(
        cells=[
            new_markdown_cell("# Title\n\nSee [notebook 3](03_the_model.ipynb) and $y = Xw + b$.", id="t"),
            new_code_cell("dashboard()", id="w", execution_count=1, outputs=[widget]),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )


def test_a_deck_loads_everything_from_its_vendor_folder(tmp_path: Path) -> None:
    path = tmp_path / "en" / "02_x.ipynb"
    path.parent.mkdir()
    nbformat.write(_notebook(), path)
    html = export_deck(path, tmp_path / "deck.html", exporter(vendor="../vendor")).read_text(encoding="utf-8")
    loaded = [next(group for group in match if group) for match in LOADED.findall(html)]
    assert any(url.endswith("reveal.js/dist/reveal.css") for url in loaded)
    assert "../vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe" in loaded
    outside = [url for url in loaded if not url.startswith("../vendor/")]
    assert outside == []
    assert "mermaid" not in html


def test_the_deck_copy_notes_widgets_and_links_to_decks() -> None:
    notebook = _notebook()
    deck = deck_notebook(notebook)
    assert "](03_the_model.slides.html)" in deck.cells[0].source
    (output,) = deck.cells[1].outputs
    assert output.data == {"text/html": WIDGET_NOTE}
    assert WIDGET_VIEW in notebook.cells[1].outputs[0].data  # the notebook itself is untouched
