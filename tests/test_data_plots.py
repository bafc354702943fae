"""Tests of the data plots: what they draw is the data given, with expectations worked out by hand."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from linreg_helpers.plots.data_plots import (
    DataOverviewDisplay,
    FeaturesDisplay,
    ResidualsDisplay,
    _round_limits,
)
from linreg_helpers.plots.style import TRUE_COLOR

# Three examples, two features; with w = (1, 1), b = 0 the residuals are 0.5, -0.5 and 0 by hand.
X = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
Y = torch.tensor([[1.5], [0.5], [2.0]])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_features_display_scatters_each_feature_against_y():
    drawn = FeaturesDisplay.from_data(X, Y)
    assert len(drawn.axes_) == 2 and len(drawn.points_) == 2 and drawn.lines_ == []
    for j, points in enumerate(drawn.points_):
        np.testing.assert_array_equal(points.get_offsets(), np.column_stack([X[:, j], Y[:, 0]]))
        assert drawn.axes_[j].get_xlabel() == f"feature $x_{j + 1}$"
        assert drawn.axes_[j].get_ylabel() == "label $y$"


def test_features_display_draws_the_true_lines():
    drawn = FeaturesDisplay.from_data(X, Y, true_w=[2.0, -3.0], true_b=0.5)
    assert len(drawn.lines_) == 2
    # Feature 1 spans [0, 1]: the line runs from 2*0 + 0.5 to 2*1 + 0.5.
    np.testing.assert_allclose(drawn.lines_[0].get_xydata(), [[0.0, 0.5], [1.0, 2.5]])
    np.testing.assert_allclose(drawn.lines_[1].get_xydata(), [[0.0, 0.5], [1.0, -2.5]])
    assert drawn.lines_[0].get_color() == TRUE_COLOR
    assert "x_1" in drawn.lines_[0].get_label()


def test_features_display_uses_the_axes_given():
    fig, axes = plt.subplots(1, 2)
    drawn = FeaturesDisplay.from_data(X, Y, axes=axes)
    assert drawn.axes_ == list(axes)
    assert all(ax.figure is fig for ax in drawn.axes_)


def test_residuals_display_measures_the_mean_square_by_hand():
    drawn = ResidualsDisplay.from_data(X, Y, w=[1.0, 1.0], b=0.0, noise_std=0.5)
    np.testing.assert_allclose(drawn.residuals, [0.5, -0.5, 0.0])
    assert drawn.mse == pytest.approx((0.25 + 0.25 + 0.0) / 3)
    assert drawn.ax_.get_title() == f"mean of squares = {1 / 6:.2e}"
    # Density histogram: the bar areas sum to 1.
    heights, edges, _ = drawn.histogram_.get_data()
    assert np.sum(heights * np.diff(edges)) == pytest.approx(1.0)
    assert edges[0] == pytest.approx(-0.5) and edges[-1] == pytest.approx(0.5)
    # The noise density N(0, 0.5^2) peaks at 1 / (0.5 * sqrt(2 pi)) at 0.
    x, y = drawn.density_.get_data()
    assert x[np.argmax(y)] == pytest.approx(0.0)
    assert y.max() == pytest.approx(1 / (0.5 * math.sqrt(2 * math.pi)))


def test_residuals_display_without_noise_level_draws_no_density():
    assert ResidualsDisplay.from_data(X, Y, w=[1.0, 1.0], b=0.0).density_ is None
    assert ResidualsDisplay.from_data(X, Y, w=[1.0, 1.0], b=0.0, noise_std=0.0).density_ is None


def test_residuals_of_the_true_parameters_are_the_noise():
    generator = torch.Generator().manual_seed(1)
    features = torch.randn(500, 2, generator=generator, dtype=torch.float64)
    noise = 0.1 * torch.randn(500, generator=generator, dtype=torch.float64)
    labels = features @ torch.tensor([2.0, -3.4], dtype=torch.float64) + 4.2 + noise
    drawn = ResidualsDisplay.from_data(features, labels, w=[2.0, -3.4], b=4.2)
    np.testing.assert_allclose(drawn.residuals, noise.numpy(), atol=1e-12)
    assert drawn.mse == pytest.approx(float((noise**2).mean()))


def test_data_overview_display_fills_one_panel_per_feature_and_one_for_residuals():
    fig, axes = plt.subplots(1, 3)
    drawn = DataOverviewDisplay.from_data(X, Y, [1.0, 1.0], 0.0, noise_std=0.5, axes=axes)
    assert drawn.features_.axes_ == list(axes[:2]) and drawn.axes_ == list(axes)
    assert drawn.residuals_.ax_ is axes[2] and drawn.figure_ is fig
    assert drawn.residuals_.mse == pytest.approx(1 / 6)


def test_data_overview_display_makes_its_own_figure():
    drawn = DataOverviewDisplay.from_data(X, Y, [1.0, 1.0], 0.0, noise_std=0.5)
    assert len(drawn.figure_.axes) == 3 and drawn.residuals_.ax_.figure is drawn.figure_


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: FeaturesDisplay.from_data(X, Y, true_w=[1.0, 1.0]), ValueError, "true_w and true_b"),
        (lambda: FeaturesDisplay.from_data(X, Y, true_w=[1.0], true_b=0.0), ValueError, "one weight per"),
        (lambda: FeaturesDisplay.from_data(X, Y, axes=[plt.gca()]), ValueError, "axes must hold 2 Axes"),
        (lambda: FeaturesDisplay.from_data(X, Y[:2]), ValueError, "same number of examples"),
        (lambda: ResidualsDisplay.from_data(X, Y, [1.0, 1.0], float("nan")), ValueError, "b must be finite"),
        (lambda: ResidualsDisplay.from_data(X, Y, [1, 1], 0.0, noise_std=-1.0), ValueError, "noise_std"),
        (lambda: DataOverviewDisplay.from_data(X, Y, [1, 1], 0, 0.1, axes=[plt.gca()]), ValueError, "3 Axes"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


def seeded_data(num_examples: int, noise_std: float, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(num_examples, 2, generator=generator)
    y = (
        X @ torch.tensor([2.0, -3.4]) + 4.2 + noise_std * torch.randn(num_examples, generator=generator)
    ).reshape(-1, 1)
    return X, y


def ends_near_ticks(ax, which: str) -> bool:
    """Each end of the axis lies within half a tick step outside its outermost tick."""
    low, high = ax.get_xlim() if which == "x" else ax.get_ylim()
    ticks = np.asarray(ax.get_xticks() if which == "x" else ax.get_yticks())
    half = (ticks[1] - ticks[0]) / 2
    first, last = ticks.min(), ticks.max()
    return bool(first - half - 1e-9 <= low <= first and last <= high <= last + half + 1e-9)


def test_limits_hold_the_data_and_end_near_labelled_ticks():
    X, y = seeded_data(300, 0.5)
    drawn = DataOverviewDisplay.from_data(X, y, [2.0, -3.4], 4.2, noise_std=0.5)
    features, residuals = drawn.features_, drawn.residuals_
    for j, ax in enumerate(features.axes_):
        assert ax.get_xlim()[0] <= X[:, j].min() and ax.get_xlim()[1] >= X[:, j].max()
        assert ax.get_ylim()[0] <= y.min() and ax.get_ylim()[1] >= y.max()
        assert ends_near_ticks(ax, "x") and ends_near_ticks(ax, "y")
    ax = residuals.ax_
    assert ax.get_xlim()[0] <= min(residuals.residuals.min(), -2.0)  # the density reaches 4 sigma
    assert ax.get_xlim()[1] >= max(residuals.residuals.max(), 2.0)
    assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] >= 1.3 / (0.5 * math.sqrt(2 * math.pi))
    assert ends_near_ticks(ax, "x") and ends_near_ticks(ax, "y")


def test_update_shows_new_data_in_the_same_artists():
    X, y = seeded_data(300, 0.5)
    drawn = DataOverviewDisplay.from_data(X, y, [2.0, -3.4], 4.2, noise_std=0.5)
    points_before, histogram_before = list(drawn.features_.points_), drawn.residuals_.histogram_
    X2, y2 = seeded_data(50, 0.1, seed=1)
    assert drawn.update(X2, y2, noise_std=0.1) is drawn
    features, residuals = drawn.features_, drawn.residuals_
    assert features.points_ == points_before and residuals.histogram_ is histogram_before
    for j, points in enumerate(features.points_):
        np.testing.assert_array_equal(points.get_offsets(), np.column_stack([X2[:, j], y2[:, 0]]))
    np.testing.assert_allclose(
        features.lines_[1].get_xydata(),
        [[X2[:, 1].min(), -3.4 * X2[:, 1].min() + 4.2], [X2[:, 1].max(), -3.4 * X2[:, 1].max() + 4.2]],
        rtol=1e-6,
    )
    # The residuals and their histogram, by hand: 50 examples -> int(sqrt(50)) = 7 bins.
    expected = y2[:, 0].double().numpy() - (X2.double().numpy() @ np.array([2.0, -3.4]) + 4.2)
    np.testing.assert_allclose(residuals.residuals, expected)
    assert residuals.mse == pytest.approx(np.mean(expected**2))
    heights, edges, _ = residuals.histogram_.get_data()
    assert len(heights) == 7 and edges[0] == pytest.approx(expected.min())
    x, density = residuals.density_.get_data()
    assert density.max() == pytest.approx(1 / (0.1 * math.sqrt(2 * math.pi)))
    assert residuals.ax_.get_title() == f"mean of squares = {np.mean(expected**2):.2e}"
    assert [t.get_text() for t in residuals.ax_.get_legend().get_texts()] == ["residuals", "noise, σ = 0.1"]
    # Limits and ticks are those of a fresh drawing of the same data.
    fresh = DataOverviewDisplay.from_data(X2, y2, [2.0, -3.4], 4.2, noise_std=0.1)
    for ax, fresh_ax in zip(drawn.axes_, fresh.axes_, strict=True):
        assert ax.get_xlim() == fresh_ax.get_xlim() and ax.get_ylim() == fresh_ax.get_ylim()
        np.testing.assert_array_equal(ax.get_yticks(), fresh_ax.get_yticks())


def test_update_needs_a_display_with_density_and_as_many_features():
    X, y = seeded_data(30, 0.5)
    drawn = DataOverviewDisplay.from_data(X, y, [2.0, -3.4], 4.2, noise_std=0.0)
    with pytest.raises(ValueError, match="noise_std must be positive and the display must show a noise"):
        drawn.update(X, y, noise_std=0.5)
    drawn = DataOverviewDisplay.from_data(X, y, [2.0, -3.4], 4.2, noise_std=0.5)
    with pytest.raises(ValueError, match="features must have the 2 columns drawn"):
        drawn.update(X[:, :1], y, noise_std=0.5)


def test_residual_axis_is_symmetric_about_zero():
    # Residuals 0.5, -0.5, 0 and 2 in one direction only: the axis still reaches as far on both sides.
    drawn = ResidualsDisplay.from_data(X, Y + torch.tensor([[0.0], [0.0], [2.0]]), w=[1.0, 1.0], b=0.0)
    low, high = drawn.ax_.get_xlim()
    assert low == -high and high >= 2.0


def test_an_axis_ends_within_half_a_tick_step_of_the_data():
    # Data from -3.2 to 4.1 (plus the 2 % margin) gets ticks every 2: the axis ends half a step on,
    # at 5, not at the next tick, 6.
    fig, ax = plt.subplots()
    _round_limits(ax, "x", -3.2, 4.1)
    assert ax.get_xlim() == (-4.0, 5.0)
    assert list(ax.get_xticks()) == [-4.0, -2.0, 0.0, 2.0, 4.0]
    plt.close(fig)
