"""Number formatting: the digits shown are the ones every CPU agrees on."""

import math

import pytest
import torch

from linreg_helpers.formatting import ROUNDING_LEVEL, format_loss, format_small, format_values


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.600409, "0.600"),  # the first epoch of the chapter's log: three digits, trailing zeros kept
        (0.011236, "0.0112"),
        (0.000307, "0.000307"),
        (9.2608e-05, "0.0000926"),  # the noise floor, in the book's fixed-point style
        (32.703449, "32.7"),
        (1234.5, "1230"),
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


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (-3.891e-04, "-0.00039"),
        (2.2e-4, "0.00022"),
        (7.0095e-05, "7.0e-05"),  # as many digits as its neighbours
        (10.0, "10"),
        (6.4e-6, "below 1e-05"),
        (-6.2e-6, "below 1e-05"),
    ],
)
def test_an_error_below_the_resolution_is_not_given_digits(value, text):
    assert format_small(value) == text


def test_two_cpus_that_differ_in_rounding_print_the_same_error():
    # Issue 8's table: 6.4e-06 on one CPU, 6.2e-06 on another; both are float32 rounding of zero error.
    assert format_small(6.4e-6) == format_small(6.2e-6)
    assert ROUNDING_LEVEL > 6.4e-6


def test_the_resolution_can_be_chosen_and_a_large_value_keeps_two_digits():
    assert format_small(2.4e-7, below=1e-6) == "below 1e-06"
    assert format_small(0.8728488683700562, below=1e-6) == "0.87"


def test_several_values_are_listed():
    assert format_values([6.4e-6, -3.891e-4]) == "[below 1e-05, -0.00039]"


def test_a_tensor_of_gradients_is_listed_with_the_digits_asked_for():
    assert format_values(torch.tensor([[0.85691, 10.29501]]).reshape(-1), digits=3) == "[0.857, 10.3]"
