"""The textbook loop: one step checked by hand, the history's shape, divergence, and the seed's result."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from linreg_helpers import defaults, initialize, linear_net, load_array, train


def _net_with(w: list[float], b: float, dtype: torch.dtype = torch.float64) -> torch.nn.Sequential:
    net = linear_net(len(w)).to(dtype)
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor([w], dtype=dtype))
        net[0].bias.fill_(b)
    return net


def test_one_full_batch_step_is_the_analytic_mse_gradient_step() -> None:
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]])
    y = np.array([1.0, 2.0, -1.0])
    w0, b0, lr = np.array([0.5, -1.0]), 0.25, 0.1
    # By hand: r = X w0 + b0 - y, d/dw mean(r^2) = 2/n X^T r, d/db = 2/n sum(r).
    r = X @ w0 + b0 - y
    w1 = w0 - lr * 2 / 3 * X.T @ r
    b1 = b0 - lr * 2 / 3 * r.sum()
    features, labels = torch.tensor(X), torch.tensor(y).reshape(-1, 1)
    net = _net_with(list(w0), b0)
    history = train(net, [(features, labels)], features, labels, lr=lr, num_epochs=1)
    np.testing.assert_allclose(history.weights[1], w1, rtol=1e-12)
    assert history.bias[1] == pytest.approx(b1, rel=1e-12)
    assert history.loss[0] == pytest.approx(np.mean(r**2), rel=1e-12)
    assert history.loss[1] == pytest.approx(np.mean((X @ w1 + b1 - y) ** 2), rel=1e-12)
    np.testing.assert_allclose(history.weights[0], w0)
    np.testing.assert_allclose(net[0].weight.detach().numpy().reshape(-1), w1, rtol=1e-12)


def test_history_has_one_row_per_epoch_plus_the_start(seed_data: tuple[torch.Tensor, torch.Tensor]) -> None:
    features, labels = seed_data
    net = initialize(linear_net(2), "normal", seed=0)
    data_iter = load_array((features, labels), 100, generator=torch.Generator().manual_seed(0))
    history = train(net, data_iter, features, labels, lr=0.03, num_epochs=4)
    assert len(history.loss) == len(history.weights) == len(history.bias) == 5
    assert history.epochs.tolist() == [0, 1, 2, 3, 4]
    assert not history.diverged and history.divergence_message() == ""
    assert history.final_loss == history.loss[-1] < history.loss[0]
    assert [line.split(",")[0] for line in history.log_lines()] == [f"epoch {k}" for k in range(1, 5)]


def test_a_diverging_lr_is_reported_not_propagated(seed_data: tuple[torch.Tensor, torch.Tensor]) -> None:
    features, labels = seed_data
    net = initialize(linear_net(2), "normal", seed=0)
    data_iter = load_array(
        (features, labels), defaults.BATCH_SIZE, generator=torch.Generator().manual_seed(0)
    )
    history = train(net, data_iter, features, labels, lr=5.0, num_epochs=3)
    assert history.diverged_at == 1
    message = history.divergence_message()
    assert "epoch 1" in message and "lr = 5" in message
    assert history.log_lines()[-1] == message
    assert len(history.loss) == history.diverged_at  # only the finite rows are kept
    values = [*history.loss, *history.bias, *np.concatenate(history.weights)]
    assert all(math.isfinite(v) for v in values)


def test_the_seeds_setting_recovers_the_true_parameters(seed_data: tuple[torch.Tensor, torch.Tensor]) -> None:
    features, labels = seed_data
    torch.manual_seed(defaults.SEED)
    net = initialize(linear_net(2), defaults.INIT_SCHEME, seed=defaults.SEED)
    data_iter = load_array((features, labels), defaults.BATCH_SIZE)
    history = train(net, data_iter, features, labels, defaults.LR, defaults.NUM_EPOCHS)
    assert len(history.loss) == defaults.NUM_EPOCHS + 1
    assert history.final_loss < 2e-4  # the seed's log ends at 0.000091: the noise floor, sigma^2 = 1e-4
    np.testing.assert_allclose(history.weights[-1], defaults.TRUE_W, atol=1e-3)
    assert abs(history.bias[-1] - defaults.TRUE_B) < 1e-3


def test_verbose_prints_the_seeds_log(
    seed_data: tuple[torch.Tensor, torch.Tensor], capsys: pytest.CaptureFixture[str]
) -> None:
    features, labels = seed_data
    net = initialize(linear_net(2), "normal", seed=0)
    data_iter = load_array((features, labels), 1000, generator=torch.Generator().manual_seed(0))
    history = train(net, data_iter, features, labels, lr=0.1, num_epochs=2, verbose=True)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"epoch {k}, loss {history.loss[k]:f}" for k in (1, 2)]
