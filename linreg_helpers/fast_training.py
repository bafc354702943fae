"""A fast engine for the interactive widgets: the textbook loop's arithmetic without its overhead.

For the linear model with ``MSELoss`` the minibatch gradient has a closed form,
``grad = (2 / B) * A_b.T @ (A_b @ theta - y_b)`` with ``A_b = [X_b, 1]`` and ``theta = [w, b]``,
so one SGD step is two small NumPy products in float32 instead of a DataLoader fetch, a forward
pass, autograd and an optimizer. It visits the examples in the same order as ``load_array`` with
the same generator, so it reproduces :func:`linreg_helpers.train` (tested to a relative 1e-5).
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from . import defaults
from .data import shuffled_order
from .history import History
from .training import linear_parameters
from .validation import check_features_labels, check_positive_float, check_positive_int


def train_fast(
    net: nn.Module,
    features: torch.Tensor,
    labels: torch.Tensor,
    lr: float = defaults.LR,
    batch_size: int = defaults.BATCH_SIZE,
    num_epochs: int = defaults.NUM_EPOCHS,
    generator: torch.Generator | None = None,
    record_steps: bool = False,
) -> tuple[History, np.ndarray | None]:
    """Train ``net`` in place as ``train(net, load_array((features, labels), batch_size,
    generator=generator), features, labels, lr, num_epochs)`` would, only much faster.

    Returns the per-epoch history and, if ``record_steps``, the parameters ``[w..., b]`` after
    every minibatch step (row 0 is the initial state), else None.
    """
    features, labels = check_features_labels(features, labels)
    lr = check_positive_float("lr", lr)
    batch_size = check_positive_int("batch_size", batch_size)
    num_epochs = check_positive_int("num_epochs", num_epochs)
    weight, bias = linear_parameters(net)

    n = features.shape[0]
    X = features.numpy()
    dtype = X.dtype  # float32 as the book, or float64 when the caller asks for it
    A = np.hstack([X, np.ones((n, 1), dtype=dtype)])
    y = labels.numpy().reshape(-1)
    theta = np.concatenate([weight.detach().numpy().reshape(-1), bias.detach().numpy()]).astype(dtype)
    starts = range(0, n, batch_size)
    step_size = [dtype.type(lr * 2 / min(batch_size, n - start)) for start in starts]
    steps = np.empty((num_epochs * len(starts) + 1, theta.size), dtype) if record_steps else None
    if steps is not None:
        steps[0] = theta

    history = History(lr=lr)
    history.record(0, _mse(features, labels, theta), theta[:-1], theta[-1])
    step = 0
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(1, num_epochs + 1):
            order = shuffled_order(n, generator)
            A_epoch, y_epoch = A[order], y[order]
            for start, scale in zip(starts, step_size, strict=True):
                A_b = A_epoch[start : start + batch_size]
                residual = A_b @ theta - y_epoch[start : start + batch_size]
                theta -= scale * (residual @ A_b)
                if steps is not None:
                    step += 1
                    steps[step] = theta
            if not history.record(epoch, _mse(features, labels, theta), theta[:-1], theta[-1]):
                if steps is not None:
                    steps = steps[: step + 1]
                break
    with torch.no_grad():
        weight.copy_(torch.from_numpy(theta[:-1].copy()).reshape(weight.shape))
        bias.copy_(torch.from_numpy(theta[-1:].copy()))
    return history, steps


def _mse(features: torch.Tensor, labels: torch.Tensor, theta: np.ndarray) -> float:
    # The same torch ops as the textbook loop's epoch loss, so equal parameters give an equal loss.
    weight = torch.from_numpy(theta[None, :-1])
    bias = torch.from_numpy(theta[-1:])
    return nn.functional.mse_loss(nn.functional.linear(features, weight, bias), labels).item()
