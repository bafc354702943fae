"""The learning-rate boundary 2/lam_max, checked against hand calculations and real runs."""

import numpy as np
import pytest
import torch

from linreg_helpers import defaults, initialize, linear_net, synthetic_data, train_fast
from linreg_helpers.history import History, is_diverging
from linreg_helpers.stability import max_stable_lr, mse_hessian


def test_diagonal_design_matches_hand_calculation():
    # Columns with zero mean and no cross terms: A^T A = diag(1+1, 4+4, 4) = diag(2, 8, 4),
    # so H = (2/4) diag(2, 8, 4) = diag(1, 4, 2), lam_max = 4 and the boundary is 2/4.
    X = torch.tensor([[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]])
    np.testing.assert_allclose(mse_hessian(X), np.diag([1.0, 4.0, 2.0]), atol=1e-12)
    assert max_stable_lr(X) == pytest.approx(0.5, rel=1e-12)


def test_single_constant_feature_by_hand():
    # X = c for every example: A = [c, 1], H = 2 [[c^2, c], [c, 1]], eigenvalues 0 and 2 (c^2 + 1).
    c = 3.0
    X = np.full((5, 1), c)
    assert max_stable_lr(X) == pytest.approx(2.0 / (2.0 * (c**2 + 1.0)), rel=1e-12)


def test_matches_numpy_eig_of_second_moment_matrix():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 3)) * np.array([1.0, 0.5, 2.0]) + 0.3
    A = np.column_stack([X, np.ones(200)])
    second_moment = A.T @ A / 200  # E[a a^T]; H is twice it
    expected = 2.0 / (2.0 * np.max(np.linalg.eigvals(second_moment).real))
    assert max_stable_lr(torch.from_numpy(X)) == pytest.approx(expected, rel=1e-10)
    assert max_stable_lr(X) == pytest.approx(expected, rel=1e-6)  # a NumPy array is read as float32


def test_computed_in_float64_from_float32_input():
    X = torch.tensor([[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]], dtype=torch.float32)
    assert mse_hessian(X).dtype == np.float64


@pytest.mark.parametrize("bad", [torch.zeros(3), torch.zeros(0, 2), [[1.0, float("nan")]]])
def test_bad_features_name_the_argument(bad):
    with pytest.raises((ValueError, TypeError), match="features"):
        max_stable_lr(bad)


def _full_batch_run(factor: float):
    torch.manual_seed(defaults.SEED)
    features, labels = synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, 1000)
    lr = factor * max_stable_lr(features)
    net = initialize(linear_net(), "normal", seed=defaults.SEED)
    generator = torch.Generator().manual_seed(defaults.SEED)
    history, _ = train_fast(
        net, features, labels, lr=lr, batch_size=1000, num_epochs=400, generator=generator
    )
    return history


def test_full_batch_gradient_descent_converges_just_below_the_boundary():
    history = _full_batch_run(0.95)
    assert not history.diverged
    assert history.final_loss < 2 * defaults.NOISE_STD**2


def test_full_batch_gradient_descent_diverges_just_above_the_boundary():
    history = _full_batch_run(1.05)
    assert history.diverged
    assert "Diverged" in history.divergence_message()


def _history(losses, diverged_at=None):
    history = History(lr=1.0)
    for epoch, loss in enumerate(losses):
        history.record(epoch, loss, np.zeros(2), 0.0)
    history.diverged_at = diverged_at
    return history


def test_is_diverging_flags_a_growing_loss_before_history_does():
    assert not is_diverging(_history([30.0, 10.0, 1e-4]))
    assert not is_diverging(_history([30.0, 3.0, 20.0]))  # went up at the end, still below its start
    assert is_diverging(_history([30.0, 25.0, 300.0]))  # not yet a million-fold: History has no flag
    assert is_diverging(_history([30.0, 900.0], diverged_at=2))


def test_gradient_descent_a_little_above_the_limit_is_diverging_within_thirty_epochs():
    torch.manual_seed(defaults.SEED)
    features, labels = synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, 1000)
    net = initialize(linear_net(), "normal", seed=defaults.SEED)
    lr = 1.1 * max_stable_lr(features)
    history, _ = train_fast(net, features, labels, lr, 1000, 30, generator=torch.Generator().manual_seed(0))
    assert not history.diverged and is_diverging(history)
