"""The chapter's nets and the registry of initialization schemes, checked against their definitions."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from linreg_helpers import SCHEMES, initialize, linear_net, mlp


def test_linear_net_is_the_books_model() -> None:
    net = linear_net(2)
    assert isinstance(net, nn.Sequential) and len(net) == 1
    assert isinstance(net[0], nn.Linear)
    assert (net[0].in_features, net[0].out_features) == (2, 1)


def test_mlp_layers() -> None:
    net = mlp(num_inputs=3, hidden=5, depth=2, activation="relu")
    kinds = [type(module) for module in net]
    assert kinds == [nn.Linear, nn.ReLU, nn.Linear, nn.ReLU, nn.Linear]
    shapes = [tuple(module.weight.shape) for module in net if isinstance(module, nn.Linear)]
    assert shapes == [(5, 3), (5, 5), (1, 5)]
    assert net(torch.zeros(4, 3)).shape == (4, 1)


def _weights(net: nn.Module) -> list[torch.Tensor]:
    return [m.weight.detach().clone() for m in net.modules() if isinstance(m, nn.Linear)]


def _biases(net: nn.Module) -> list[torch.Tensor]:
    return [m.bias.detach().clone() for m in net.modules() if isinstance(m, nn.Linear)]


def test_zero_gives_zeros() -> None:
    net = initialize(mlp(3, 8, 2), "zero", seed=0)
    assert all(torch.count_nonzero(w) == 0 for w in _weights(net))
    assert all(torch.count_nonzero(b) == 0 for b in _biases(net))


# Statistical tolerances: for N draws the sample std is within a few times sigma / sqrt(2N) of sigma,
# and the sample mean within a few times sigma / sqrt(N) of 0; 6 such units makes a false alarm
# astronomically unlikely while a wrong formula (a factor of sqrt(2) or more) still fails.
def _assert_std(weight: torch.Tensor, sigma: float) -> None:
    n = weight.numel()
    assert weight.std().item() == pytest.approx(sigma, abs=6 * sigma / math.sqrt(2 * n))
    assert abs(weight.mean().item()) < 6 * sigma / math.sqrt(n)


def test_normal_has_std_0_01_as_d2l() -> None:
    net = initialize(nn.Sequential(nn.Linear(400, 300)), "normal", seed=1)
    _assert_std(net[0].weight.detach(), 0.01)
    assert torch.count_nonzero(net[0].bias) == 0


def test_normal_without_seed_draws_as_the_books_normal_() -> None:
    net = linear_net(2)
    torch.manual_seed(4)
    initialize(net, "normal")
    book = nn.Linear(2, 1)
    torch.manual_seed(4)
    book.weight.data.normal_(0, 0.01)  # d2l's idiom
    assert torch.equal(net[0].weight.detach(), book.weight.data)


def test_xavier_is_uniform_within_the_glorot_bound() -> None:
    fan_in, fan_out = 300, 200
    net = initialize(nn.Sequential(nn.Linear(fan_in, fan_out)), "xavier", seed=2)
    weight = net[0].weight.detach()
    bound = math.sqrt(6 / (fan_in + fan_out))
    assert weight.abs().max().item() <= bound
    assert weight.abs().max().item() > 0.99 * bound  # uniform: values reach the edge
    _assert_std(weight, bound / math.sqrt(3))  # variance of U(-a, a) is a^2 / 3 = 2 / (fan_in + fan_out)


def test_he_has_std_sqrt_2_over_fan_in() -> None:
    fan_in, fan_out = 400, 500
    net = initialize(nn.Sequential(nn.Linear(fan_in, fan_out)), "he", seed=3)
    _assert_std(net[0].weight.detach(), math.sqrt(2 / fan_in))


@pytest.mark.parametrize("scheme", [s for s in SCHEMES if s != "pytorch_default"])
def test_biases_are_zero(scheme: str) -> None:
    net = mlp(3, 6, 2)
    for module in net:
        if isinstance(module, nn.Linear):
            nn.init.constant_(module.bias, 1.0)
    initialize(net, scheme, seed=0)
    assert all(torch.count_nonzero(b) == 0 for b in _biases(net))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_seed_is_reproducible_and_leaves_the_global_generator_alone(scheme: str) -> None:
    net = mlp(3, 6, 2)  # building the net draws from the global generator, as nn.Linear does
    torch.manual_seed(123)
    state = torch.get_rng_state()
    first = _weights(initialize(net, scheme, seed=9))
    assert torch.equal(torch.get_rng_state(), state)
    again = _weights(initialize(mlp(3, 6, 2), scheme, seed=9))
    assert all(torch.equal(a, b) for a, b in zip(first, again, strict=True))
    if scheme != "zero":
        other = _weights(initialize(mlp(3, 6, 2), scheme, seed=10))
        assert not all(torch.equal(a, b) for a, b in zip(first, other, strict=True))


def test_pytorch_default_is_what_a_fresh_linear_does() -> None:
    torch.manual_seed(7)
    fresh = nn.Linear(5, 4)
    net = initialize(nn.Sequential(nn.Linear(5, 4)), "pytorch_default", seed=7)
    assert torch.equal(net[0].weight.detach(), fresh.weight.detach())
    assert torch.equal(net[0].bias.detach(), fresh.bias.detach())
    # And it is the documented U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    assert net[0].weight.abs().max().item() <= 1 / math.sqrt(5)


def test_initialize_without_a_scheme_does_what_the_book_does() -> None:
    # The book: torch.manual_seed(...); net[0].weight.data.normal_(0, 0.01); net[0].bias.data.fill_(0)
    book = linear_net(2)
    torch.manual_seed(0)
    book[0].weight.data.normal_(0, 0.01)
    book[0].bias.data.fill_(0)
    ours = initialize(linear_net(2), seed=0)
    assert torch.equal(ours[0].weight, book[0].weight) and torch.equal(ours[0].bias, book[0].bias)
