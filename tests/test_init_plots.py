"""Tests of the initialization figures: they draw exactly the numbers they are given."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from linreg_helpers.diagnostics import LayerStats  # noqa: E402
from linreg_helpers.plots import SCHEME_COLORS  # noqa: E402
from linreg_helpers.plots.init_plots import plot_layer_statistics, plot_statistics_panels  # noqa: E402


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
    lines = plot_layer_statistics(EXAMPLE, "activation_std", ax=ax)
    assert len(lines) == 2
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2, 3])  # the output layer is left out
    np.testing.assert_allclose(lines[0].get_ydata(), [0.6, 0.5, 0.4])
    np.testing.assert_allclose(lines[1].get_ydata(), [0.08, 6e-3, 5e-4])
    assert all(line.axes is ax for line in lines)


def test_gradient_quantity_and_axes_labels() -> None:
    _, ax = plt.subplots()
    lines = plot_layer_statistics(EXAMPLE, "weight_grad_std", ax=ax)
    np.testing.assert_allclose(lines[1].get_ydata(), [1e-13, 1e-13, 2e-13])
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "hidden layer"
    assert "weight-gradient std" in ax.get_ylabel()


def test_colours_come_from_the_scheme_palette() -> None:
    lines = plot_layer_statistics(EXAMPLE)
    assert to_hex(lines[0].get_color()) == SCHEME_COLORS["xavier"].lower()
    assert to_hex(lines[1].get_color()) == SCHEME_COLORS["normal"].lower()


def test_all_zero_scheme_gets_a_legend_entry_but_no_points() -> None:
    _, ax = plt.subplots()
    lines = plot_layer_statistics({"zero": stats([0.0, 0.0, 0.0], [0.0, 0.0, 0.0])}, ax=ax)
    assert len(lines[0].get_xdata()) == 0
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["zero (all exactly 0, off the log axis)"]


def test_single_zero_values_are_masked_not_drawn_at_minus_infinity() -> None:
    lines = plot_layer_statistics({"he": stats([0.5, 0.0, 0.2], [1.0, 1.0, 1.0])})
    ydata = np.asarray(lines[0].get_ydata(), dtype=float)
    assert ydata[0] == 0.5 and np.isnan(ydata[1])


def test_without_ax_a_new_figure_is_made() -> None:
    lines = plot_layer_statistics(EXAMPLE)
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
        plot_layer_statistics(*args)


def test_panels_draw_both_quantities_with_one_legend_outside() -> None:
    _, axes = plt.subplots(1, 2)
    lines = plot_statistics_panels(EXAMPLE, axes=axes, title="tanh")
    assert len(lines) == 4
    np.testing.assert_allclose(lines[0].get_ydata(), [0.6, 0.5, 0.4])
    np.testing.assert_allclose(lines[2].get_ydata(), [1e-3, 2e-3, 3e-3])
    assert axes[0].get_legend() is None and axes[1].get_legend() is not None
    assert axes[0].get_title() == "tanh: activations" and axes[1].get_title() == "tanh: gradients"


def test_panels_make_their_own_figure_and_need_two_axes() -> None:
    lines = plot_statistics_panels(EXAMPLE)
    assert lines[0].axes is not lines[2].axes
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="axes must hold two Axes"):
        plot_statistics_panels(EXAMPLE, axes=[ax])


def test_y_axis_reaches_one_so_tiny_values_look_tiny() -> None:
    _, ax = plt.subplots()
    plot_layer_statistics({"normal": stats([1e-13, 5e-14, 7e-14], [1.0, 1.0, 1.0])}, ax=ax)
    low, high = ax.get_ylim()
    assert low <= 5e-14 and high >= 1.0


def test_y_axis_covers_values_above_one() -> None:
    _, ax = plt.subplots()
    plot_layer_statistics({"he": stats([0.5, 40.0, 2.0], [1.0, 1.0, 1.0])}, ax=ax)
    low, high = ax.get_ylim()
    assert low <= 0.5 and high >= 40.0


def test_an_all_zero_plot_says_why_it_is_empty() -> None:
    _, ax = plt.subplots()
    plot_layer_statistics({"zero": stats([0.0, 0.0, 0.0], [0.0, 0.0, 0.0])}, ax=ax)
    assert [text.get_text() for text in ax.texts] == [
        "every value is exactly 0:\nnothing to show on a log axis"
    ]
    _, ax = plt.subplots()
    plot_layer_statistics(EXAMPLE, ax=ax)
    assert not ax.texts


def test_panels_without_legend() -> None:
    _, axes = plt.subplots(1, 2)
    plot_statistics_panels(EXAMPLE, axes=axes, legend=False)
    assert axes[0].get_legend() is None and axes[1].get_legend() is None
