"""Tests of the initialization figures: they draw exactly the numbers they are given."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from linreg_helpers import REGISTRY  # noqa: E402
from linreg_helpers.diagnostics import LayerStats  # noqa: E402
from linreg_helpers.plots.init_plots import (  # noqa: E402
    ALL_ZERO_NOTE,
    MAX_LABELLED_DECADES,
    LayerStatisticsDisplay,
    StatisticsPanelsDisplay,
    decade_ticks,
)


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def stats(acts: list[float], grads: list[float]) -> list[LayerStats]:
    return [
        LayerStats(layer=i, activation_mean=0.0, activation_std=a, weight_grad_std=g)
        for i, (a, g) in enumerate(zip(acts, grads, strict=True), start=1)
    ]


EXAMPLE = {
    "xavier": stats([0.6, 0.5, 0.4, 7.0], [1e-3, 2e-3, 3e-3, 5.0]),
    "normal": stats([0.08, 6e-3, 5e-4, 7.0], [1e-13, 1e-13, 2e-13, 5.0]),
}


def test_one_line_per_scheme_with_the_hidden_layers_values() -> None:
    _, ax = plt.subplots()
    lines = LayerStatisticsDisplay.from_stats(EXAMPLE, "activation_std", ax=ax).lines_
    assert len(lines) == 2
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3])  # the output layer is left out
    np.testing.assert_allclose(lines[0].get_ydata(), [0.6, 0.5, 0.4])
    np.testing.assert_allclose(lines[1].get_ydata(), [0.08, 6e-3, 5e-4])
    assert all(line.axes is ax for line in lines)


def test_gradient_quantity_and_axes_labels() -> None:
    _, ax = plt.subplots()
    lines = LayerStatisticsDisplay.from_stats(EXAMPLE, "weight_grad_std", ax=ax).lines_
    np.testing.assert_allclose(lines[1].get_ydata(), [1e-13, 1e-13, 2e-13])
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "hidden layer"
    assert "weight-gradient std" in ax.get_ylabel()


def test_colours_and_labels_come_from_the_scheme_registry() -> None:
    lines = LayerStatisticsDisplay.from_stats(EXAMPLE).lines_
    assert to_hex(lines[0].get_color()) == REGISTRY["xavier"].color.lower()
    assert to_hex(lines[1].get_color()) == REGISTRY["normal"].color.lower()
    assert lines[0].get_label() == "Xavier uniform" and lines[1].get_label() == "N(0, 0.01²)"
    assert to_hex(lines[0].get_color()) != to_hex(lines[1].get_color())


def test_all_zero_scheme_gets_a_legend_entry_but_no_points() -> None:
    _, ax = plt.subplots()
    lines = LayerStatisticsDisplay.from_stats({"zero": stats([0.0, 0.0, 0.0], [0.0, 0.0, 0.0])}, ax=ax).lines_
    assert len(lines[0].get_xdata()) == 0
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["zero (all exactly 0, off the log axis)"]


def test_single_zero_values_are_masked_not_drawn_at_minus_infinity() -> None:
    lines = LayerStatisticsDisplay.from_stats({"he": stats([0.5, 0.0, 0.2], [1.0, 1.0, 1.0])}).lines_
    ydata = np.asarray(lines[0].get_ydata(), dtype=float)
    assert ydata[0] == 0.5 and np.isnan(ydata[1])


def test_without_ax_a_new_figure_is_made() -> None:
    lines = LayerStatisticsDisplay.from_stats(EXAMPLE).lines_
    assert lines[0].axes is not None and lines[0].axes.figure is not None


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (({},), "stats_by_scheme must be a non-empty mapping"),
        ((EXAMPLE, "loss"), "quantity must be one of"),
        (({"he": stats([0.5], [1.0])},), "must hold the hidden layers and the output layer"),
    ],
)
def test_bad_input_gives_a_clear_error(args: tuple, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        LayerStatisticsDisplay.from_stats(*args)


def test_panels_draw_both_quantities_with_one_legend_outside() -> None:
    _, axes = plt.subplots(1, 2)
    panels = StatisticsPanelsDisplay.from_stats(EXAMPLE, axes=axes, title="tanh")
    lines = panels.lines_
    assert len(lines) == 4
    np.testing.assert_allclose(lines[0].get_ydata(), [0.6, 0.5, 0.4])
    np.testing.assert_allclose(lines[2].get_ydata(), [1e-3, 2e-3, 3e-3])
    assert axes[0].get_legend() is None and axes[1].get_legend() is not None
    assert axes[0].get_title() == "tanh: activations" and axes[1].get_title() == "tanh: gradients"


def test_panels_make_their_own_figure_and_need_two_axes() -> None:
    panels = StatisticsPanelsDisplay.from_stats(EXAMPLE)
    lines = panels.lines_
    assert lines[0].axes is not lines[2].axes
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="axes must hold 2 Axes"):
        StatisticsPanelsDisplay.from_stats(EXAMPLE, axes=[ax])


def test_y_axis_reaches_one_so_tiny_values_look_tiny() -> None:
    _, ax = plt.subplots()
    LayerStatisticsDisplay.from_stats({"normal": stats([1e-13, 5e-14, 7e-14], [1.0, 1.0, 1.0])}, ax=ax)
    low, high = ax.get_ylim()
    assert low <= 5e-14 and high >= 1.0


def test_y_axis_covers_values_above_one() -> None:
    _, ax = plt.subplots()
    LayerStatisticsDisplay.from_stats({"he": stats([0.5, 40.0, 2.0], [1.0, 1.0, 1.0])}, ax=ax)
    low, high = ax.get_ylim()
    assert low <= 0.5 and high >= 40.0


def test_an_all_zero_plot_says_why_it_is_empty() -> None:
    _, ax = plt.subplots()
    LayerStatisticsDisplay.from_stats({"zero": stats([0.0, 0.0, 0.0], [0.0, 0.0, 0.0])}, ax=ax)
    assert [text.get_text() for text in ax.texts] == [
        "every value is exactly 0:\nnothing to show on a log axis"
    ]
    _, ax = plt.subplots()
    LayerStatisticsDisplay.from_stats(EXAMPLE, ax=ax)
    assert not ax.texts


def test_panels_without_legend() -> None:
    _, axes = plt.subplots(1, 2)
    StatisticsPanelsDisplay.from_stats(EXAMPLE, axes=axes, legend=False)
    assert axes[0].get_legend() is None and axes[1].get_legend() is None


def visible_major_ticks(ax) -> list[float]:
    low, high = ax.get_ylim()
    return [t for t in ax.yaxis.get_majorticklocs() if low * (1 - 1e-9) <= t <= high * (1 + 1e-9)]


def test_gradient_axis_is_fitted_to_tiny_values_with_labelled_decades_around_them() -> None:
    # Values 1e-13 .. 2e-13: by hand, the decades just below and above are 1e-14 and 1e-12.
    _, ax = plt.subplots()
    LayerStatisticsDisplay.from_stats({"normal": EXAMPLE["normal"]}, "weight_grad_std", ax=ax)
    np.testing.assert_allclose(ax.get_ylim(), (1e-14, 1e-12))
    np.testing.assert_allclose(visible_major_ticks(ax), [1e-14, 1e-13, 1e-12])
    ax.figure.canvas.draw()
    labels = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
    assert labels == ["10⁻¹⁴", "10⁻¹³", "10⁻¹²"]  # decades in plain Unicode (no mathtext to parse)


def test_decade_ticks_by_hand() -> None:
    # 14 decades (1e-15 .. 1) cannot all be labelled: every third one, counted down from 1.
    np.testing.assert_allclose(
        decade_ticks(np.array([1e-13, 0.08]), reach_one=True), [1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1.0]
    )
    # One value: at least two decades, and with reach_one the top is 1.
    np.testing.assert_allclose(decade_ticks(np.array([0.5]), reach_one=True), [1e-2, 1e-1, 1.0])
    np.testing.assert_allclose(decade_ticks(np.array([3e-5])), [1e-6, 1e-5, 1e-4])
    # A value on a power of ten is not put on the frame.
    np.testing.assert_allclose(decade_ticks(np.array([1e-3, 0.05])), [1e-4, 1e-3, 1e-2, 1e-1])
    assert decade_ticks(np.array([0.0, 0.0])) is None


@pytest.mark.parametrize("exponent", range(-40, 3))
def test_decade_ticks_frame_every_range_with_few_labels(exponent: int) -> None:
    values = np.array([10.0**exponent, 0.3])
    ticks = decade_ticks(values)
    assert ticks[0] < values.min() and ticks[-1] > values.max()
    assert 3 <= len(ticks) <= MAX_LABELLED_DECADES
    assert len(set(np.round(np.diff(np.log10(ticks)), 9))) == 1  # evenly spaced decades


def test_depth_one_gets_one_integer_tick() -> None:
    _, ax = plt.subplots()
    LayerStatisticsDisplay.from_stats({"he": stats([0.5, 1.0], [1.0, 1.0])}, ax=ax)
    low, high = ax.get_xlim()
    assert [t for t in ax.get_xticks() if low <= t <= high] == [1.0]


def test_update_shows_new_statistics_in_the_same_lines() -> None:
    _, axes = plt.subplots(1, 2)
    panels = StatisticsPanelsDisplay({"normal": EXAMPLE["normal"]}, title="a").plot(axes=axes, legend=False)
    lines = panels.lines_
    new = stats([0.7, 0.6, 0.5, 0.4, 9.0], [1e-2, 2e-2, 3e-2, 4e-2, 9.0])
    assert panels.update({"he": new}, title="b") is panels
    assert panels.lines_ == lines  # the same Line2D objects, updated in place
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3, 4])
    np.testing.assert_allclose(lines[0].get_ydata(), [0.7, 0.6, 0.5, 0.4])
    np.testing.assert_allclose(lines[1].get_ydata(), [1e-2, 2e-2, 3e-2, 4e-2])
    assert to_hex(lines[0].get_color()) == REGISTRY["he"].color.lower()
    assert axes[0].get_title() == "b: activations" and axes[1].get_title() == "b: gradients"
    # The limits of a fresh drawing: 1e-2 .. 1 (activations reach 1), 1e-3 .. 1e-1 (gradients).
    np.testing.assert_allclose(axes[0].get_ylim(), (1e-2, 1.0))
    np.testing.assert_allclose(axes[1].get_ylim(), (1e-3, 1e-1))
    assert axes[0].get_xlim() == (0.5, 4.5)


def test_update_to_all_zero_shows_the_note_and_back_removes_it() -> None:
    _, axes = plt.subplots(1, 2)
    panels = StatisticsPanelsDisplay.from_stats(EXAMPLE, axes=axes, legend=False)
    lines = panels.lines_
    zero = stats([0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0])
    panels.update({"zero": zero, "normal": zero})
    assert [t.get_text() for t in axes[1].texts] == [ALL_ZERO_NOTE]
    assert len(lines[0].get_xdata()) == 0
    panels.update(EXAMPLE)
    assert not axes[0].texts and not axes[1].texts
    np.testing.assert_allclose(lines[1].get_ydata(), [0.08, 6e-3, 5e-4])


def test_update_needs_as_many_schemes_as_were_drawn() -> None:
    _, axes = plt.subplots(1, 2)
    panels = StatisticsPanelsDisplay.from_stats(EXAMPLE, axes=axes)
    with pytest.raises(ValueError, match="stats_by_scheme must hold the 2 schemes drawn, got 1"):
        panels.update({"he": EXAMPLE["xavier"]})
