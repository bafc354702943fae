"""The training dashboard, driven without a browser: set a control, check the run, the status and the image.

Expected runs come from the textbook loop (``train`` over ``load_array`` with an equally seeded
generator) or from a float64 re-implementation of gradient descent, never from the dashboard's engine.
"""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from linreg_helpers import (  # noqa: E402
    History,
    defaults,
    initialize,
    linear_net,
    load_array,
    status_text,
    synthetic_data,
    train,
)
from linreg_helpers.palette import WARNING_COLOR  # noqa: E402
from linreg_helpers.stability import max_stable_lr  # noqa: E402
from linreg_helpers.widgets.training_dashboard import (  # noqa: E402
    BATCH_SIZES,
    MAX_EPOCHS,
    TrainingDashboard,
)


def _data(noise_std=defaults.NOISE_STD):
    torch.manual_seed(defaults.SEED)
    return synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, defaults.NUM_EXAMPLES, noise_std)


def _textbook_run(lr, batch_size, num_epochs, scheme="normal", noise_std=defaults.NOISE_STD):
    features, labels = _data(noise_std)
    net = initialize(linear_net(), scheme, seed=defaults.SEED)
    generator = torch.Generator().manual_seed(defaults.SEED)
    data_iter = load_array((features, labels), batch_size, generator=generator)
    return train(net, data_iter, features, labels, lr=lr, num_epochs=num_epochs)


@pytest.fixture(scope="module")
def dashboard():
    return TrainingDashboard()


@pytest.fixture(autouse=True)
def _reset(dashboard):
    yield
    for control, value in (
        (dashboard.lr, defaults.LR),
        (dashboard.batch_size, defaults.BATCH_SIZE),
        (dashboard.epochs, defaults.NUM_EPOCHS),
        (dashboard.init, defaults.INIT_SCHEME),
        (dashboard.noise, defaults.NOISE_STD),
    ):
        control.value = value


def test_default_run_is_the_textbook_run(dashboard):
    expected = _textbook_run(defaults.LR, defaults.BATCH_SIZE, defaults.NUM_EPOCHS)
    np.testing.assert_allclose(dashboard.history.loss, expected.loss, rtol=1e-4)
    np.testing.assert_allclose(dashboard.history.weights[-1], expected.weights[-1], rtol=1e-5)
    assert dashboard.history.bias[-1] == pytest.approx(expected.bias[-1], rel=1e-5)
    assert dashboard.image.startswith(b"\x89PNG")
    assert dashboard.image == dashboard.view.drawn  # the frame shown is the one drawn last
    # one row per SGD step: 1000 examples / batch 10 * 10 epochs, plus the initial state
    assert dashboard.steps.shape == (1001, 3)


def test_status_reports_final_loss_errors_and_the_boundary(dashboard):
    # The numbers: the run behind the status against the textbook loop, with tolerances (the status's
    # wording is tested on hand-built histories below, where no CPU's rounding can reach it).
    expected = _textbook_run(defaults.LR, defaults.BATCH_SIZE, defaults.NUM_EPOCHS)
    assert abs(np.array(defaults.TRUE_W) - expected.weights[-1]).max() < 1e-3  # the seed's claim
    np.testing.assert_allclose(dashboard.history.weights[-1], expected.weights[-1], rtol=1e-5)
    # the boundary from numpy's eigenvalues of (2/n) A^T A, computed here independently
    X = _data()[0].numpy().astype(np.float64)
    A = np.column_stack([X, np.ones(len(X))])
    boundary = 2 / np.linalg.eigvalsh(2 / len(X) * A.T @ A).max()
    assert dashboard.status_text == status_text(dashboard.history, boundary, defaults.NOISE_STD**2)
    assert "Final loss" in dashboard.status


def _history(lr, losses, weights=(1.999994, -3.4004), bias=4.2002):
    history = History(lr=lr)
    for epoch, loss in enumerate(losses):
        assert history.record(epoch, loss, np.array(weights), bias)
    return history


def test_status_of_a_converged_run_shows_the_digits_every_cpu_agrees_on():
    text = status_text(_history(0.01, [32.7, 0.6004, 9.2608e-05]), 0.9076, 1e-4)
    assert text == (
        "Final loss 0.0000926 (noise floor σ² = 0.0001); "
        "error of w: [0.0000, 0.0004], of b: -0.0002.\n"
        "Full-batch stability limit 2/λ_max = 0.908 (lr is 0.011 × it)."
    )


def test_status_of_a_growing_run_says_diverging_and_what_to_do():
    text = status_text(_history(1.0, [32.7, 40.1, 55.25]), 0.9076, 1e-4)
    assert text.startswith("Diverging: with lr = 1 the loss grew from 32.7 to 55.2 in 2 epochs;")
    assert "Lower the learning rate." in text and text.endswith("(lr is 1.1 × it).")


def test_status_of_a_diverged_run_is_its_divergence_message():
    history = _history(1.5, [32.7, 400.0])
    history.record(2, math.inf, np.zeros(2), 0.0)
    text = status_text(history, 0.9076, 1e-4)
    assert text.splitlines()[0] == history.divergence_message()
    assert "with lr = 1.5 the loss blew up in epoch 2" in text


def test_moving_the_learning_rate_retrains_and_redraws(dashboard):
    before = dashboard.image
    dashboard.lr.value = 0.03
    lr = dashboard.lr.value
    expected = _textbook_run(lr, defaults.BATCH_SIZE, defaults.NUM_EPOCHS)
    np.testing.assert_allclose(dashboard.history.loss, expected.loss, rtol=1e-4)
    assert dashboard.history.lr == pytest.approx(lr)
    assert dashboard.image != before


def test_a_diverging_learning_rate_shows_the_message_and_still_draws(dashboard):
    before = dashboard.image
    dashboard.lr.value = 1.5  # well above 2/λ_max ≈ 0.9 and far above what batch size 10 tolerates
    expected = _textbook_run(dashboard.lr.value, defaults.BATCH_SIZE, defaults.NUM_EPOCHS)
    assert expected.diverged  # the textbook loop diverges too
    assert dashboard.history.diverged_at == expected.diverged_at
    assert dashboard.status_text.startswith("Diverged: with lr = ")
    assert "Lower the learning rate" in dashboard.status_text
    assert "Diverged" in dashboard.status and WARNING_COLOR in dashboard.status
    assert dashboard.image.startswith(b"\x89PNG") and dashboard.image != before


def test_full_batch_gradient_descent_matches_a_float64_reimplementation(dashboard):
    dashboard.batch_size.value = 1000
    dashboard.lr.value = 0.5
    lr = dashboard.lr.value
    features, labels = _data()
    A = np.column_stack([features.numpy().astype(np.float64), np.ones(1000)])
    y = labels.numpy().reshape(-1).astype(np.float64)
    theta = dashboard.steps[0].astype(np.float64)
    for _ in range(defaults.NUM_EPOCHS):
        theta = theta - lr * 2 / 1000 * A.T @ (A @ theta - y)
    np.testing.assert_allclose(dashboard.steps[-1], theta, rtol=1e-4, atol=1e-6)
    assert dashboard.history.final_loss == pytest.approx(np.mean((A @ theta - y) ** 2), rel=1e-3)


def test_noise_slider_moves_the_floor_to_the_noise_variance(dashboard):
    dashboard.noise.value = 0.1
    features, labels = _data(0.1)
    true_loss = torch.mean(
        (labels.reshape(-1) - features @ torch.tensor(defaults.TRUE_W) - defaults.TRUE_B) ** 2
    )
    assert dashboard.history.final_loss == pytest.approx(true_loss.item(), rel=0.05)
    assert true_loss.item() == pytest.approx(0.1**2, rel=0.15)
    assert "noise floor σ² = 0.01" in dashboard.status_text


def _loss_with_best_bias(features, labels, w):
    residuals = labels.numpy().astype(np.float64).reshape(-1, 1) - features.numpy().astype(np.float64) @ w
    return np.mean((residuals - residuals.mean(axis=0)) ** 2, axis=0)


@pytest.mark.parametrize("noise_std", [defaults.NOISE_STD, 0.3])
def test_path_panel_shows_the_contours_of_the_data_at_equal_scales(dashboard, noise_std):
    dashboard.noise.value = noise_std
    features, labels = _data(noise_std)
    path = dashboard.display.path_
    assert path.ax_.get_aspect() == 1.0 and len(path.contours_.get_segments()) >= 4
    levels = []
    for line in path.contours_.get_segments():  # each a level set of this data's loss (b at its best)
        loss = _loss_with_best_bias(features, labels, line.T)
        assert np.ptp(loss) < 1e-6 * loss.mean()
        levels.append(loss.mean())
    # the lowest contour is just above this data's least-squares loss, close to the noise variance
    floor = np.linalg.lstsq(np.column_stack([features.numpy(), np.ones(1000)]), labels.numpy(), rcond=None)[1]
    assert floor[0] / 1000 < min(levels) < floor[0] / 1000 + 0.01 * max(levels)


def test_initialization_dropdown_sets_the_starting_point(dashboard):
    dashboard.init.value = "zero"
    np.testing.assert_array_equal(dashboard.steps[0], [0.0, 0.0, 0.0])
    dashboard.init.value = "normal"
    torch.manual_seed(defaults.SEED)
    expected = torch.empty(1, 2).normal_(0, defaults.NORMAL_INIT_STD).numpy().reshape(-1)
    np.testing.assert_allclose(dashboard.steps[0], [*expected, 0.0], rtol=1e-6)


def test_epochs_and_batch_size_set_the_number_of_steps(dashboard):
    dashboard.epochs.value = 3
    dashboard.batch_size.value = 50
    assert len(dashboard.history.loss) == 4
    assert dashboard.steps.shape[0] == 3 * (1000 // 50) + 1


def test_controls_are_bounded_so_divergence_is_reachable_but_nothing_breaks(dashboard):
    assert dashboard.lr.min == pytest.approx(-4) and 10**dashboard.lr.max == pytest.approx(2.0, rel=0.01)
    assert 10**dashboard.lr.max > max_stable_lr(_data()[0])
    assert min(BATCH_SIZES) == 1 and max(BATCH_SIZES) == defaults.NUM_EXAMPLES
    assert dashboard.epochs.min == 1 and dashboard.epochs.max == MAX_EPOCHS
    assert 10**dashboard.noise.min == pytest.approx(1e-3) and 10**dashboard.noise.max == pytest.approx(1.0)
    # Typing a value outside a slider's range clamps it instead of breaking the run.
    dashboard.lr.value = 1e9
    assert dashboard.lr.value == pytest.approx(10**dashboard.lr.max)
    dashboard.epochs.value = 10_000
    assert dashboard.epochs.value == MAX_EPOCHS


@pytest.mark.parametrize(
    ("lr", "batch_size", "noise", "epochs"),
    [
        (1e-4, 1, 1e-3, 2),
        (10**0.3, 1, 1.0, 2),
        (10**0.3, 1000, 1e-3, MAX_EPOCHS),
        (1e-4, 1000, 1.0, MAX_EPOCHS),
    ],
)
def test_corners_of_the_controls_give_a_status_and_a_figure(dashboard, lr, batch_size, noise, epochs):
    dashboard.epochs.value = epochs
    dashboard.batch_size.value = batch_size
    dashboard.noise.value = noise
    dashboard.lr.value = lr
    assert dashboard.image.startswith(b"\x89PNG")
    history = dashboard.history
    assert all(math.isfinite(loss) for loss in history.loss)
    if history.diverged:
        assert dashboard.status_text.startswith("Diverged")
    else:
        assert dashboard.status_text.startswith("Final loss")
    assert history.diverged == (lr > 1)  # 2 is above every batch size's limit; 1e-4 below all


def test_slowest_setting_still_finishes(dashboard):
    dashboard.lr.value = 1e-3
    dashboard.batch_size.value = 1
    dashboard.epochs.value = MAX_EPOCHS
    assert dashboard.steps.shape[0] == MAX_EPOCHS * 1000 + 1
    assert not dashboard.history.diverged


def test_moving_a_control_away_and_back_restores_the_same_image(dashboard):
    initial = dashboard.image
    dashboard.lr.value = 1.5  # a diverged run in between: different artists, limits and texts
    dashboard.noise.value = 0.5
    dashboard.noise.value = defaults.NOISE_STD
    dashboard.lr.value = defaults.LR
    assert dashboard.image == initial


def test_gradient_descent_just_above_the_limit_is_reported_as_diverging(dashboard):
    dashboard.batch_size.value = 1000
    dashboard.epochs.value = 30
    dashboard.lr.value = 1.0  # 1.1 x 2/λ_max: grows by |1 - 2.2| = 1.2 per step, not yet a million-fold
    features, labels = _data()
    A = np.column_stack([features.numpy().astype(np.float64), np.ones(1000)])
    y = labels.numpy().reshape(-1).astype(np.float64)
    theta = dashboard.steps[0].astype(np.float64)
    start = np.mean((A @ theta - y) ** 2)
    for _ in range(30):
        theta = theta - 1.0 * 2 / 1000 * A.T @ (A @ theta - y)
    end = np.mean((A @ theta - y) ** 2)
    assert start < end < 1e6 * start  # growing, below History's blow-up threshold
    assert not dashboard.history.diverged
    assert dashboard.history.final_loss == pytest.approx(end, rel=1e-3)
    assert dashboard.status_text.startswith("Diverging: with lr = 1 the loss grew from")
    assert WARNING_COLOR in dashboard.status


@pytest.mark.parametrize(
    ("kwargs", "match"), [({"num_examples": 0}, "num_examples"), ({"seed": "0"}, "seed must be an int")]
)
def test_bad_construction_arguments_name_the_argument(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        TrainingDashboard(**kwargs)
