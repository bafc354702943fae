"""Number formatting: the digits shown are the ones every CPU agrees on."""

import math

import pytest
import torch

from linreg_helpers.formatting import (
    ROUNDING_LEVEL,
    format_difference,
    format_errors,
    format_loss,
    format_values,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.600409, "0.600"),  # the first epoch of the chapter's log: three digits, trailing zeros kept
        (0.011236, "0.0112"),
        (0.000307, "0.000307"),
        (9.2608e-05, "0.0000926"),  # the noise floor, in the book's fixed-point style
        (32.703449, "32.7"),
        (1234.5, "1230"),
        (-11.1508, "-11.2"),
        (2.5e12, "2.50e+12"),  # a diverging loss
        (0.0, "0"),
    ],
)
def test_a_loss_keeps_three_significant_digits(value, text):
    assert format_loss(value) == text


def test_a_loss_that_is_not_finite_is_shown_as_such():
    assert format_loss(math.inf) == "inf" and format_loss(math.nan) == "nan"


def test_digits_can_be_asked_for():
    assert format_loss(0.600409, digits=2) == "0.60"


def test_a_gradient_tensor_of_any_shape_is_listed():
    assert format_values(torch.tensor([[0.85691, 10.29501]])) == "[0.857, 10.3]"


def test_errors_have_the_books_four_decimals_and_no_negative_zero():
    # The seed's log printed tensor([0.0002, -0.0006]); issue 8's CPUs printed 6.4e-06 and 6.2e-06 for
    # one error: with four decimals both are 0.0000.
    assert format_errors(torch.tensor([9.4056e-05, -3.891e-04])) == "[0.0001, -0.0004]"
    assert format_errors([6.4e-6, -6.2e-6]) == "[0.0000, 0.0000]"
    assert format_errors(7.0095e-05) == "0.0001"
    assert format_errors(-0.00226, decimals=3) == "-0.002"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "below 1e-05"),
        (2.4e-7, "below 1e-05"),
        (-6.2e-6, "below 1e-05"),
        (0.8728488, "0.87"),
        (10.0, "10"),
    ],
)
def test_a_difference_below_the_rounding_level_is_not_given_digits(value, text):
    assert format_difference(value) == text


def test_the_rounding_level_can_be_chosen():
    assert ROUNDING_LEVEL == 1e-5
    assert format_difference(3e-15, below=1e-12) == "below 1e-12"
    assert format_difference(7.0095e-05, below=1e-6) == "7.0e-05"
