"""The loss surface: its numbers by hand, what it draws, and its argument checks."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from linreg_helpers.plots import LossBowl, LossSurfaceDisplay, profile_loss  # noqa: E402

# Four examples: y = x1 - 2 x2 + 3 exactly, so the minimum is w = (1, -2) with loss 0.
X = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], dtype=torch.float64)
Y = (X @ torch.tensor([1.0, -2.0], dtype=torch.float64) + 3.0).reshape(-1, 1)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_profile_loss_is_the_mse_with_the_best_bias_by_hand():
    assert profile_loss(X, Y, np.array(1.0), np.array(-2.0)) == pytest.approx(0.0, abs=1e-12)
    # At w = (0, 0) the best bias is mean(y) = 2.5 and the residuals are y - 2.5 = (0.5, 1.5, -1.5, -0.5).
    assert profile_loss(X, Y, np.array(0.0), np.array(0.0)) == pytest.approx((0.25 + 2.25 + 2.25 + 0.25) / 4)


def test_profile_loss_equals_a_direct_evaluation_on_noisy_data():
    generator = torch.Generator().manual_seed(0)
    features = torch.randn(200, 2, generator=generator, dtype=torch.float64)
    noise = 0.5 * torch.randn(200, generator=generator, dtype=torch.float64)
    labels = features @ torch.tensor([2.0, -3.4], dtype=torch.float64) + 4.2 + noise
    w = np.array([0.3, -1.0])
    residual = labels.numpy() - features.numpy() @ w
    direct = np.mean((residual - residual.mean()) ** 2)
    assert profile_loss(features, labels, np.array(w[0]), np.array(w[1])) == pytest.approx(direct, rel=1e-12)


def test_display_marks_the_minimum_draws_each_path_and_keeps_equal_scales():
    path = np.array([[0.0, 0.0, 0.0], [0.5, -1.0, 1.0], [1.0, -2.0, 3.0]])
    drawn = LossSurfaceDisplay.from_data(X, Y, {"GD": path})
    np.testing.assert_allclose(drawn.minimum_w, [1.0, -2.0], atol=1e-12)
    assert (drawn.minimum_.get_xdata()[0], drawn.minimum_.get_ydata()[0]) == pytest.approx((1.0, -2.0))
    np.testing.assert_array_equal(drawn.paths_[0].get_xydata(), path[:, :2])
    assert drawn.paths_[0].get_label() == "GD"
    assert drawn.ax_.get_aspect() == 1.0
    x0, x1 = drawn.ax_.get_xlim()
    y0, y1 = drawn.ax_.get_ylim()
    assert x1 - x0 == pytest.approx(y1 - y0)  # a square view around the minimum, holding the start
    assert x0 < 0.0 < x1 and y0 < -2.0 < 0.0 < y1
    assert len(drawn.contours_.get_segments()) >= 3
    for line in drawn.contours_.get_segments():  # each contour is a level set of the loss
        assert np.ptp(_direct_loss(X, Y, line[:, 0], line[:, 1])) < 1e-12


def _direct_loss(features, labels, w1, w2):
    """The MSE with the best bias, straight from the data: residuals minus their mean, squared."""
    residuals = labels.numpy().reshape(-1, 1) - features.numpy() @ np.vstack([w1, w2])
    return np.mean((residuals - residuals.mean(axis=0)) ** 2, axis=0)


def test_bowl_by_hand():
    # Centred features (0 or 1, each half the time, independent): covariance 0.25 I, so the loss is
    # 0.25 |w - (1, -2)|^2 and the level 0.25 is the unit circle around the minimum.
    bowl = LossBowl.from_data(X, Y)
    np.testing.assert_allclose(bowl.minimum_w, [1.0, -2.0], atol=1e-12)
    np.testing.assert_allclose(bowl.curvature, 0.25 * np.eye(2), atol=1e-12)
    assert bowl.floor == pytest.approx(0.0, abs=1e-12)
    w1, w2 = bowl.ellipse(0.25)
    np.testing.assert_allclose(np.hypot(w1 - 1.0, w2 + 2.0), 1.0, rtol=1e-12)
    assert (w1[0], w2[0]) == (w1[-1], w2[-1])  # closed
    assert np.ptp(np.arctan2(w2 + 2.0, w1 - 1.0)) > 6.2  # all the way round
    # The view [0, 2] x [-3, -1]: its corners are at loss 0.25 * 2 = 0.5, so the levels are the half
    # decades from 1e-4 (three decades below 0.5's) up to 10^-0.5, the last below 0.5.
    np.testing.assert_allclose(bowl.levels((0.0, -3.0), (2.0, -1.0)), 10.0 ** np.arange(-4.0, -0.4, 0.5))


def test_bowl_contours_are_level_sets_of_noisy_data_and_of_profile_loss():
    generator = torch.Generator().manual_seed(1)
    features = torch.randn(300, 2, generator=generator, dtype=torch.float64) * torch.tensor([1.0, 3.0])
    features[:, 1] += 0.8 * features[:, 0]  # correlated and of different scales: a tilted ellipse
    labels = features @ torch.tensor([2.0, -3.4], dtype=torch.float64) + 4.2
    labels += 0.3 * torch.randn(300, generator=generator, dtype=torch.float64)
    bowl = LossBowl.from_data(features, labels)
    levels = bowl.levels((-2.0, -6.0), (6.0, 2.0))
    assert len(levels) >= 6
    for level in levels:
        w1, w2 = bowl.ellipse(level)
        np.testing.assert_allclose(_direct_loss(features, labels, w1, w2), level, rtol=1e-9)
        np.testing.assert_allclose(profile_loss(features, labels, w1, w2), level, rtol=1e-9)
    assert bowl.floor == pytest.approx(float(_direct_loss(features, labels, *bowl.minimum_w[:, None])[0]))


def test_bowl_rejects_what_has_no_ellipses():
    with pytest.raises(ValueError, match="singular"):
        LossBowl.from_data(torch.ones(5, 2, dtype=torch.float64), torch.zeros(5, dtype=torch.float64))
    with pytest.raises(ValueError, match="above the floor"):
        LossBowl.from_data(X, Y).ellipse(0.0)


def test_a_diverging_path_draws_its_finite_part():
    wild = np.array([[0.0, 0.0, 0.0], [5.0, -9.0, 0.0], [np.inf, np.nan, 0.0]])
    drawn = LossSurfaceDisplay.from_data(X, Y, {"too long a step": wild})
    assert len(drawn.paths_[0].get_xdata()) == 2


@pytest.mark.parametrize(
    ("features", "paths", "match"),
    [
        (torch.zeros(4, 3, dtype=torch.float64), None, "2 columns"),
        (X, {"bad": np.zeros(3)}, "paths\\['bad'\\]"),
        (X, {"bad": np.full((2, 3), np.nan)}, "finite"),
    ],
)
def test_bad_input_gets_a_clear_error(features, paths, match):
    with pytest.raises(ValueError, match=match):
        LossSurfaceDisplay(features, Y, paths)
