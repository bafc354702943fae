"""Exercise checks: right answers pass, wrong ones get a hint, malformed ones a sentence, no traceback."""

from __future__ import annotations

import math

import pytest
import torch

from linreg_helpers import chapter_data, defaults, initialize, linear_net, train_fast
from linreg_helpers.checks import (
    NOT_ANSWERED,
    check_big_init_final_loss,
    check_weight_gradient,
    check_zero_model_loss,
)

FEATURES, LABELS = chapter_data(1000, 0.01, 0)
MALFORMED = [..., "33", None, [1.0, 2.0], math.nan, math.inf, True]


@pytest.mark.parametrize("answer", MALFORMED)
def test_malformed_numbers_get_a_sentence_not_a_traceback(answer):
    for verdict in (check_zero_model_loss(answer, LABELS), check_big_init_final_loss(answer)):
        assert not verdict and repr(verdict).startswith("✗ ")
        assert verdict.message == NOT_ANSWERED if answer is ... else "Expected" in verdict.message


def test_zero_model_loss_right_by_hand_and_wrong_with_a_hint():
    by_hand = sum(float(v) ** 2 for v in LABELS.reshape(-1)) / len(LABELS)  # mean of y², in Python floats
    assert check_zero_model_loss(by_hand, LABELS)
    assert check_zero_model_loss(4.2**2 + 2**2 + 3.4**2, LABELS)  # the expectation, 33.2: within 3 %
    assert check_zero_model_loss(torch.tensor(by_hand), LABELS)  # a one-element tensor is a number
    assert repr(check_zero_model_loss(by_hand, LABELS)).startswith("✓ Right. ")
    wrong = check_zero_model_loss(4.2**2, LABELS)  # only the bias
    assert not wrong and "Hint: the zero model predicts 0" in wrong.message


@pytest.fixture
def minibatch():
    net = initialize(linear_net(), "normal", seed=0)
    return net, FEATURES[:10], LABELS[:10]


def test_weight_gradient_by_the_formula_is_right(minibatch):
    net, X, y = minibatch
    with torch.no_grad():
        formula = 2 / len(X) * (net(X) - y).T @ X  # written out, not autograd
    assert check_weight_gradient(formula, net, X, y)
    assert net[0].weight.grad is None  # checking does not leave a gradient behind
    assert check_weight_gradient(formula.tolist(), net, X, y)  # nested lists are fine


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda g: g / 2, "Half of it"),
        (lambda g: -g, "Hint: ∂L/∂W"),
        (lambda g: g.reshape(-1), "shape (1, 2)"),
        (lambda g: g * math.nan, "finite"),
        (lambda g: "gradient", "Expected a tensor of shape (1, 2)"),
        (lambda g: ..., NOT_ANSWERED),
    ],
)
def test_weight_gradient_wrong_or_malformed_gets_a_sentence(minibatch, make, fragment):
    net, X, y = minibatch
    with torch.no_grad():
        formula = 2 / len(X) * (net(X) - y).T @ X
    verdict = check_weight_gradient(make(formula), net, X, y)
    assert not verdict and fragment in verdict.message


def test_big_init_final_loss_is_right_on_the_floor_only():
    assert check_big_init_final_loss(9.26e-5)
    for wrong in (1.5e5, 1e-6):
        verdict = check_big_init_final_loss(wrong)
        assert not verdict and "not on the noise floor" in verdict.message


def test_the_books_huge_initialization_reaches_the_floor_as_the_solution_says():
    # Notebook 4's solution to exercise 2, run here: weights of std 1000, the book's settings.
    big = linear_net()
    torch.manual_seed(defaults.SEED)
    torch.nn.init.normal_(big[0].weight, std=1000.0)
    torch.nn.init.zeros_(big[0].bias)
    history, _ = train_fast(big, FEATURES, LABELS, generator=torch.Generator().manual_seed(defaults.SEED))
    assert history.loss[0] > 1e4 * history.loss[-1] and not history.diverged
    assert check_big_init_final_loss(history.final_loss)
