"""FigureImage: the PNG it sends, the layout it keeps, the artists it keeps with ``clear=False``, and
that frames drawn over kept furniture pixels look exactly like a full draw."""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib as mpl
import numpy as np
from PIL import Image

from linreg_helpers.widgets.figure_image import LIVE_DPI, LIVE_STYLE, FigureImage


def _draw_line(axes: list) -> None:
    axes[0].plot([0, 1, 2], [0, 1, 4])


def test_redraw_sends_a_png_of_the_figure_size_to_the_widget() -> None:
    view = FigureImage(figsize=(5.0, 2.5), ncols=2)
    png = view.redraw(_draw_line)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert view.widget.value == png
    assert Image.open(io.BytesIO(png)).size == (5 * LIVE_DPI, round(2.5 * LIVE_DPI))


def test_the_first_frame_lays_out_the_axes_and_later_frames_keep_that_layout() -> None:
    view = FigureImage(figsize=(6.0, 3.0), ncols=2)
    before = [ax.get_position().bounds for ax in view.axes]
    view.redraw(_draw_line)
    laid_out = [ax.get_position().bounds for ax in view.axes]
    assert laid_out != before  # constrained layout of the project's style moved the axes
    view.redraw(lambda axes: axes[1].set_ylabel("a much longer label than before, " * 2))
    assert [ax.get_position().bounds for ax in view.axes] == laid_out


def test_redraw_clears_the_axes_unless_told_to_keep_them() -> None:
    view = FigureImage()
    view.redraw(_draw_line)
    first = view.redraw(_draw_line)
    assert len(view.axes[0].lines) == 1
    (line,) = view.axes[0].lines
    second = view.redraw(lambda axes: line.set_ydata([4, 1, 0]), clear=False)
    assert list(view.axes[0].lines) == [line]
    assert second != first


def test_a_redraw_with_the_same_drawing_gives_the_same_pixels() -> None:
    view = FigureImage()
    first = view.redraw(_draw_line)
    assert view.redraw(_draw_line) == first


def _full_draw_pixels(view: FigureImage) -> np.ndarray:
    """The figure drawn by matplotlib in one ordinary pass, every artist included."""
    for ax in view.axes:
        for artist in ax.get_children():
            artist.set_animated(False)
    with mpl.rc_context(LIVE_STYLE):
        view.canvas.draw()
    return np.asarray(view.canvas.buffer_rgba()).copy()


def _line_in_fixed_limits(ydata: list[float]) -> Callable[[list], None]:
    def draw(axes: list) -> None:
        axes[0].plot([0, 1, 2], ydata, label="run")
        axes[0].text(1, 2, "a note")
        axes[0].set_title(f"ends at {ydata[-1]}")
        axes[0].set_xlim(0, 2)
        axes[0].set_ylim(0, 4)

    return draw


def test_a_frame_over_kept_furniture_is_pixel_for_pixel_a_full_draw() -> None:
    view = FigureImage(figsize=(6.0, 3.0), ncols=2)
    view.redraw(_line_in_fixed_limits([0, 1, 4]))
    assert not view.background_reused  # first look of these axes: rendered
    png = view.redraw(_line_in_fixed_limits([4, 1, 0]))
    assert view.background_reused  # same limits, ticks and labels: restored
    shown = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
    np.testing.assert_array_equal(shown, _full_draw_pixels(view))


def test_new_limits_render_new_furniture() -> None:
    view = FigureImage(figsize=(6.0, 3.0))
    view.redraw(_line_in_fixed_limits([0, 1, 4]))
    png = view.redraw(lambda axes: (_line_in_fixed_limits([0, 1, 4])(axes), axes[0].set_ylim(0, 40)))
    assert not view.background_reused
    shown = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
    np.testing.assert_array_equal(shown, _full_draw_pixels(view))
    assert "40" in [label.get_text() for label in view.axes[0].get_yticklabels()]
