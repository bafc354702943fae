"""Closed-form least squares and scikit-learn, checked against hand calculations and the normal equations."""

import numpy as np
import pytest
import torch

from linreg_helpers import defaults, synthetic_data
from linreg_helpers.closed_form import (
    Fit,
    estimation_errors,
    fit_table,
    least_squares,
    sklearn_fit,
    training_mse,
)


def test_three_points_by_hand():
    # Points (0, 1), (1, 2), (2, 4): slope = 3/2, intercept = 7/3 - 3/2 = 5/6,
    # residuals 1/6, -1/3, 1/6, so the MSE is (1/36 + 4/36 + 1/36) / 3 = 1/18.
    X = torch.tensor([[0.0], [1.0], [2.0]], dtype=torch.float64)
    y = torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64)
    for fit in (least_squares(X, y), sklearn_fit(X, y)):
        assert fit.w[0] == pytest.approx(1.5, abs=1e-12)
        assert fit.b == pytest.approx(5 / 6, abs=1e-12)
        assert fit.mse == pytest.approx(1 / 18, abs=1e-12)


def test_noise_free_data_recovers_the_true_parameters():
    generator = torch.Generator().manual_seed(defaults.SEED)
    X = torch.randn(50, 2, dtype=torch.float64, generator=generator)
    y = X @ torch.tensor(defaults.TRUE_W, dtype=torch.float64) + defaults.TRUE_B
    fit = least_squares(X, y)
    np.testing.assert_allclose(fit.w, defaults.TRUE_W, atol=1e-10)
    assert fit.b == pytest.approx(defaults.TRUE_B, abs=1e-10)
    assert fit.mse < 1e-20


def test_chapter_data_matches_the_normal_equations_and_scikit_learn():
    torch.manual_seed(defaults.SEED)
    X, y = synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, 1000)
    A = np.column_stack([X.numpy().astype(np.float64), np.ones(1000)])
    theta = np.linalg.solve(A.T @ A, A.T @ y.numpy().astype(np.float64).reshape(-1))
    closed, sk = least_squares(X, y), sklearn_fit(X, y)
    for fit in (closed, sk):
        np.testing.assert_allclose(fit.w, theta[:2], rtol=1e-9)
        assert fit.b == pytest.approx(theta[2], rel=1e-9)
    # The minimum training loss sits just under the noise variance 1e-4.
    assert 0.8e-4 < closed.mse < 1.2e-4
    assert closed.mse <= training_mse(X, y, defaults.TRUE_W, defaults.TRUE_B)


def test_training_mse_by_hand_and_its_argument_check():
    X = torch.tensor([[1.0, 2.0], [0.0, 1.0]])
    y = torch.tensor([[10.0], [0.0]])
    # predictions 1*1 + 2*2 + 1 = 6 and 0 + 2 + 1 = 3: errors -4 and 3, MSE = (16 + 9) / 2
    assert training_mse(X, y, [1.0, 2.0], 1.0) == pytest.approx(12.5)
    with pytest.raises(ValueError, match="w must have one entry per feature"):
        training_mse(X, y, [1.0], 0.0)


def test_bad_labels_name_the_argument():
    with pytest.raises(ValueError, match="labels"):
        least_squares(torch.zeros(4, 2), torch.zeros(4, 2))


def test_table_lists_the_true_values_then_each_fit():
    fits = [Fit("closed form", np.array([2.0, -3.4]), 4.2, 1e-4)]
    lines = fit_table(fits, true_w=[2.0, -3.4], true_b=4.2).splitlines()
    assert lines[0].split() == ["method", "w", "b", "training", "MSE"]
    assert lines[1].startswith("true parameters") and "[2.0000, -3.4000]" in lines[1]
    assert lines[2].startswith("closed form") and lines[2].endswith("0.000100")


def test_table_shows_four_decimals_and_three_significant_digits_of_the_loss():
    # Digits past these belong to the CPU that computed the fit (see linreg_helpers.formatting).
    fits = [Fit("sgd", np.array([1.9999936, -3.3996179]), 4.1997848, 9.2560883e-05)]
    row = fit_table(fits).splitlines()[1].split()
    assert row == ["sgd", "[2.0000,", "-3.3996]", "4.1998", "0.0000926"]


def test_estimation_error_follows_sigma_over_root_n():
    sizes = [30, 300, 3000]
    errors = estimation_errors(sizes, noise_std=0.01, repeats=20)
    ratios = errors / (0.01 / np.sqrt(sizes))
    assert np.all((ratios > 0.7) & (ratios < 1.4)), ratios  # RMS over 40 draws: within about 30 %


def test_estimation_error_is_proportional_to_the_noise_and_zero_without_it():
    # The same seeds draw the same X and noise at every level, and least squares is linear in the noise.
    small, large = estimation_errors([50], 0.01, repeats=3), estimation_errors([50], 0.04, repeats=3)
    np.testing.assert_allclose(large, 4 * small, rtol=1e-3)
    assert estimation_errors([50], 0.0, repeats=2)[0] < 1e-5  # float32 data: rounding only


@pytest.mark.parametrize(("sizes", "repeats"), [([], 5), ([2, 100], 5), ([100], 0), ([100], 2.5)])
def test_estimation_errors_reject_bad_arguments(sizes, repeats):
    with pytest.raises(ValueError, match="sizes|repeats"):
        estimation_errors(sizes, repeats=repeats)


def test_fit_table_in_chinese_lines_up_by_display_width():
    from linreg_helpers.closed_form import display_width
    from linreg_helpers.language import set_language

    assert display_width("闭式解 ab") == 9  # three double-width characters, a space and two letters
    set_language("zh")
    try:
        table = fit_table([Fit("最小二乘", np.array([2.0, -3.4]), 4.2, 1e-4)], true_w=[2.0, -3.4], true_b=4.2)
    finally:
        set_language("en")
    lines = table.splitlines()
    assert lines[0].startswith("方法") and "训练均方误差" in lines[0] and lines[1].startswith("真实参数")
    assert len({display_width(line) for line in lines}) == 1  # every row ends in the same column
