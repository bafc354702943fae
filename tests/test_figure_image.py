"""FigureImage: the PNG it sends, the layout it keeps, the artists it keeps with ``clear=False``."""

from __future__ import annotations

import io

from PIL import Image

from linreg_helpers.widgets.figure_image import LIVE_DPI, FigureImage


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
