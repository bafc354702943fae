"""Exercise checks: right answers pass, wrong ones get a hint, malformed ones a sentence, no traceback."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from linreg_helpers import chapter_data, defaults, initialize, linear_net, train_fast
from linreg_helpers.checks import (
    NOT_ANSWERED,
    check_batches,
    check_big_init_final_loss,
    check_error_shrink,
    check_lazy_initialized,
    check_model_for,
    check_noise_floor,
    check_normal_equations,
    check_parameter_count,
    check_scaled_limit,
    check_summed_lr,
    check_update_count,
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


def test_noise_floor_right_wrong_and_sigma_instead_of_sigma_squared():
    assert check_noise_floor(0.01, 0.1) and check_noise_floor(0.0093, 0.1)  # sigma², or this draw's value
    assert "σ itself" in check_noise_floor(0.1, 0.1).message
    assert not check_noise_floor(1e-4, 0.1) and "Hint" in check_noise_floor(1e-4, 0.1).message
    assert check_noise_floor(..., 0.1).message == NOT_ANSWERED


@pytest.mark.parametrize(
    ("answer", "right", "fragment"),
    [
        ((4, 100), True, "4 batches, the last of 100"),
        ((3, 100), False, "Hint"),
        ((4, 300), False, "Hint"),
        (4, False, "Expected two whole numbers"),
        ((4.0, 100.0), False, "Expected two whole numbers"),
        ((..., ...), False, NOT_ANSWERED),
    ],
)
def test_batches_by_hand(answer, right, fragment):
    verdict = check_batches(answer, 1000, 300)
    assert bool(verdict) is right and fragment in verdict.message
    assert check_batches((10, 10), 100, 10)  # an exact split: the last batch is full


def test_model_for_the_data_right_wrong_and_malformed():
    X5 = torch.randn(7, 5, generator=torch.Generator().manual_seed(0))
    assert check_model_for(torch.nn.Sequential(torch.nn.Linear(5, 1)), X5)
    lazy = torch.nn.Sequential(torch.nn.LazyLinear(1))
    assert check_model_for(lazy, X5)  # materialized on its first call
    assert "mat1 and mat2" in check_model_for(torch.nn.Linear(3, 1), X5).message
    assert "(7, 1)" in check_model_for(torch.nn.Linear(5, 2), X5).message
    assert "Expected a model" in check_model_for("Linear(5, 1)", X5).message
    assert check_model_for(..., X5).message == NOT_ANSWERED


def test_normal_equations_right_by_hand_wrong_and_malformed():
    A = torch.cat([FEATURES.double(), torch.ones(len(FEATURES), 1, dtype=torch.float64)], dim=1)
    theta = torch.linalg.solve(A.T @ A, A.T @ LABELS.double()).reshape(-1)  # the normal equations, solved
    assert check_normal_equations(theta, FEATURES, LABELS)
    truth = torch.tensor([2.0, -3.4, 4.2])
    assert not check_normal_equations(truth, FEATURES, LABELS)  # the true parameters are not the fit
    assert "shape (3,)" in check_normal_equations(theta[:2], FEATURES, LABELS).message
    assert check_normal_equations(..., FEATURES, LABELS).message == NOT_ANSWERED


def test_error_shrink_right_near_ten_with_hints_for_n_and_for_growth():
    assert check_error_shrink(10) and check_error_shrink(11.5) and check_error_shrink(torch.tensor(9.0))
    assert "n's own factor" in check_error_shrink(100).message
    assert "grew" in check_error_shrink(0.1).message
    assert not check_error_shrink(3) and "σ/√n" in check_error_shrink(3).message
    for answer in MALFORMED:
        verdict = check_error_shrink(answer)
        expected = verdict.message == NOT_ANSWERED if answer is ... else "Expected" in verdict.message
        assert not verdict and expected


def lazy_model(initialize_before_first_call: bool) -> torch.nn.Module:
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.LazyLinear(1))
    if not initialize_before_first_call:
        net(torch.zeros(1, 2))  # the dry run materializes the layer
    net[0].weight.data.normal_(0, 0.01)
    net[0].bias.data.fill_(0)
    net(torch.zeros(1, 2))
    return net


def test_lazy_initialized_right_after_a_dry_run_and_wrong_before_it():
    assert check_lazy_initialized(lazy_model(initialize_before_first_call=False))
    too_early = check_lazy_initialized(lazy_model(initialize_before_first_call=True))
    assert not too_early and "overwrote" in too_early.message
    still_lazy = check_lazy_initialized(torch.nn.Sequential(torch.nn.LazyLinear(1)))
    assert not still_lazy and "still lazy" in still_lazy.message
    zeros = torch.nn.Sequential(torch.nn.Linear(2, 1))
    torch.nn.init.zeros_(zeros[0].weight), torch.nn.init.zeros_(zeros[0].bias)
    assert not check_lazy_initialized(zeros) and "all zero" in check_lazy_initialized(zeros).message
    assert not check_lazy_initialized(torch.nn.Linear(2, 3))  # three outputs
    assert check_lazy_initialized(...).message == NOT_ANSWERED
    assert "nn.Module" in check_lazy_initialized("a model").message


def test_parameter_count_is_two_weights_and_a_bias():
    assert check_parameter_count(3, linear_net())
    assert (
        not check_parameter_count(2, linear_net())
        and "Hint" in check_parameter_count(2, linear_net()).message
    )
    assert check_parameter_count(3.0, linear_net()).message.startswith("Expected a whole number")
    assert check_parameter_count(..., linear_net()).message == NOT_ANSWERED


def test_update_count_is_one_step_per_minibatch():
    assert check_update_count(1000, num_examples=1000, batch_size=10, num_epochs=10)  # 100 batches x 10
    assert check_update_count(40, num_examples=1000, batch_size=300, num_epochs=10)  # 4 batches x 10
    assert "one per epoch" in check_update_count(10, 1000, 10, 10).message
    assert not check_update_count(100, 1000, 10, 10)
    assert check_update_count("1000", 1000, 10, 10).message.startswith("Expected a whole number")


def test_scaled_limit_right_from_the_eigenvalues_and_a_hint_for_dividing_by_three():
    A = np.column_stack([3 * FEATURES.double().numpy(), np.ones(len(FEATURES))])
    by_hand = 2 / np.linalg.eigvalsh(2 / len(A) * A.T @ A)[-1]  # 2/λ_max, worked out here in NumPy
    assert 0.09 < by_hand < 0.12 and check_scaled_limit(by_hand, FEATURES)
    A1 = np.column_stack([FEATURES.double().numpy(), np.ones(len(FEATURES))])
    third = 2 / np.linalg.eigvalsh(2 / len(A1) * A1.T @ A1)[-1] / 3
    assert "divides by 3" in check_scaled_limit(third, FEATURES).message
    assert not check_scaled_limit(0.9, FEATURES)
    assert check_scaled_limit(math.nan, FEATURES).message.startswith("Expected a finite")


def test_summed_lr_is_the_mean_lr_divided_by_the_batch_size():
    assert check_summed_lr(0.001) and check_summed_lr(0.002, lr=0.02, batch_size=10)
    assert "multiplies" in check_summed_lr(0.1).message
    assert not check_summed_lr(0.002) and "Hint" in check_summed_lr(0.002).message
