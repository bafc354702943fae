"""Tests of the data plots: what they draw is the data given, with expectations worked out by hand."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from linreg_helpers.plots.data_plots import plot_data_overview, plot_features, plot_residuals
from linreg_helpers.plots.style import TRUE_COLOR

# Three examples, two features; with w = (1, 1), b = 0 the residuals are 0.5, -0.5 and 0 by hand.
X = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
Y = torch.tensor([[1.5], [0.5], [2.0]])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_features_scatters_each_feature_against_y():
    drawn = plot_features(X, Y)
    assert len(drawn.axes) == 2 and len(drawn.points) == 2 and drawn.lines == []
    for j, points in enumerate(drawn.points):
        np.testing.assert_array_equal(points.get_offsets(), np.column_stack([X[:, j], Y[:, 0]]))
        assert drawn.axes[j].get_xlabel() == f"feature $x_{j + 1}$"
        assert drawn.axes[j].get_ylabel() == "label $y$"


def test_plot_features_draws_the_true_lines():
    drawn = plot_features(X, Y, true_w=[2.0, -3.0], true_b=0.5)
    assert len(drawn.lines) == 2
    # Feature 1 spans [0, 1]: the line runs from 2*0 + 0.5 to 2*1 + 0.5.
    np.testing.assert_allclose(drawn.lines[0].get_xydata(), [[0.0, 0.5], [1.0, 2.5]])
    np.testing.assert_allclose(drawn.lines[1].get_xydata(), [[0.0, 0.5], [1.0, -2.5]])
    assert drawn.lines[0].get_color() == TRUE_COLOR
    assert "x_1" in drawn.lines[0].get_label()


def test_plot_features_uses_the_axes_given():
    fig, axes = plt.subplots(1, 2)
    drawn = plot_features(X, Y, axes=axes)
    assert drawn.axes == list(axes)
    assert all(ax.figure is fig for ax in drawn.axes)


def test_plot_residuals_measures_the_mean_square_by_hand():
    drawn = plot_residuals(X, Y, w=[1.0, 1.0], b=0.0, noise_std=0.5)
    np.testing.assert_allclose(drawn.residuals, [0.5, -0.5, 0.0])
    assert drawn.mse == pytest.approx((0.25 + 0.25 + 0.0) / 3)
    assert drawn.ax.get_title() == f"mean of squares = {1 / 6:.2e}"
    # Density histogram: the bar areas sum to 1.
    heights, edges, _ = drawn.histogram.get_data()
    assert np.sum(heights * np.diff(edges)) == pytest.approx(1.0)
    assert edges[0] == pytest.approx(-0.5) and edges[-1] == pytest.approx(0.5)
    # The noise density N(0, 0.5^2) peaks at 1 / (0.5 * sqrt(2 pi)) at 0.
    x, y = drawn.density.get_data()
    assert x[np.argmax(y)] == pytest.approx(0.0)
    assert y.max() == pytest.approx(1 / (0.5 * math.sqrt(2 * math.pi)))


def test_plot_residuals_without_noise_level_draws_no_density():
    assert plot_residuals(X, Y, w=[1.0, 1.0], b=0.0).density is None
    assert plot_residuals(X, Y, w=[1.0, 1.0], b=0.0, noise_std=0.0).density is None


def test_residuals_of_the_true_parameters_are_the_noise():
    generator = torch.Generator().manual_seed(1)
    features = torch.randn(500, 2, generator=generator, dtype=torch.float64)
    noise = 0.1 * torch.randn(500, generator=generator, dtype=torch.float64)
    labels = features @ torch.tensor([2.0, -3.4], dtype=torch.float64) + 4.2 + noise
    drawn = plot_residuals(features, labels, w=[2.0, -3.4], b=4.2)
    np.testing.assert_allclose(drawn.residuals, noise.numpy(), atol=1e-12)
    assert drawn.mse == pytest.approx(float((noise**2).mean()))


def test_plot_data_overview_fills_one_panel_per_feature_and_one_for_residuals():
    fig, axes = plt.subplots(1, 3)
    features, residuals = plot_data_overview(X, Y, [1.0, 1.0], 0.0, noise_std=0.5, axes=axes)
    assert features.axes == list(axes[:2])
    assert residuals.ax is axes[2]
    assert residuals.mse == pytest.approx(1 / 6)


def test_plot_data_overview_makes_its_own_figure():
    features, residuals = plot_data_overview(X, Y, [1.0, 1.0], 0.0, noise_std=0.5)
    assert len(residuals.ax.figure.axes) == 3


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: plot_features(X, Y, true_w=[1.0, 1.0]), ValueError, "true_w and true_b"),
        (lambda: plot_features(X, Y, true_w=[1.0], true_b=0.0), ValueError, "w must have one weight"),
        (lambda: plot_features(X, Y, axes=[plt.gca()]), ValueError, "axes must hold 2 Axes"),
        (lambda: plot_features(X, Y[:2]), ValueError, "same number of examples"),
        (lambda: plot_residuals(X, Y, [1.0, 1.0], float("nan")), ValueError, "b must be finite"),
        (lambda: plot_residuals(X, Y, [1.0, 1.0], 0.0, noise_std=-1.0), ValueError, "noise_std"),
        (lambda: plot_data_overview(X, Y, [1.0, 1.0], 0.0, 0.1, axes=[plt.gca()]), ValueError, "3 Axes"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()
