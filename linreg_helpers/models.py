"""The chapter's linear net and a small multi-layer net for the initialization experiments."""

from __future__ import annotations

from torch import nn

from . import defaults
from .validation import check_choice, check_positive_int

ACTIVATIONS: dict[str, type[nn.Module]] = {"tanh": nn.Tanh, "relu": nn.ReLU, "identity": nn.Identity}
"""Activation functions the multi-layer net accepts, by name."""


def linear_net(num_inputs: int = 2) -> nn.Sequential:
    """Return the chapter's model, ``nn.Sequential(nn.Linear(num_inputs, 1))``."""
    num_inputs = check_positive_int("num_inputs", num_inputs)
    return nn.Sequential(nn.Linear(num_inputs, 1))


def mlp(
    num_inputs: int = 2,
    hidden: int = 4,
    depth: int = 1,
    activation: str = defaults.ACTIVATION,
    num_outputs: int = 1,
) -> nn.Sequential:
    """Return a net of ``depth`` hidden layers of width ``hidden``, each followed by ``activation``.

    ``depth=1`` is the smallest net in which initialization matters beyond the linear model.
    """
    num_inputs = check_positive_int("num_inputs", num_inputs)
    hidden = check_positive_int("hidden", hidden, maximum=4096)
    depth = check_positive_int("depth", depth, maximum=200)
    num_outputs = check_positive_int("num_outputs", num_outputs)
    activation = check_choice("activation", activation, tuple(ACTIVATIONS))
    layers: list[nn.Module] = []
    width_in = num_inputs
    for _ in range(depth):
        layers += [nn.Linear(width_in, hidden), ACTIVATIONS[activation]()]
        width_in = hidden
    layers.append(nn.Linear(width_in, num_outputs))
    return nn.Sequential(*layers)
