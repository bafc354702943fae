"""The initialization notebook's experiments: hidden-unit symmetry and per-layer statistics of a deep net."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from . import defaults
from .diagnostics import LayerStats, layer_statistics
from .initializers import initialize
from .language import say
from .models import mlp
from .training import train_net as train_net  # re-exported: the notebook imports it from here
from .validation import (
    check_choice,
    check_finite_float,
    check_has_linear,
    check_positive_int,
    check_seed,
)

DEEP_WIDTH: int = 64
"""Width of the deep net's inputs and hidden layers."""
DEEP_DEPTH: int = 10
"""Number of hidden layers of the deep net in the notebook's figures."""
DEEP_MAX_DEPTH: int = 30
"""Largest depth the explorer's slider offers."""
DEEP_NUM_EXAMPLES: int = 512
"""Examples in the batch pushed through the deep net."""
DEEP_ACTIVATIONS: tuple[str, ...] = ("tanh", "relu")
"""Activations compared in the deep-net experiment."""
VANISHED_STD: float = 1e-3
"""An activation std below this (the inputs have std 1) counts as vanished."""


def constant_init(net: nn.Module, value: float) -> nn.Module:
    """Set every ``nn.Linear`` weight in ``net`` to ``value`` and every bias to zero; return ``net``."""
    value = check_finite_float("value", value)
    for layer in check_has_linear("net", net):
        nn.init.constant_(layer.weight, value)
        if layer.bias is not None:
            nn.init.zeros_(layer.bias)
    return net


def hidden_unit_spread(weight: torch.Tensor) -> float:
    """Largest absolute difference between any row of ``weight`` and its first row (0: all units equal)."""
    if not isinstance(weight, torch.Tensor) or weight.ndim != 2:
        raise ValueError(f"weight must be a 2-D tensor (units x inputs), got {weight!r}")
    return (weight - weight[0]).abs().max().item()


def deep_data(
    width: int = DEEP_WIDTH, num_examples: int = DEEP_NUM_EXAMPLES, seed: int = defaults.SEED
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return standard-normal inputs (num_examples x width) and labels, seeded with ``seed``."""
    width = check_positive_int("width", width, maximum=4096)
    num_examples = check_positive_int("num_examples", num_examples, maximum=100_000)
    seed = check_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    features = torch.randn(num_examples, width, generator=generator)
    labels = torch.randn(num_examples, 1, generator=generator)
    return features, labels


def deep_net_statistics(
    scheme: str,
    activation: str = defaults.ACTIVATION,
    depth: int = DEEP_DEPTH,
    width: int = DEEP_WIDTH,
    seed: int = defaults.SEED,
) -> list[LayerStats]:
    """Per-layer statistics of ``mlp(width, width, depth, activation)`` initialized with ``scheme``.

    Returns ``depth + 1`` entries: one per hidden layer, then the output layer.
    """
    check_choice("activation", activation, DEEP_ACTIVATIONS)
    depth = check_positive_int("depth", depth, maximum=DEEP_MAX_DEPTH)
    features, labels = deep_data(width, seed=seed)
    net = initialize(mlp(width, width, depth, activation), scheme, seed=seed)
    return layer_statistics(net, features, labels)


def statistics_summary(stats: Sequence[LayerStats]) -> str:
    """One sentence on how the activations and gradients of the hidden layers change with depth."""
    if not stats:
        raise ValueError("stats must hold at least one layer, got none")
    hidden = stats[:-1] or stats
    if all(s.activation_std == 0 and s.weight_grad_std == 0 for s in stats):
        return say(
            "Every activation and every gradient is exactly 0: no weight can change, nothing is learned."
        )
    first, last = hidden[0], hidden[-1]
    verdict = say("vanished") if last.activation_std < VANISHED_STD else say("alive")
    return say(
        "Activation std {act_first:.2g} in layer {first}, {act_last:.2g} in layer {last} ({verdict}); "
        "weight-gradient std {grad_first:.2g} in layer {first}, {grad_last:.2g} in layer {last}.",
        act_first=first.activation_std,
        act_last=last.activation_std,
        grad_first=first.weight_grad_std,
        grad_last=last.weight_grad_std,
        first=first.layer,
        last=last.layer,
        verdict=verdict,
    )
