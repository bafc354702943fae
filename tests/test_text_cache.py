"""The text-caching Agg canvas: a figure drawn from kept glyph images is pixel for pixel the figure
plain Agg draws, and what the cache must not keep (colour, clipping) comes from the draw at hand."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from linreg_helpers.plots.style import STYLE
from linreg_helpers.widgets.text_cache import TextCachingCanvas, TextCachingRenderer

FIXED = {**STYLE, "figure.constrained_layout.use": False}
"""The project's style with the layout fixed: every draw puts each text at the same place."""


def _figure(color: str = "C1", note_y: float = 0.5) -> Figure:
    """Ticks, rotated and mathtext labels, a legend, a clipped text and a note in ``color``."""
    with mpl.rc_context(FIXED):
        figure = Figure(figsize=(6.0, 3.0), dpi=72)
        left, right = figure.subplots(1, 2)
        left.plot([0, 1, 2], [0, 1, 4], label="$y = 2\\,x_1 + 4.2$")
        left.legend(loc="upper left")
        left.set_xlabel("feature $x_1$")
        left.set_ylabel("label y")  # rotated 90 degrees
        left.set_title("loss, lr = 0.01 = 0.011 × 2/λ_max")
        right.semilogy([1, 2, 3], [1e-4, 1e-2, 1.0])
        right.text(2.0, 0.5, "a note", color=color, transform=right.transData)
        right.text(0.9, note_y, "cut at the edge of the axes", clip_on=True, transform=right.transAxes)
        right.set_xlabel("w₁")
    return figure


def _pixels(canvas: FigureCanvasAgg) -> np.ndarray:
    with mpl.rc_context(FIXED):
        canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_a_figure_drawn_from_kept_text_is_pixel_for_pixel_plain_agg():
    plain = _pixels(FigureCanvasAgg(_figure()))
    canvas = TextCachingCanvas(_figure())
    first = _pixels(canvas)
    renderer = canvas.get_renderer()
    assert isinstance(renderer, TextCachingRenderer) and renderer.text_hits == 0
    second = _pixels(canvas)
    assert renderer.text_hits >= 15  # ticks, labels, title, legend: every string drawn from the cache
    np.testing.assert_array_equal(first, plain)
    np.testing.assert_array_equal(second, plain)


def test_colour_and_position_changes_draw_what_plain_agg_draws():
    canvas = TextCachingCanvas(_figure())
    _pixels(canvas)
    # Same strings: one in another colour (the glyphs are kept, the colour is the draw's), one moved.
    changed = canvas.figure
    changed.axes[1].texts[0].set_color("C2")
    changed.axes[1].texts[1].set_y(0.25)
    np.testing.assert_array_equal(_pixels(canvas), _pixels(FigureCanvasAgg(_figure("C2", note_y=0.25))))


def test_the_canvas_keeps_its_renderer_between_draws_and_makes_a_new_one_for_a_new_size():
    canvas = TextCachingCanvas(_figure())
    renderer = canvas.get_renderer()
    assert canvas.get_renderer() is renderer
    canvas.figure.set_size_inches(4.0, 2.0)
    assert canvas.get_renderer() is not renderer
    assert isinstance(canvas.get_renderer(), TextCachingRenderer)
