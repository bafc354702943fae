"""The estimation-error figure: the points are the errors given, the line is σ/√n worked out by hand."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from linreg_helpers.plots import EstimationErrorDisplay  # noqa: E402


def test_points_are_the_errors_and_the_line_is_sigma_over_root_n():
    drawn = EstimationErrorDisplay.from_errors([100, 10000], [0.0011, 0.00009], noise_std=0.01)
    np.testing.assert_allclose(drawn.points_.get_ydata(), [0.0011, 0.00009])
    np.testing.assert_allclose(drawn.theory_.get_ydata(), [0.001, 0.0001])  # 0.01/10, 0.01/100
    assert drawn.ax_.get_xscale() == "log" and drawn.ax_.get_yscale() == "log"
    labels = [t.get_text() for t in drawn.ax_.get_legend().get_texts()]
    assert labels == ["σ/√n, σ = 0.01", "measured"]
    plt.close(drawn.figure_)


def test_given_axes_are_used():
    fig, ax = plt.subplots()
    assert EstimationErrorDisplay.from_errors([10, 20], [0.1, 0.05], 0.3, ax=ax).ax_ is ax
    plt.close(fig)


@pytest.mark.parametrize(
    ("sizes", "errors", "noise_std"),
    [([10], [0.1], 0.01), ([10, 20], [0.1], 0.01), ([10, 20], [0.1, 0.0], 0.01), ([10, 20], [0.1, 0.2], -1)],
)
def test_bad_arguments_get_a_clear_error(sizes, errors, noise_std):
    with pytest.raises(ValueError, match="sizes|noise_std"):
        EstimationErrorDisplay(sizes, errors, noise_std)
