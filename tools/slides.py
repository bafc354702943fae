"""Slide metadata for the notebooks, derived from their structure by rules, never set by hand.

Each cell's ``metadata.slideshow.slide_type`` is what JupyterLab's presentation mode
(jupyterlab-slideshow) and ``jupyter nbconvert --to slides`` (``make slides``) read. The rules, in
order of precedence:

1. A solution (a cell tagged ``solution``) is ``skip``: a slide shows the exercise, not its answer.
2. The setup cell (the first code cell: imports, style, seeds, the data) is ``skip``: it is plumbing, not a
   point of the lesson, and at 30 to 45 lines it cannot fit a slide. Run the notebook (*Run All*) before
   presenting: skipped cells run too.
3. The title (the first cell) is a ``slide``.
4. A markdown cell with a level-2 heading (``## …``) opens a section: a ``slide`` (a new column of the
   deck); a *Bonus* section (``## Bonus…``, in Chinese ``## 拓展…``) is a ``subslide`` instead, so the
   Bonus sections stack below the Summary, off the core path that the right arrow follows.
5. Inside a section, a code cell and the markdown cells before it (its introduction) form a unit, kept on
   one slide; units follow each other on a slide while it has room, and a unit that would not fit starts a
   ``subslide`` (below, in the same column). A unit too tall for any slide is spread over subslides cell by
   cell; a cell too tall alone gets a subslide to itself (``--write`` names it: split the cell).
6. Every other cell is ``-``: it continues the slide above it. Such a cell stores no ``slideshow`` key
   (``-`` is the default everywhere, and jupyterlab-slideshow 0.3.4 shows an empty deck when cells store
   ``-`` explicitly).

"Room" is measured by an estimate of each cell's height in the static deck (``tools/slide_layout.py``),
the tallest of its translations (``notebooks/en/x.ipynb`` and ``notebooks/zh/x.ipynb`` have the same cells
and must have the same slides: ``tests/test_translation_parity.py``);
the browser suite (``tests/browser/test_browser_slides.py``) measures the real slides in Chromium.

Run from the repository root: ``python -m tools.slides --write notebooks/*/*.ipynb`` (``--check`` only
reports); ``tests/test_slides.py`` fails when the stored metadata differs from what the rules derive.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .slide_layout import LAYOUT, DeckLayout, cell_height, source

SlideType = Literal["slide", "subslide", "fragment", "skip", "notes", "-"]
Cell = dict[str, Any]
Notebook = dict[str, Any]

CONTINUE: SlideType = "-"
WRITE_COMMAND = ".venv/bin/python -m tools.slides --write notebooks/*/*.ipynb"
SOLUTION_TAG = "solution"
SECTION_HEADING = re.compile(r"^##[ \t]+(.+)$", re.MULTILINE)
BONUS = re.compile(r"^(?:bonus\b|拓展)", re.IGNORECASE)
"""How a Bonus section's heading starts, in each language of the set (English, Chinese)."""
LANGUAGE_FOLDER = re.compile(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?")
"""A folder of one language's notebooks: ``notebooks/en``, ``notebooks/zh``."""


# --- reading cells -----------------------------------------------------------------------------


def is_solution(cell: Cell) -> bool:
    """Whether ``cell`` is tagged ``solution`` (an exercise's answer, folded or hidden)."""
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def section_heading(cell: Cell) -> str | None:
    """The text of the first level-2 heading of a markdown cell, or None."""
    if cell.get("cell_type") != "markdown":
        return None
    match = SECTION_HEADING.search(source(cell))
    return match.group(1).strip() if match else None


def setup_cell_index(cells: Sequence[Cell]) -> int | None:
    """Index of the first code cell (the notebook's imports and seeds, by convention), or None."""
    return next((i for i, cell in enumerate(cells) if cell.get("cell_type") == "code"), None)


# --- the rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlidePlan:
    """The slide type of every cell, and the cells that are too tall for a slide even alone."""

    types: list[SlideType]
    too_tall: dict[int, float]
    """Index of each cell estimated taller than a slide, with its estimated height (px)."""


def _units(cells: Sequence[Cell], indices: Sequence[int]) -> list[list[int]]:
    """Split a section's shown cells into units: markdown cells up to and including a code cell."""
    units: list[list[int]] = []
    current: list[int] = []
    for index in indices:
        current.append(index)
        if cells[index].get("cell_type") == "code":
            units.append(current)
            current = []
    if current:
        units.append(current)
    return units


def translations_of(path: Path) -> list[Notebook]:
    """The same notebook in the set's other languages (``notebooks/zh/x.ipynb`` beside ``notebooks/en/…``)."""
    if not LANGUAGE_FOLDER.fullmatch(path.parent.name):
        return []
    return [
        json.loads(other.read_text(encoding="utf-8"))
        for other in sorted(path.parent.parent.glob(f"*/{path.name}"))
        if LANGUAGE_FOLDER.fullmatch(other.parent.name) and other.parent != path.parent
    ]


def _heights(cells: Sequence[Cell], translations: Sequence[Notebook], layout: DeckLayout) -> list[float]:
    """Each cell's estimated height; the tallest of its versions when translations (same cells) are given."""
    versions = [cells] + [other["cells"] for other in translations if len(other["cells"]) == len(cells)]
    return [max(cell_height(version[i], layout) for version in versions) for i in range(len(cells))]


def plan_slides(
    notebook: Notebook, layout: DeckLayout = LAYOUT, translations: Sequence[Notebook] = ()
) -> SlidePlan:
    """Derive every cell's slide type from the notebook's structure (see the module's docstring).

    With ``translations`` (the same notebook in other languages, cell for cell), a cell's height is its
    tallest version's, so that every language gets the same slides and each fits.
    """
    cells = notebook.get("cells", [])
    types: list[SlideType] = [CONTINUE] * len(cells)
    setup = setup_cell_index(cells)
    sections: list[list[int]] = []  # shown cells, split where a section (or the title) starts
    for index, cell in enumerate(cells):
        if is_solution(cell) or index == setup:
            types[index] = "skip"
            continue
        heading = section_heading(cell)
        if index == 0 or heading is not None or not sections:
            is_bonus = index > 0 and heading is not None and BONUS.match(heading) is not None
            types[index] = "subslide" if is_bonus else "slide"
            sections.append([])
        sections[-1].append(index)
    heights = _heights(cells, translations, layout)
    too_tall = {i: heights[i] for i in range(len(cells)) if types[i] != "skip" and heights[i] > layout.height}
    for section in sections:
        _pack(section, cells, heights, types, layout)
    return SlidePlan(types, too_tall)


def _pack(
    section: list[int],
    cells: Sequence[Cell],
    heights: list[float],
    types: list[SlideType],
    layout: DeckLayout,
) -> None:
    """Mark the cells of one section that start a subslide (its first cell's type is already set)."""
    filled = 0.0  # estimated height already on the current slide
    for number, unit in enumerate(_units(cells, section)):
        unit_height = sum(heights[i] for i in unit)
        if filled + unit_height <= layout.budget:
            filled += unit_height
            continue
        if number > 0:  # the unit opens a subslide of its own
            types[unit[0]] = "subslide"
            filled = 0.0
            if unit_height <= layout.budget:
                filled = unit_height
                continue
        for index in unit:  # too tall for one slide: spread cell by cell
            if filled > 0 and filled + heights[index] > layout.budget:
                types[index] = "subslide"
                filled = 0.0
            filled += heights[index]


def stored_slide_types(notebook: Notebook) -> list[str | None]:
    """The slide type stored in each cell's metadata (None where there is none)."""
    return [cell.get("metadata", {}).get("slideshow", {}).get("slide_type") for cell in notebook["cells"]]


def _to_store(slide_type: SlideType) -> str | None:
    """What a cell stores for ``slide_type``: nothing for ``-`` (see the module's docstring)."""
    return None if slide_type == CONTINUE else slide_type


def differences(
    notebook: Notebook, layout: DeckLayout = LAYOUT, translations: Sequence[Notebook] = ()
) -> list[str]:
    """A sentence for every cell whose stored slide type differs from the derived one; [] if none."""
    derived = [_to_store(slide_type) for slide_type in plan_slides(notebook, layout, translations).types]
    return [
        f"cell {number} (id {cell.get('id')!r}): stored {stored!r}, the rules say {wanted!r}"
        for number, (cell, stored, wanted) in enumerate(
            zip(notebook["cells"], stored_slide_types(notebook), derived, strict=True), start=1
        )
        if stored != wanted
    ]


def apply_slide_types(
    notebook: Notebook, layout: DeckLayout = LAYOUT, translations: Sequence[Notebook] = ()
) -> SlidePlan:
    """Store the derived slide types in the cells' metadata (nothing else changes); return the plan."""
    plan = plan_slides(notebook, layout, translations)
    for cell, slide_type in zip(notebook["cells"], plan.types, strict=True):
        metadata = cell.setdefault("metadata", {})
        if slide_type == CONTINUE:
            metadata.pop("slideshow", None)
        else:
            metadata["slideshow"] = {"slide_type": slide_type}
    return plan


def dumps(notebook: Notebook) -> str:
    """The notebook as Jupyter writes it (indent 1, sorted keys, UTF-8 as is, final newline)."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``--write`` or ``--check`` the given notebooks; exit 1 if a check finds a difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="store the derived slide types in the notebooks")
    mode.add_argument("--check", action="store_true", help="only report notebooks whose metadata differs")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebooks:
        text = path.read_text(encoding="utf-8")
        notebook, translations = json.loads(text), translations_of(path)
        if args.check:
            problems = differences(notebook, translations=translations)
            if problems:
                status = 1
                print(f"{path}: slide metadata differs from the rules:\n  " + "\n  ".join(problems))
            continue
        plan = apply_slide_types(notebook, translations=translations)
        new_text = dumps(notebook)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            print(f"{path}: slide metadata written")
        for index, height in plan.too_tall.items():
            cell_id = notebook["cells"][index].get("id")
            print(
                f"{path}: cell {index + 1} (id {cell_id!r}) is about {height:.0f} px tall, more than a "
                f"{LAYOUT.height} px slide: it has a subslide of its own but still overflows (split the cell)"
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
