"""How tall a notebook cell is on a slide of the static deck: an estimate from its source and outputs.

The numbers in :data:`LAYOUT` (line heights, margins, characters per line) were measured in Chromium on
the decks ``make slides`` builds at 1280×720 (``tools/slide_deck.py`` writes the deck's CSS from the same
type sizes); single cells come out within about 5 % of their measured height. ``tools/slides.py`` uses the
estimate to decide where a slide is full; the browser suite measures the real slides.
"""

from __future__ import annotations

import base64
import math
import re
import struct
import unicodedata
from dataclasses import dataclass
from typing import Any

Cell = dict[str, Any]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class DeckLayout:
    """The static deck's geometry and type sizes (CSS px), and the sizes of its parts measured in Chromium
    (nbconvert's lab CSS with these type sizes; Debian's default fonts)."""

    width: int = 1280
    height: int = 720
    text_px: int = 17
    code_px: int = 15
    image_max_px: int = 330
    text_line_px: float = 22.1
    text_chars_per_line: int = 125
    """Fewer than the 136 that fit: words wrap before the line is full."""
    quote_share: float = 0.88
    """A quoted line's share of the characters per line (the quote's indent and border)."""
    block_gap_px: float = 20.0
    markdown_padding_px: float = 39.0
    heading_line_px: tuple[float, float, float] = (51.0, 32.6, 26.0)
    heading_chars_per_line: tuple[int, int, int] = (48, 80, 100)
    table_row_px: float = 28.0
    details_px: float = 36.0
    """A folded ``<details>`` block: its summary line."""
    code_line_px: float = 18.0
    code_chars_per_line: int = 135
    code_input_padding_px: float = 19.0
    output_padding_px: float = 18.0
    image_padding_px: float = 15.0
    cell_padding_px: float = 10.0
    widget_px: float = 420.0
    """A live dashboard's height on a slide (sliders and plots); the static deck shows a one-line note."""
    fill: float = 0.93
    """The share of the slide height that units may fill: room for the estimate's error."""

    def heading_height(self, level: int, chars: int) -> float:
        """Height of a heading of ``level`` with ``chars`` visible characters, wrapped, with its margin."""
        index = min(level, 3) - 1
        lines = _wrapped(chars, self.heading_chars_per_line[index])
        return lines * self.heading_line_px[index] + self.block_gap_px * (1.25 if level == 1 else 0.8)

    @property
    def budget(self) -> float:
        """The estimated height a slide may hold."""
        return self.height * self.fill


LAYOUT = DeckLayout()


def source(cell: Cell) -> str:
    """A cell's source as one string (the .ipynb format allows a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


_MARKUP = re.compile(r"\*\*|__|`|\\[a-zA-Z]+|[{}$]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


def _visible_length(text: str) -> int:
    """Width of a line of markdown as shown, in Latin characters (links reduced to their text, markup and
    tags removed; a Chinese character counts as two)."""
    shown = _MARKUP.sub("", _TAG.sub("", _LINK.sub(r"\1", text))).strip()
    return len(shown) + sum(unicodedata.east_asian_width(char) in "WF" for char in shown)


def _wrapped(length: int, chars_per_line: int) -> int:
    return max(1, math.ceil(length / chars_per_line))


def _table_row_lines(line: str, chars_per_line: int) -> int:
    """Lines of a table row: its longest cell wrapped in a column's share of the width."""
    cells = [cell for cell in line.strip().strip("|").split("|")]
    column_chars = max(8, chars_per_line // max(1, len(cells)))
    return max(_wrapped(_visible_length(cell), column_chars) for cell in cells)


def markdown_height(text: str, layout: DeckLayout = LAYOUT) -> float:
    """Estimated height (px) of a rendered markdown cell on a slide: its blocks, and the gaps between.

    Blocks are paragraphs, list items and table rows (no gap between two items or two rows), headings,
    fenced code and folded ``<details>``; a quoted block (``>``) wraps a little earlier.
    """
    blocks: list[tuple[str, float]] = []  # (kind, height)
    paragraph: list[str] = []
    kind = "p"
    chars_per_line = layout.text_chars_per_line

    def flush() -> None:
        if paragraph:
            lines = _wrapped(_visible_length(" ".join(paragraph)), chars_per_line)
            blocks.append((kind, lines * layout.text_line_px))
            paragraph.clear()

    in_details = in_fence = False
    fence_lines = 0
    for raw in text.splitlines():
        line = raw.strip()
        if in_fence:
            in_fence = not line.startswith("```")
            fence_lines += in_fence
            if not in_fence:
                blocks.append(("pre", fence_lines * layout.code_line_px + layout.code_input_padding_px))
            continue
        if "<details" in line:  # folded: only its summary line shows
            flush()
            in_details = True
            blocks.append(("details", layout.details_px))
        if in_details:
            in_details = "</details>" not in line
            continue
        quoted = line.startswith(">")
        line = line.lstrip(">").strip()
        if quoted != (chars_per_line < layout.text_chars_per_line):
            flush()
            chars_per_line = int(layout.text_chars_per_line * (layout.quote_share if quoted else 1.0))
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if line.startswith("```"):
            flush()
            in_fence, fence_lines = True, 0
        elif not line or _TAG.fullmatch(line) or re.fullmatch(r"\|?[\s|:-]+\|?", line):
            flush()  # a blank line, an anchor, a table's rule
            kind = "p"
        elif heading:
            flush()
            level_height = layout.heading_height(len(heading.group(1)), _visible_length(heading.group(2)))
            blocks.append(("h", level_height - layout.block_gap_px))
        elif line.startswith("|"):
            flush()
            blocks.append(("tr", layout.table_row_px * _table_row_lines(line, chars_per_line)))
        elif _LIST_ITEM.match(line):
            flush()
            kind = "li"
            paragraph.append(_LIST_ITEM.sub("", line))
        else:
            paragraph.append(line)
    flush()
    gaps = sum(
        0.0 if before == after and after in ("li", "tr") else layout.block_gap_px
        for (before, _), (after, _) in zip(blocks, blocks[1:], strict=False)
    )
    return sum(height for _, height in blocks) + gaps + layout.markdown_padding_px


def _text_lines(text: str, chars_per_line: int) -> int:
    return sum(_wrapped(len(line), chars_per_line) for line in text.rstrip("\n").split("\n"))


def _png_height(data: str | list[str], layout: DeckLayout) -> float:
    raw = base64.b64decode("".join(data) if isinstance(data, list) else data)
    width, height = struct.unpack(">II", raw[16:24])  # the IHDR chunk: width, height
    scaled = height * min(1.0, (layout.width - 40) / width)
    return min(scaled, layout.image_max_px)


def output_height(output: dict[str, Any], layout: DeckLayout = LAYOUT) -> float:
    """Estimated height (px) of one output of a code cell."""
    if output.get("output_type") == "stream":
        text = "".join(output.get("text", ""))
        return _text_lines(text, layout.code_chars_per_line) * layout.code_line_px + layout.output_padding_px
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        return layout.widget_px
    if "image/png" in data:
        return _png_height(data["image/png"], layout) + layout.image_padding_px
    if "text/plain" in data:
        text = "".join(data["text/plain"])
        return _text_lines(text, layout.code_chars_per_line) * layout.code_line_px + layout.output_padding_px
    return 0.0


def cell_height(cell: Cell, layout: DeckLayout = LAYOUT) -> float:
    """Estimated height (px) of ``cell`` on a slide of the static deck (prompts hidden)."""
    if cell.get("cell_type") == "markdown":
        return markdown_height(source(cell), layout)
    if cell.get("cell_type") != "code":
        return layout.cell_padding_px
    lines = _text_lines(source(cell), layout.code_chars_per_line)
    height = lines * layout.code_line_px + layout.code_input_padding_px + layout.cell_padding_px
    return height + sum(output_height(output, layout) for output in cell.get("outputs", []))
