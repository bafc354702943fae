"""One registry of weight-initialization schemes: each scheme is one record, and everything reads it.

To add a scheme, add one :class:`Scheme` to ``REGISTRY``: the notebooks, widgets, plots and tests
pick it up from there (``tests/test_schemes.py`` runs every registered scheme end to end).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from . import defaults
from .palette import OKABE_ITO
from .validation import check_choice, check_has_linear, check_positive_int, check_seed


@dataclass(frozen=True)
class Scheme:
    """A weight-initialization scheme: its name, how figures show it, what it draws, what it should give."""

    name: str
    """The name code and widgets use (``initialize(net, name)``)."""
    label: str
    """How legends and tables show it."""
    color: str
    """Its colour, the same in every figure."""
    initialize_layer: Callable[[nn.Linear], object]
    """Draws one layer's parameters (in place)."""
    weight_std: Callable[[int, int], float]
    """The standard deviation of the weights it draws for a layer with ``(fan_in, fan_out)``."""
    meant_for: str
    """The activation its scale is derived for ("" if none)."""


def _weights_then_zero_bias(draw: Callable[[torch.Tensor], object]) -> Callable[[nn.Linear], None]:
    def initialize_layer(layer: nn.Linear) -> None:
        draw(layer.weight)
        if layer.bias is not None:
            nn.init.zeros_(layer.bias)

    return initialize_layer


REGISTRY: dict[str, Scheme] = {
    scheme.name: scheme
    for scheme in (
        Scheme(
            "zero",
            "zero",
            OKABE_ITO[7],
            _weights_then_zero_bias(nn.init.zeros_),
            lambda fan_in, fan_out: 0.0,
            "",
        ),
        Scheme(
            "normal",
            f"N(0, {defaults.NORMAL_INIT_STD:g}²)",
            OKABE_ITO[0],
            _weights_then_zero_bias(lambda w: nn.init.normal_(w, mean=0.0, std=defaults.NORMAL_INIT_STD)),
            lambda fan_in, fan_out: defaults.NORMAL_INIT_STD,
            "",
        ),
        Scheme(
            "xavier",
            "Xavier uniform",
            OKABE_ITO[2],
            _weights_then_zero_bias(nn.init.xavier_uniform_),
            lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out)),
            "tanh",
        ),
        Scheme(
            "he",
            "He normal",
            OKABE_ITO[1],
            _weights_then_zero_bias(lambda w: nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu")),
            lambda fan_in, fan_out: math.sqrt(2.0 / fan_in),
            "relu",
        ),
        Scheme(
            "pytorch_default",
            "PyTorch default",
            OKABE_ITO[4],
            nn.Linear.reset_parameters,  # Kaiming uniform with a = sqrt(5); draws the bias too
            lambda fan_in, fan_out: 1.0 / math.sqrt(3.0 * fan_in),
            "",
        ),
    )
}
"""Every scheme, by name: zeros; N(0, 0.01²) as d2l; Xavier (Glorot) uniform; He (Kaiming) normal for
ReLU; what ``nn.Linear`` does by itself."""

SCHEMES: tuple[str, ...] = tuple(REGISTRY)
"""Every scheme name :func:`initialize` accepts."""


def get_scheme(name: str) -> Scheme:
    """The registered scheme called ``name``, or an error listing the names there are."""
    return REGISTRY[check_choice("scheme", name, SCHEMES)]


def expected_weight_std(scheme: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation of the weights ``scheme`` draws for a layer with these fans."""
    record = get_scheme(scheme)
    return record.weight_std(check_positive_int("fan_in", fan_in), check_positive_int("fan_out", fan_out))


def initialize(net: nn.Module, scheme: str = defaults.INIT_SCHEME, seed: int | None = None) -> nn.Module:
    """Initialize every ``nn.Linear`` in ``net`` with ``scheme`` (biases to zero, except PyTorch's
    default, which draws them) and return ``net``.

    With ``seed`` the draws come from a generator seeded with it and the global random state is
    left untouched; without it they come from the global generator, as in the book.
    """
    record = get_scheme(scheme)
    linears = check_has_linear("net", net)
    if seed is not None:
        check_seed(seed)
    with torch.random.fork_rng(devices=[], enabled=seed is not None):
        if seed is not None:
            torch.manual_seed(seed)
        for layer in linears:
            record.initialize_layer(layer)
    return net
