"""The textbook training loop of the chapter, exactly as in the seed (In[4]-In[5])."""

from __future__ import annotations

from collections.abc import Iterable

import torch
from torch import nn

from . import defaults
from .history import History
from .validation import check_features_labels, check_positive_float, check_positive_int


def linear_parameters(net: nn.Module) -> tuple[nn.Parameter, nn.Parameter]:
    """Return (weight, bias) of the single ``nn.Linear`` in ``net``, or raise a clear error."""
    linears = [module for module in net.modules() if isinstance(module, nn.Linear)]
    if len(linears) != 1 or linears[0].out_features != 1 or linears[0].bias is None:
        raise ValueError(
            "net must contain exactly one nn.Linear(num_inputs, 1) with a bias, "
            f"got {len(linears)} Linear layer(s)"
        )
    return linears[0].weight, linears[0].bias


def sgd_epoch(
    net: nn.Module,
    data_iter: Iterable[tuple[torch.Tensor, torch.Tensor]],
    loss: nn.Module,
    trainer: torch.optim.Optimizer,
) -> None:
    """One pass of the book's loop: for each minibatch, predict, ``zero_grad``, ``backward``, ``step``."""
    for X, y in data_iter:
        l = loss(net(X), y)  # noqa: E741 (the book's name)
        trainer.zero_grad()
        l.backward()
        trainer.step()


def _checked_setup(
    net: nn.Module, features: object, labels: object, lr: object, num_epochs: object
) -> tuple[torch.Tensor, torch.Tensor, float, int, torch.optim.SGD]:
    """The arguments of a training run, checked, and the book's optimizer for ``net``."""
    features, labels = check_features_labels(features, labels)
    lr = check_positive_float("lr", lr)
    num_epochs = check_positive_int("num_epochs", num_epochs)
    return features, labels, lr, num_epochs, torch.optim.SGD(net.parameters(), lr=lr)


def train_net(
    net: nn.Module,
    data_iter: Iterable[tuple[torch.Tensor, torch.Tensor]],
    features: torch.Tensor,
    labels: torch.Tensor,
    lr: float = defaults.LR,
    num_epochs: int = defaults.NUM_EPOCHS,
) -> list[float]:
    """Train any ``net`` in place with the book's loop (``MSELoss``, SGD); return the loss per epoch.

    Entry 0 is the loss before training, entry k the full-data loss after epoch k. Unlike
    :func:`train` it accepts nets with hidden layers, and records no parameters.
    """
    features, labels, lr, num_epochs, trainer = _checked_setup(net, features, labels, lr, num_epochs)
    loss = nn.MSELoss()
    with torch.no_grad():
        losses = [loss(net(features), labels).item()]
    for _ in range(num_epochs):
        sgd_epoch(net, data_iter, loss, trainer)
        with torch.no_grad():
            losses.append(loss(net(features), labels).item())
    return losses


def train(
    net: nn.Module,
    data_iter: Iterable[tuple[torch.Tensor, torch.Tensor]],
    features: torch.Tensor,
    labels: torch.Tensor,
    lr: float = defaults.LR,
    num_epochs: int = defaults.NUM_EPOCHS,
    loss: nn.Module | None = None,
    verbose: bool = False,
) -> History:
    """Train ``net`` in place with minibatch SGD on ``loss`` (default ``nn.MSELoss()``).

    Each epoch runs the book's loop (``zero_grad`` / ``backward`` / ``step`` per minibatch of
    ``data_iter``), then records the mean squared error on (features, labels) and the parameters.
    Training stops, and the history says so, as soon as the loss diverges.
    """
    weight, bias = linear_parameters(net)
    features, labels, lr, num_epochs, trainer = _checked_setup(net, features, labels, lr, num_epochs)
    loss = nn.MSELoss() if loss is None else loss
    mse = nn.MSELoss()
    history = History(lr=lr)
    with torch.no_grad():
        history.record(0, mse(net(features), labels).item(), weight.detach().numpy(), bias.item())
    for epoch in range(1, num_epochs + 1):
        sgd_epoch(net, data_iter, loss, trainer)
        with torch.no_grad():
            epoch_loss = mse(net(features), labels).item()
        if not history.record(epoch, epoch_loss, weight.detach().numpy(), bias.item()):
            break
        if verbose:
            print(f"epoch {epoch}, loss {epoch_loss:f}")
    return history
