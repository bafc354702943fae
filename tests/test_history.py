"""History records rows, detects divergence (non-finite or exploding loss) and says so."""

from __future__ import annotations

import math

import numpy as np

from linreg_helpers import History, defaults


def test_rows_are_copies_in_float64() -> None:
    history = History(lr=0.1)
    weights = np.array([1.0, 2.0], dtype=np.float32)
    assert history.record(0, 3.0, weights, 0.5)
    weights[0] = 99.0  # the caller's array changes; the history must not
    assert history.weights[0].tolist() == [1.0, 2.0] and history.weights[0].dtype == np.float64
    assert history.loss == [3.0] and history.bias == [0.5]
    assert history.epochs.tolist() == [0]


def test_non_finite_loss_is_divergence() -> None:
    for bad in (math.nan, math.inf):
        history = History(lr=0.5)
        history.record(0, 2.0, np.zeros(2), 0.0)
        assert not history.record(1, bad, np.full(2, math.nan), math.nan)
        assert history.diverged and history.diverged_at == 1
        assert history.loss == [2.0] and len(history.weights) == len(history.bias) == 1


def test_an_exploding_loss_is_divergence_before_it_overflows() -> None:
    history = History(lr=2.0)
    history.record(0, 4.0, np.zeros(1), 0.0)
    assert history.record(1, 4.0 * defaults.DIVERGENCE_RATIO, np.zeros(1), 0.0)  # at the limit: not yet
    assert not history.record(2, 4.0 * defaults.DIVERGENCE_RATIO * 1.01, np.zeros(1), 0.0)
    assert history.diverged_at == 2


def test_a_small_initial_loss_does_not_make_the_threshold_tiny() -> None:
    history = History(lr=0.1)
    history.record(0, 1e-12, np.zeros(1), 0.0)
    assert history.record(1, 0.5, np.zeros(1), 0.0)  # threshold uses max(initial loss, 1)


def test_messages_name_the_epoch_and_the_lr() -> None:
    history = History(lr=0.7)
    history.record(0, 1.0, np.zeros(1), 0.0)
    history.record(1, 0.25, np.zeros(1), 0.0)
    assert history.divergence_message() == ""
    assert history.log_lines() == ["epoch 1, loss 0.250000"]
    history.record(2, math.inf, np.zeros(1), 0.0)
    message = history.divergence_message()
    assert "epoch 2" in message and "lr = 0.7" in message
    assert history.log_lines() == ["epoch 1, loss 0.250000", message]
    assert history.final_loss == 0.25
