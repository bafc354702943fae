"""FigureImage: the PNG it sends, the layout it keeps, the artists it keeps with ``clear=False``, and
that frames drawn over kept furniture pixels look exactly like a full draw."""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable

import matplotlib as mpl
import numpy as np
from PIL import Image

from linreg_helpers.widgets.figure_image import LIVE_DPI, LIVE_STYLE, FigureImage


def _draw_line(axes: list) -> None:
    axes[0].plot([0, 1, 2], [0, 1, 4])


def test_redraw_encodes_a_png_of_the_figure_size() -> None:
    view = FigureImage(figsize=(5.0, 2.5), ncols=2)
    png = view.redraw(_draw_line)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert view.drawn == png
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


def _three_panels(low: float, high: float, long_label: bool = False) -> Callable[[list], None]:
    """Three panels with fixed limits but the last one's y limits, ``low``-``high``; with ``long_label``,
    the middle panel's x label runs on through the last panel's tick labels."""

    def draw(axes: list) -> None:
        for ax in axes:
            ax.plot([0, 1, 2], [0, 1, 4])
            ax.set_xlim(0, 2)
            ax.set_ylim(0, 4)
            ax.set_ylabel("y")
        axes[2].set_ylim(low, high)
        if long_label:
            axes[1].set_xlabel("a label longer than its panel is wide, " * 3, loc="left", labelpad=-12)

    return draw


def _shown(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_when_one_axes_changes_only_its_furniture_is_rendered_and_the_frame_is_a_full_draw() -> None:
    view = FigureImage(figsize=(9.0, 3.0), ncols=3)
    view.redraw(_three_panels(0, 4))
    assert view.axes_rendered == 3
    png = view.redraw(_three_panels(0, 40))  # new limits, ticks and labels in the third panel only
    assert not view.background_reused and view.axes_rendered == 1
    np.testing.assert_array_equal(_shown(png), _full_draw_pixels(view))
    png = view.redraw(_three_panels(0, 400))
    assert view.axes_rendered == 1
    np.testing.assert_array_equal(_shown(png), _full_draw_pixels(view))
    view.redraw(_three_panels(0, 4))  # the first look again: the whole figure's kept pixels
    assert view.background_reused and view.axes_rendered == 0


def test_furniture_of_two_axes_on_the_same_pixels_is_rendered_as_a_whole() -> None:
    view = FigureImage(figsize=(9.0, 3.0), ncols=3)
    view.redraw(_three_panels(0, 4, long_label=True))
    for high in (40, 400):  # only the last panel changes, but its tick labels and the label meet
        png = view.redraw(_three_panels(0, high, long_label=True))
        assert view.axes_rendered == 3
        np.testing.assert_array_equal(_shown(png), _full_draw_pixels(view))


def test_an_axes_counts_its_whole_background_as_its_own_even_where_it_is_the_figure_s_colour() -> None:
    # Another axes' furniture drawn there before would be hidden by this background in a full draw.
    view = FigureImage(figsize=(6.0, 3.0))
    view.redraw(_line_in_fixed_limits([0, 1, 4]))
    (ink,) = view._inks.values()
    height = np.asarray(view.canvas.buffer_rgba()).shape[0]
    x0, y0, x1, y1 = view.axes[0].bbox.extents
    rows = slice(int(np.ceil(height - y1)) - ink.top, int(np.floor(height - y0)) - ink.top)
    columns = slice(int(np.ceil(x0)) - ink.left, int(np.floor(x1)) - ink.left)
    assert ink.mask[rows, columns].all()
    assert not ink.mask.all()  # but not the figure's margins outside the furniture


def test_frames_drawn_by_two_threads_at_once_are_drawn_one_at_a_time() -> None:
    # Widget callbacks may run on two kernel threads (JupyterLab's subshell and the main thread).
    view = FigureImage(figsize=(5.0, 2.5), ncols=2)
    view.redraw(_draw_line)
    (line,) = view.axes[0].lines

    def frame(axes: list, k: int, slope: float) -> None:
        line.set_ydata([0, slope * k, 4])
        axes[0].set_ylim(-30, 30 + k)  # new ticks: furniture rendered anew
        axes[1].set_title(f"frame {slope * k:g}")  # new text: glyphs laid out anew

    def frames(slope: float) -> None:
        for k in range(20):
            view.redraw(lambda axes, k=k: frame(axes, k, slope), clear=False)

    failures: list[str] = []

    def run(slope: float) -> None:
        try:
            frames(slope)
        except Exception as error:  # noqa: BLE001 (the test reports whatever broke)
            failures.append(repr(error))

    threads = [threading.Thread(target=run, args=(slope,)) for slope in (1.0, -1.0)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # the threads take turns often, even inside a short draw
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
    drawn = view.drawn
    assert view.redraw(lambda axes: None, clear=False) == drawn  # the last frame drawn is the figure's
