"""Drive the data explorer without a browser: move a control, check the picture and the numbers."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from traitlets import TraitError

from linreg_helpers import defaults
from linreg_helpers.widgets.data_explorer import DataExplorer, data_explorer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def expected_true_parameter_mse(num_examples: int, noise_std: float, seed: int = defaults.SEED) -> float:
    """The seed's data drawn by hand (d2l's recipe), and the mean square of y - (Xw + b) in float64."""
    torch.manual_seed(seed)
    w = torch.tensor([2.0, -3.4])
    X = torch.normal(0, 1, (num_examples, 2))
    y = torch.matmul(X, w) + 4.2
    y += torch.normal(0, noise_std, y.shape)
    residuals = y.double().numpy() - (X.double().numpy() @ np.array([2.0, -3.4]) + 4.2)
    return float(np.mean(residuals**2))


@pytest.fixture
def explorer() -> DataExplorer:
    return data_explorer()


def test_default_view_shows_the_seed_setting(explorer):
    assert explorer.num_examples.value == 1000
    assert explorer.noise_std.value == pytest.approx(0.01)
    assert bytes(explorer.image).startswith(PNG_SIGNATURE)
    status = explorer.status
    assert "σ² = 1.00e-04" in status
    assert f"{expected_true_parameter_mse(1000, 0.01):.2e}" in status
    assert "1000 examples" in status
    # The mean of n squared N(0, σ²) draws has mean σ² and relative std sqrt(2 / n): 4.5 % at n = 1000.
    assert abs(explorer.display.residuals_.mse / 0.01**2 - 1) < 4 * np.sqrt(2 / 1000)


def test_noise_slider_redraws_and_updates_the_numbers(explorer):
    before = explorer.image
    explorer.noise_std.value = 0.1
    assert explorer.image != before
    assert bytes(explorer.image).startswith(PNG_SIGNATURE)
    status = explorer.status
    assert "σ² = 1.00e-02" in status
    assert f"{expected_true_parameter_mse(explorer.num_examples.value, 0.1):.2e}" in status


def test_examples_slider_redraws_and_updates_the_numbers(explorer):
    before = explorer.image
    explorer.num_examples.value = 200
    assert explorer.image != before
    assert "200 examples" in explorer.status
    assert f"{expected_true_parameter_mse(200, explorer.noise_std.value):.2e}" in explorer.status
    display = explorer.display
    assert [len(points.get_offsets()) for points in display.features_.points_] == [200, 200]
    assert len(display.residuals_.residuals) == 200


def test_sliders_cannot_leave_their_range(explorer):
    explorer.noise_std.value = 1e6
    assert explorer.noise_std.value == pytest.approx(1.0)
    explorer.noise_std.value = 0.0
    assert explorer.noise_std.value == pytest.approx(0.001)
    for count in (10**7, -5, 30):
        with pytest.raises(TraitError, match="Invalid selection"):
            explorer.num_examples.value = count
    assert explorer.num_examples.value == 1000
    explorer.num_examples.value = 10
    assert f"{expected_true_parameter_mse(10, 0.001):.2e}" in explorer.status


def test_the_examples_slider_spans_a_log_scale_evenly():
    # Each step multiplies n by 2 to 2.5: a hand reaches 10, 20 and 50 as easily as 1,000 and 5,000.
    counts = data_explorer().num_examples.options
    assert counts[0] == 10 and counts[-1] == 5000 and defaults.NUM_EXAMPLES in counts
    ratios = [later / earlier for earlier, later in zip(counts[:-1], counts[1:], strict=True)]
    assert all(2 <= ratio <= 2.5 for ratio in ratios)


def test_the_explorer_leaves_the_global_random_state_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    data_explorer()
    assert torch.equal(torch.rand(3), expected)


def test_updates_reuse_the_first_frames_artists(explorer):
    display = explorer.display
    points, histogram = list(display.features_.points_), display.residuals_.histogram_
    first_axes_ticks = display.axes_[0].yaxis.get_major_ticks()[0]
    before = explorer.image
    explorer.num_examples.value = 20
    explorer.noise_std.value = 0.1
    assert explorer.image != before
    assert explorer.display is display and display.features_.points_ == points
    assert display.residuals_.histogram_ is histogram
    assert display.axes_[0].yaxis.get_major_ticks()[0] is first_axes_ticks  # axes not cleared
    np.testing.assert_array_equal(points[0].get_offsets()[:, 1], points[1].get_offsets()[:, 1])
    assert len(display.residuals_.residuals) == 20
