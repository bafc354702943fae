"""Per-layer activation and gradient statistics: how initialization is judged in a deeper net."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from .validation import check_features_labels, check_has_linear


@dataclass(frozen=True)
class LayerStats:
    """Statistics of one ``nn.Linear`` layer for one forward and backward pass."""

    layer: int
    """1-based index of the Linear layer in the net."""
    activation_mean: float
    """Mean of the layer's output after its activation (the Linear output for the last layer)."""
    activation_std: float
    """Standard deviation of that output."""
    weight_grad_std: float
    """Standard deviation of the gradient of the loss with respect to the layer's weight."""


def layer_statistics(net: nn.Sequential, features: torch.Tensor, labels: torch.Tensor) -> list[LayerStats]:
    """Run one forward/backward pass of ``MSELoss`` and return statistics for each Linear layer.

    The net's gradients are cleared before and after, so calling this does not change training.
    """
    features, labels = check_features_labels(features, labels)
    if not isinstance(net, nn.Sequential):
        raise TypeError(f"net must be an nn.Sequential, got {type(net).__name__}")
    modules = list(net)
    check_has_linear("net", net)
    linear_positions = [i for i, module in enumerate(modules) if isinstance(module, nn.Linear)]
    if not linear_positions:
        layers = ", ".join(type(module).__name__ for module in modules)
        raise ValueError(f"net's nn.Linear layers must be direct children of it, got Sequential({layers})")
    outputs: list[torch.Tensor] = []
    net.zero_grad(set_to_none=True)
    h = features
    for i, module in enumerate(modules):
        h = module(h)
        next_is_linear = i + 1 in linear_positions or i + 1 == len(modules)
        if next_is_linear:
            outputs.append(h.detach())
    nn.functional.mse_loss(h, labels).backward()
    stats = []
    for number, (position, output) in enumerate(zip(linear_positions, outputs, strict=True), start=1):
        grad = modules[position].weight.grad
        stats.append(
            LayerStats(
                layer=number,
                activation_mean=output.mean().item(),
                activation_std=output.std().item(),
                weight_grad_std=grad.std().item() if grad.numel() > 1 else grad.abs().item(),
            )
        )
    net.zero_grad(set_to_none=True)
    return stats
