"""layer_statistics against a forward and backward pass written out by hand."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from linreg_helpers import initialize, layer_statistics, mlp


def _data() -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    features = torch.randn(64, 3, generator=generator)
    return features, features.sum(dim=1, keepdim=True)


def test_activation_statistics_equal_a_manual_forward() -> None:
    features, labels = _data()
    net = initialize(mlp(3, hidden=5, depth=2, activation="tanh"), "xavier", seed=1)
    first, second, last = (module for module in net if isinstance(module, nn.Linear))
    with torch.no_grad():
        h1 = torch.tanh(features @ first.weight.T + first.bias)
        h2 = torch.tanh(h1 @ second.weight.T + second.bias)
        out = h2 @ last.weight.T + last.bias
    stats = layer_statistics(net, features, labels)
    assert [s.layer for s in stats] == [1, 2, 3]
    for s, h in zip(stats, (h1, h2, out), strict=True):
        assert s.activation_std == pytest.approx(h.std().item(), rel=1e-5)
        assert s.activation_mean == pytest.approx(h.mean().item(), rel=1e-5, abs=1e-7)


def test_last_layer_weight_gradient_equals_the_analytic_one() -> None:
    features, labels = _data()
    net = initialize(mlp(3, hidden=5, depth=1, activation="relu"), "he", seed=2)
    hidden, last = net[0], net[2]
    with torch.no_grad():
        h = torch.relu(features @ hidden.weight.T + hidden.bias)
        residual = h @ last.weight.T + last.bias - labels
        grad = 2 / len(features) * residual.T @ h  # d/dW mean((hW^T + b - y)^2)
    stats = layer_statistics(net, features, labels)
    assert stats[-1].weight_grad_std == pytest.approx(grad.std().item(), rel=1e-5)


def test_zero_init_gives_zero_gradients_on_hidden_layers() -> None:
    features, labels = _data()
    net = initialize(mlp(3, hidden=5, depth=3, activation="tanh"), "zero")
    stats = layer_statistics(net, features, labels)
    assert len(stats) == 4
    assert all(s.weight_grad_std == 0.0 for s in stats[:-1])
    assert all(s.activation_std == 0.0 for s in stats)


def test_gradients_are_cleared_afterwards() -> None:
    features, labels = _data()
    net = initialize(mlp(3, hidden=4, depth=2), "xavier", seed=0)
    before = [p.detach().clone() for p in net.parameters()]
    layer_statistics(net, features, labels)
    assert all(p.grad is None for p in net.parameters())
    assert all(torch.equal(p, q) for p, q in zip(net.parameters(), before, strict=True))
