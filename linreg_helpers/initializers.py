"""One registry of weight-initialization schemes, applied with ``torch.nn.init``."""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

from . import defaults
from .validation import check_choice, check_has_linear

InitFn = Callable[[torch.Tensor], object]

INITIALIZERS: dict[str, InitFn] = {
    "zero": nn.init.zeros_,
    "normal": lambda weight: nn.init.normal_(weight, mean=0.0, std=defaults.NORMAL_INIT_STD),
    "xavier": nn.init.xavier_uniform_,
    "he": lambda weight: nn.init.kaiming_normal_(weight, mode="fan_in", nonlinearity="relu"),
}
"""Weight initializers by name: zeros; N(0, 0.01²) as d2l; Xavier (Glorot) uniform; He (Kaiming) normal."""

SCHEMES: tuple[str, ...] = (*INITIALIZERS, "pytorch_default")
"""Every scheme name :func:`initialize` accepts; ``pytorch_default`` is what ``nn.Linear`` does by itself."""


def initialize(net: nn.Module, scheme: str = defaults.INIT_SCHEME, seed: int | None = None) -> nn.Module:
    """Initialize every ``nn.Linear`` in ``net`` with ``scheme`` (biases to zero) and return ``net``.

    With ``seed`` the draws come from a generator seeded with it and the global random state is
    left untouched; without it they come from the global generator, as in the book.
    """
    check_choice("scheme", scheme, SCHEMES)
    linears = check_has_linear("net", net)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise TypeError(f"seed must be an int or None, got {seed!r}")
    with torch.random.fork_rng(devices=[], enabled=seed is not None):
        if seed is not None:
            torch.manual_seed(seed)
        for layer in linears:
            if scheme == "pytorch_default":
                layer.reset_parameters()
                continue
            INITIALIZERS[scheme](layer.weight)
            if layer.bias is not None:
                nn.init.zeros_(layer.bias)
    return net
