"""Tests of the initialization experiments; expectations come from hand calculations and theory."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn

from linreg_helpers import linear_net, load_array, mlp
from linreg_helpers.diagnostics import LayerStats
from linreg_helpers.init_experiments import (
    DEEP_MAX_DEPTH,
    DEEP_WIDTH,
    VANISHED_STD,
    constant_init,
    deep_data,
    deep_net_statistics,
    hidden_unit_spread,
    statistics_summary,
    train_net,
)


def small_data(n: int = 200, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 2, generator=generator)
    y = X @ torch.tensor([[2.0], [-3.4]]) + 4.2
    return X, y


# constant_init


def test_constant_init_sets_every_weight_and_zeroes_biases() -> None:
    net = constant_init(mlp(2, 4, 2, "tanh"), 0.25)
    for layer in (m for m in net if isinstance(m, nn.Linear)):
        assert torch.all(layer.weight == 0.25)
        assert torch.all(layer.bias == 0)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "a"])
def test_constant_init_rejects_bad_values_naming_the_argument(value: object) -> None:
    with pytest.raises((ValueError, TypeError), match="value"):
        constant_init(linear_net(), value)


def test_constant_init_needs_a_linear_layer() -> None:
    with pytest.raises(ValueError, match="at least one nn.Linear"):
        constant_init(nn.Sequential(nn.Tanh()), 0.5)
    with pytest.raises(TypeError, match="net must be"):
        constant_init("not a net", 0.5)


# train_net


def test_train_net_first_entry_is_the_initial_mse() -> None:
    X, y = small_data()
    net = constant_init(linear_net(), 0.0)
    losses = train_net(net, load_array((X, y), 10, generator=torch.Generator().manual_seed(0)), X, y)
    assert losses[0] == pytest.approx(float((y**2).mean()), rel=1e-6)  # zero model predicts 0
    assert len(losses) == 11


def test_train_net_one_full_batch_step_matches_gradient_descent_by_hand() -> None:
    X, y = small_data(n=50)
    net = constant_init(linear_net(), 0.1)
    lr = 0.05
    train_net(net, [(X, y)], X, y, lr=lr, num_epochs=1)
    A = np.hstack([X.numpy(), np.ones((50, 1))]).astype(np.float64)
    theta = np.array([0.1, 0.1, 0.0])
    expected = theta - lr * 2 / 50 * A.T @ (A @ theta - y.numpy().reshape(-1))
    got = np.concatenate([net[0].weight.detach().numpy().reshape(-1), net[0].bias.detach().numpy()])
    np.testing.assert_allclose(got, expected, rtol=1e-5)


def test_constant_init_keeps_hidden_units_identical_but_they_move() -> None:
    X, y = small_data()
    net = constant_init(mlp(2, 4, 1, "tanh"), 0.5)
    train_net(net, load_array((X, y), 10, generator=torch.Generator().manual_seed(0)), X, y, num_epochs=3)
    weight = net[0].weight.detach()
    assert hidden_unit_spread(weight) == 0.0
    assert not torch.all(weight == 0.5)  # they did learn something, all alike


def test_zero_init_leaves_hidden_weights_at_zero_and_learns_only_the_mean() -> None:
    X, y = small_data()
    net = constant_init(mlp(2, 4, 1, "tanh"), 0.0)
    losses = train_net(
        net, load_array((X, y), 10, generator=torch.Generator().manual_seed(0)), X, y, num_epochs=10
    )
    assert torch.all(net[0].weight == 0) and torch.all(net[2].weight == 0)
    # The best constant prediction is the mean, whose MSE is the (biased) variance of y.
    assert losses[-1] == pytest.approx(float(y.var(unbiased=False)), rel=0.02)


def test_random_init_breaks_the_symmetry() -> None:
    torch.manual_seed(0)
    net = mlp(2, 4, 1, "tanh")
    assert hidden_unit_spread(net[0].weight.detach()) > 0.01


# hidden_unit_spread


def test_hidden_unit_spread_by_hand() -> None:
    assert hidden_unit_spread(torch.tensor([[1.0, 2.0], [1.0, 2.0]])) == 0.0
    assert hidden_unit_spread(torch.tensor([[1.0, 2.0], [1.5, 2.0], [1.0, 1.75]])) == 0.5


def test_hidden_unit_spread_rejects_vectors() -> None:
    with pytest.raises(ValueError, match="weight must be a 2-D tensor"):
        hidden_unit_spread(torch.ones(3))


# deep_data and deep_net_statistics


def test_deep_data_is_seeded_and_shaped() -> None:
    X1, y1 = deep_data(8, 20, seed=3)
    X2, y2 = deep_data(8, 20, seed=3)
    X3, _ = deep_data(8, 20, seed=4)
    assert X1.shape == (20, 8) and y1.shape == (20, 1)
    assert torch.equal(X1, X2) and torch.equal(y1, y2)
    assert not torch.equal(X1, X3)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"width": 0}, "width"), ({"num_examples": -1}, "num_examples"), ({"seed": 1.5}, "seed")],
)
def test_deep_data_rejects_bad_arguments(kwargs: dict, match: str) -> None:
    with pytest.raises((ValueError, TypeError), match=match):
        deep_data(**kwargs)


def test_deep_net_statistics_has_one_entry_per_layer() -> None:
    stats = deep_net_statistics("xavier", "tanh", depth=4)
    assert [s.layer for s in stats] == [1, 2, 3, 4, 5]


def test_zero_scheme_gives_exactly_zero_everywhere() -> None:
    stats = deep_net_statistics("zero", "relu", depth=3)
    assert all(s.activation_std == 0 and s.weight_grad_std == 0 for s in stats)


def test_small_normal_init_shrinks_activations_by_sigma_sqrt_width_per_layer() -> None:
    # With weights of std 0.01, tanh works in its linear range: each layer multiplies the std by
    # 0.01 * sqrt(width) = 0.08.
    stats = deep_net_statistics("normal", "tanh", depth=6)
    stds = [s.activation_std for s in stats[:-1]]
    factor = 0.01 * math.sqrt(DEEP_WIDTH)
    for before, after in zip(stds, stds[1:], strict=False):
        assert after / before == pytest.approx(factor, rel=0.3)
    assert stds[-1] < VANISHED_STD


def test_he_keeps_relu_activations_alive_and_xavier_lets_them_halve_in_variance() -> None:
    he = [s.activation_std for s in deep_net_statistics("he", "relu", depth=10)[:-1]]
    xavier = [s.activation_std for s in deep_net_statistics("xavier", "relu", depth=10)[:-1]]
    # He: the pre-activation variance stays 2 E[h^2]/... = constant; the ReLU output's std stays O(1).
    assert all(0.3 < s < 3 for s in he)
    # Xavier with fan_in = fan_out has variance 1/fan_in: ReLU halves the variance per layer, so the
    # std falls by about 1/sqrt(2) per layer: 0.707 ** 9 = 0.044 from layer 1 to layer 10.
    assert 0.044 / 3 < xavier[-1] / xavier[0] < 0.044 * 3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"scheme": "ones", "activation": "tanh"}, "scheme must be one of"),
        ({"scheme": "he", "activation": "sigmoid"}, "activation must be one of"),
        ({"scheme": "he", "activation": "relu", "depth": DEEP_MAX_DEPTH + 1}, "depth must be at most"),
        ({"scheme": "he", "activation": "relu", "depth": 0}, "depth must be a positive integer"),
    ],
)
def test_deep_net_statistics_rejects_bad_arguments(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        deep_net_statistics(**kwargs)


# statistics_summary


def stat(layer: int, act: float, grad: float) -> LayerStats:
    return LayerStats(layer=layer, activation_mean=0.0, activation_std=act, weight_grad_std=grad)


def test_summary_reports_first_and_last_hidden_layer() -> None:
    stats = [stat(1, 0.5, 0.01), stat(2, 0.25, 0.02), stat(3, 9.0, 9.0)]  # layer 3 is the output
    assert statistics_summary(stats) == (
        "Activation std 0.5 in layer 1, 0.25 in layer 2 (alive); "
        "weight-gradient std 0.01 in layer 1, 0.02 in layer 2."
    )


def test_summary_says_vanished_below_the_threshold() -> None:
    stats = [stat(1, 0.1, 1e-3), stat(2, VANISHED_STD / 2, 1e-9), stat(3, 1.0, 1.0)]
    assert "(vanished)" in statistics_summary(stats)


def test_summary_of_an_all_zero_net() -> None:
    assert "exactly 0" in statistics_summary([stat(1, 0.0, 0.0), stat(2, 0.0, 0.0)])


def test_summary_needs_stats() -> None:
    with pytest.raises(ValueError, match="stats must hold"):
        statistics_summary([])
