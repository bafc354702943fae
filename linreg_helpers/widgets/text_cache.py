"""An Agg canvas that keeps the text it drew as pixels: a live figure redraws the same strings every frame.

Drawing a string costs FreeType a layout and one rasterization per glyph, and a live frame draws dozens
(tick labels, titles, legends). :class:`TextCachingRenderer` records, the first time a string is drawn
at a given position in a given font, the glyph images Agg blends onto the canvas, and on later frames
blends those same images again: the same calls with the same arguments, so the pixels are those of an
uncached draw. It also remembers each font's line metrics, which matplotlib (3.10 and later) looks up
in the font's tables for every text on every frame.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.font_manager import fontManager, get_font

KEPT_TEXTS = 4096
"""How many drawn strings a renderer keeps (newest first): a few hundred glyph images per frame."""


class _Recorder:
    """Stands in for the Agg core while a string is drawn: passes every call on, keeps a copy of each
    glyph image blended, and notes any other kind of call (such a string is not kept)."""

    def __init__(self, core: Any) -> None:
        self.core = core
        self.glyphs: list[tuple[np.ndarray, int, int, float]] = []
        self.other_calls = False

    def draw_text_image(self, image: Any, x: int, y: int, angle: float, gc: Any) -> None:
        self.glyphs.append((np.array(image, dtype=np.uint8, copy=True), x, y, angle))
        self.core.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name: str) -> Any:
        self.other_calls = True  # boxes of mathtext fractions, say: drawn, but the string is not kept
        return getattr(self.core, name)


class TextCachingRenderer(RendererAgg):
    """``RendererAgg`` that draws a string it has drawn before (same text, font, position, angle and
    text settings) from the glyph images it kept."""

    def __init__(self, width: float, height: float, dpi: float) -> None:
        super().__init__(width, height, dpi)
        self._texts: OrderedDict[Hashable, list] = OrderedDict()
        self._line_metrics: dict[Hashable, tuple] = {}
        self.text_hits = 0
        """Strings drawn from kept glyph images (for tests and benchmarks)."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):  # noqa: D102 (Agg's)
        key = _text_key(gc, x, y, s, prop, angle, ismath, mtext)
        glyphs = self._texts.get(key)
        if glyphs is None:
            recorder = _Recorder(self._renderer)
            self._renderer = recorder
            try:
                super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            finally:
                self._renderer = recorder.core
            if not recorder.other_calls:
                self._texts[key] = recorder.glyphs
                if len(self._texts) > KEPT_TEXTS:
                    self._texts.popitem(last=False)
            return
        self._texts.move_to_end(key)
        self.text_hits += 1
        for image, gx, gy, gangle in glyphs:
            # The gc is this draw's: its colour, alpha and clipping, as in an uncached draw.
            self._renderer.draw_text_image(image, gx, gy, gangle, gc)

    def _get_font_height_metrics(self, prop):
        # Matplotlib >= 3.10 asks the renderer for a font's ascent, descent and line gap before
        # reading them from the font's tables; this is that reading (Text._get_layout's), remembered.
        key = (_font_key(prop), self.dpi)
        if key not in self._line_metrics:
            self._line_metrics[key] = _font_height_metrics(prop, self.dpi)
        return self._line_metrics[key]


def _text_key(gc, x, y, s, prop, angle, ismath, mtext) -> Hashable:
    """Everything that decides which glyph images a string gives and where: two equal keys draw alike.
    The colour, alpha and clipping are not in it: they come from the gc when the images are blended."""
    features = language = None
    if mtext is not None and hasattr(mtext, "get_fontfeatures"):  # matplotlib >= 3.10
        features, language = mtext.get_fontfeatures(), mtext.get_language()
        features = tuple(features) if features is not None else None
    rc = mpl.rcParams
    settings = tuple(rc[name] for name in ("text.hinting", "text.hinting_factor", "text.antialiased"))
    settings += (rc["text.kerning_factor"],)
    return (s, ismath, _font_key(prop), x, y, angle, gc.get_antialiased(), settings, features, language)


def _font_key(prop) -> Hashable:
    """What picks the font and its size (matplotlib compares font properties by their hash)."""
    return (
        tuple(prop.get_family()),
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
        prop.get_math_fontfamily(),
    )


def _font_height_metrics(prop, dpi: float) -> tuple:
    """A font's ascent, descent and line gap in pixels, read as ``Text._get_layout`` reads them (the
    OS/2 table, else hhea); three Nones if the font has neither (matplotlib then measures "lp")."""
    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, gap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None


class TextCachingCanvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` drawing with a :class:`TextCachingRenderer` (kept while the size and dpi are)."""

    def get_renderer(self, *args: Any, **kwargs: Any) -> TextCachingRenderer:
        """Agg's renderer for the figure's size and dpi (made as Agg makes it), as a caching one."""
        renderer = super().get_renderer(*args, **kwargs)
        if not isinstance(renderer, TextCachingRenderer):
            renderer = self.renderer = TextCachingRenderer(renderer.width, renderer.height, renderer.dpi)
        return renderer
