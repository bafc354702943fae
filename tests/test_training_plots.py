"""The training figures: what they draw for normal and diverged runs, and their argument checks."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from linreg_helpers.history import History  # noqa: E402
from linreg_helpers.plots.surface_plots import LossBowl  # noqa: E402
from linreg_helpers.plots.training_plots import (  # noqa: E402
    LossDisplay,
    LrSweepDisplay,
    TrainingRunDisplay,
    TrajectoryDisplay,
)


def _history(lr, losses, diverged_at=None):
    history = History(lr=lr)
    for epoch, loss in enumerate(losses):
        history.record(epoch, loss, np.array([0.0, 0.0]), 0.0)
    history.diverged_at = diverged_at
    return history


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_loss_curve_is_the_history_on_a_log_axis_with_the_noise_floor():
    history = _history(0.03, [30.0, 0.5, 0.01, 1e-4])
    drawn = LossDisplay.from_histories(history, noise_var=1e-4)
    assert drawn.ax_.get_yscale() == "log"
    np.testing.assert_array_equal(drawn.curves_[0].get_xdata(), [0, 1, 2, 3])
    np.testing.assert_array_equal(drawn.curves_[0].get_ydata(), [30.0, 0.5, 0.01, 1e-4])
    assert list(drawn.floor_.get_ydata()) == [1e-4, 1e-4]
    assert drawn.floor_label_.get_text() == "noise floor σ² = 0.0001"
    low, high = drawn.ax_.get_ylim()
    assert low <= 1e-4 and high >= 30.0  # the whole curve and the floor are in view
    assert drawn.ax_.get_xlabel() == "epoch" and "loss" in drawn.ax_.get_ylabel()
    assert not drawn.messages_ and not drawn.divergence_marks_


def test_log_axis_is_labelled_in_powers_of_ten_without_tex():
    drawn = LossDisplay.from_histories(_history(0.03, [30.0, 1e-3]))
    drawn.figure_.canvas.draw()
    labels = [t.get_text() for t in drawn.ax_.get_yticklabels() if t.get_text()]
    assert "10⁻³" in labels and "10¹" in labels
    assert not any("$" in label for label in labels)


def test_diverged_run_draws_its_finite_part_a_cross_and_a_message():
    history = _history(1.5, [30.0, 900.0], diverged_at=2)
    drawn = LossDisplay.from_histories(history)
    np.testing.assert_array_equal(drawn.curves_[0].get_ydata(), [30.0, 900.0])
    assert drawn.divergence_marks_[0].get_xdata()[0] == 2
    assert drawn.messages_[0].get_text() == "diverged in epoch 2"


def test_run_that_diverged_in_its_first_epoch_still_draws():
    drawn = LossDisplay.from_histories(_history(2.0, [30.0], diverged_at=1), noise_var=1e-4)
    drawn.figure_.canvas.draw()
    assert drawn.messages_[0].get_text() == "diverged in epoch 1"


def test_several_runs_get_a_legend_naming_each_learning_rate():
    runs = [_history(0.01, [30.0, 1.0]), _history(0.1, [30.0, 0.1], diverged_at=None)]
    drawn = LossDisplay.from_histories(runs)
    assert [t.get_text() for t in drawn.ax_.get_legend().get_texts()] == ["lr = 0.01", "lr = 0.1"]


def test_identical_runs_stay_visible_as_outlines_of_each_other():
    # Five runs with the same losses: each curve is drawn wider than the ones drawn after it (on top),
    # so every legend entry has a visible line, not only the last one.
    runs = [_history(0.01, [30.0, 1.0, 0.1]) for _ in range(5)]
    drawn = LossDisplay.from_histories(runs, labels=list("abcde"), stack=True)
    widths = [curve.get_linewidth() for curve in drawn.curves_]
    assert all(wider > narrower for wider, narrower in zip(widths, widths[1:], strict=False))
    assert widths[-1] >= 1.0
    plain = LossDisplay.from_histories(runs, labels=list("abcde"))  # by default all alike
    assert len({curve.get_linewidth() for curve in plain.curves_}) == 1


def test_divergence_message_is_placed_clear_of_the_curves():
    # A run that falls along the bottom and one that climbs through the middle: the message block
    # must not cover any sampled point of either curve (checked in axes fractions after drawing).
    falling = _history(0.5, list(np.geomspace(30.0, 1e-4, 40)), diverged_at=None)
    climbing = _history(1.1, list(np.geomspace(30.0, 1e8, 40)), diverged_at=None)
    drawn = LossDisplay.from_histories([falling, climbing], noise_var=1e-4)
    drawn.figure_.canvas.draw()
    (message,) = drawn.messages_
    box = message.get_window_extent().transformed(drawn.ax_.transAxes.inverted())
    for curve in drawn.curves_:
        x, y = curve.get_data()
        points = (drawn.ax_.transData + drawn.ax_.transAxes.inverted()).transform(np.column_stack([x, y]))
        assert not any(box.contains(px, py) for px, py in points), message.get_position()


def test_given_axes_are_used():
    _, ax = plt.subplots()
    assert LossDisplay.from_histories(_history(0.1, [1.0, 0.5]), ax=ax).ax_ is ax


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"histories": []}, "histories"),
        ({"histories": [1.0]}, "histories"),
        ({"histories": _history(0.1, [1.0]), "noise_var": 0.0}, "noise_var"),
        ({"histories": _history(0.1, [1.0]), "labels": ["a", "b"]}, "labels"),
    ],
)
def test_loss_plot_rejects_bad_arguments(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        LossDisplay.from_histories(**kwargs)


def test_trajectory_draws_every_step_and_stars_the_true_weights():
    steps = np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 2.0], [2.0, -3.0, 4.0]])
    drawn = TrajectoryDisplay.from_steps(steps, [2.0, -3.4])
    np.testing.assert_array_equal(drawn.path_.get_xdata(), [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(drawn.path_.get_ydata(), [0.0, -1.0, -3.0])
    assert (drawn.true_.get_xdata()[0], drawn.true_.get_ydata()[0]) == (2.0, -3.4)
    assert (drawn.end_.get_xdata()[0], drawn.end_.get_ydata()[0]) == (2.0, -3.0)
    x0, x1 = drawn.ax_.get_xlim()
    y0, y1 = drawn.ax_.get_ylim()
    assert x0 < 0.0 and x1 > 2.0 and y0 < -3.4 and y1 > 0.0
    assert drawn.clipped_ is None
    assert (drawn.ax_.get_xlabel(), drawn.ax_.get_ylabel()) == ("w₁", "w₂")


def test_trajectory_of_a_diverging_run_keeps_a_useful_view_and_says_the_path_leaves_it():
    steps = np.array(
        [[0.0, 0.0, 0.0], [4.0, -6.0, 8.0], [-50.0, 80.0, 0.0], [1e30, -1e30, 0.0], [np.inf, np.nan, 0.0]]
    )
    drawn = TrajectoryDisplay.from_steps(steps, [2.0, -3.4])
    assert len(drawn.path_.get_xdata()) == 4  # the non-finite row is dropped
    # The view: centred on the true value, 1.25 times the start's largest distance from it (3.4) each way.
    np.testing.assert_allclose(drawn.ax_.get_xlim(), (2.0 - 4.25, 2.0 + 4.25))
    np.testing.assert_allclose(drawn.ax_.get_ylim(), (-3.4 - 4.25, -3.4 + 4.25))
    assert drawn.clipped_.get_text() == "the path leaves this view"


def test_runs_from_the_same_start_share_one_view_so_a_slider_keeps_the_ticks():
    start, true_w = [0.01, -0.003, 0.0], [2.0, -3.4]
    calm = TrajectoryDisplay.from_steps(np.array([start, [1.0, -1.7, 2.0], [2.0, -3.4, 4.2]]), true_w)
    wild = TrajectoryDisplay.from_steps(np.array([start, [3.5, -6.0, 5.0], [0.5, -0.6, 4.0]]), true_w)
    assert calm.ax_.get_xlim() == wild.ax_.get_xlim() and calm.ax_.get_ylim() == wild.ax_.get_ylim()
    assert calm.clipped_ is None and wild.clipped_ is None  # the overshoot stays inside the view


def test_long_trajectory_is_thinned_but_keeps_its_ends():
    steps = np.column_stack([np.linspace(0, 2, 10_001), np.linspace(0, -3.4, 10_001), np.zeros(10_001)])
    drawn = TrajectoryDisplay.from_steps(steps, [2.0, -3.4], max_points=500)
    xs = drawn.path_.get_xdata()
    assert len(xs) <= 500 and xs[0] == 0.0 and xs[-1] == 2.0


def test_single_feature_path_is_w_against_b():
    drawn = TrajectoryDisplay.from_steps(np.array([[0.0, 0.0], [1.0, 2.0]]), [1.5], true_b=3.0)
    assert (drawn.ax_.get_xlabel(), drawn.ax_.get_ylabel()) == ("w", "b")
    assert (drawn.true_.get_xdata()[0], drawn.true_.get_ydata()[0]) == (1.5, 3.0)


@pytest.mark.parametrize(
    ("steps", "true_w", "kwargs", "match"),
    [
        (np.zeros(3), [1.0, 2.0], {}, "steps"),
        (np.zeros((2, 3)), [1.0], {}, "true_w"),
        (np.zeros((2, 2)), [1.0], {}, "true_b"),
        (np.full((2, 3), np.nan), [1.0, 2.0], {}, "first row"),
        (np.zeros((2, 3)), [1.0, 2.0], {"max_points": 1}, "max_points"),
    ],
)
def test_trajectory_rejects_bad_arguments(steps, true_w, kwargs, match):
    with pytest.raises(ValueError, match=match):
        TrajectoryDisplay.from_steps(steps, true_w, **kwargs)


def test_lr_sweep_puts_diverged_runs_as_crosses_and_the_boundary_as_a_line():
    runs = [_history(0.01, [30.0, 1.0]), _history(0.1, [30.0, 1e-3]), _history(2.0, [30.0], diverged_at=1)]
    drawn = LrSweepDisplay.from_histories(runs, boundary=0.9)
    np.testing.assert_array_equal(drawn.converged_.get_xdata(), [0.01, 0.1])
    np.testing.assert_array_equal(drawn.converged_.get_ydata(), [1.0, 1e-3])
    np.testing.assert_array_equal(drawn.diverged_.get_xdata(), [2.0])
    assert list(drawn.boundary_.get_xdata()) == [0.9, 0.9]
    assert drawn.ax_.get_xscale() == "log"


def test_training_run_title_puts_the_learning_rate_against_the_boundary():
    history = _history(0.45, [30.0, 1.0])
    steps = np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 2.0]])
    drawn = TrainingRunDisplay.from_run(history, steps, [2.0, -3.4], boundary=0.9, noise_var=1e-4)
    assert drawn.loss_.ax_.get_title() == "loss, lr = 0.45 = 0.5 × 2/λ_max"
    assert "1 steps" in drawn.path_.ax_.get_title()
    # one figure, two panels side by side (the figure a widget shows)
    assert drawn.axes_ == [drawn.loss_.ax_, drawn.path_.ax_] and drawn.figure_.axes == drawn.axes_


def _bowl():
    generator = torch.Generator().manual_seed(0)
    features = torch.randn(200, 2, generator=generator, dtype=torch.float64)
    labels = features @ torch.tensor([2.0, -3.4], dtype=torch.float64) + 4.2
    labels += 0.1 * torch.randn(200, generator=generator, dtype=torch.float64)
    return LossBowl.from_data(features, labels), features, labels


def test_path_over_the_bowl_shows_its_contours_under_the_path_at_equal_scales():
    bowl, features, labels = _bowl()
    steps = np.array([[0.0, 0.0, 0.0], [1.0, -1.7, 2.0], [2.0, -3.4, 4.2]])
    drawn = TrajectoryDisplay.from_steps(steps, [2.0, -3.4], bowl=bowl)
    assert drawn.ax_.get_aspect() == 1.0
    assert len(drawn.contours_.get_segments()) >= 4
    assert drawn.contours_.get_zorder() < drawn.path_.get_zorder()  # under the path
    for line in drawn.contours_.get_segments():  # each a level set of the loss with the best bias
        residuals = labels.numpy().reshape(-1, 1) - features.numpy() @ line.T
        loss = np.mean((residuals - residuals.mean(axis=0)) ** 2, axis=0)
        assert np.ptp(loss) < 1e-9 * loss.mean()
    assert TrajectoryDisplay.from_steps(steps, [2.0, -3.4]).contours_ is None


def test_a_bowl_needs_two_weights():
    with pytest.raises(ValueError, match="2 weights"):
        TrajectoryDisplay(np.array([[0.0, 0.0], [1.0, 2.0]]), [1.5], true_b=3.0, bowl=_bowl()[0])


def _png_of(draw):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 3), dpi=50)
    canvas = FigureCanvasAgg(figure)
    axes = list(figure.subplots(1, 2))
    draw(axes)
    canvas.draw()
    return bytes(canvas.buffer_rgba())


def test_update_on_used_axes_draws_the_same_picture_as_a_fresh_display():
    diverged = _history(1.5, [30.0, 900.0], diverged_at=2)
    wild = np.array([[0.0, 0.0, 0.0], [40.0, -60.0, 8.0], [np.inf, 0.0, 0.0]])
    converged = _history(0.03, [30.0, 0.5, 0.01, 1e-4])
    calm = np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 2.0], [2.0, -3.0, 4.0]])

    bowl = _bowl()[0]

    def fresh(axes):
        TrainingRunDisplay.from_run(
            converged, calm, [2.0, -3.4], axes=axes, noise_var=1e-4, boundary=0.9, bowl=bowl
        )

    def reused(axes):
        drawn = TrainingRunDisplay(diverged, wild, [2.0, -3.4], noise_var=1e-2, boundary=0.9).plot(axes=axes)
        assert drawn.update(converged, calm, noise_var=1e-4, boundary=0.9, bowl=bowl) is drawn
        assert drawn.axes_ == axes and not drawn.loss_.messages_ and drawn.path_.clipped_ is None
        assert len(axes[0].lines) == 2 and len(axes[0].texts) == 1  # the curve, the floor and its label
        assert drawn.path_.contours_ in axes[1].collections

    assert _png_of(reused) == _png_of(fresh)


def test_a_run_from_the_same_start_and_data_moves_only_the_path_and_draws_a_fresh_display_s_picture():
    bowl = _bowl()[0]
    calm = np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 2.0], [2.0, -3.0, 4.0]])
    wild = np.array([[0.0, 0.0, 0.0], [40.0, -60.0, 8.0], [np.inf, 0.0, 0.0]])
    slow, fast = _history(0.01, [30.0, 20.0]), _history(0.5, [30.0, 900.0], diverged_at=2)

    def fresh(history, steps):
        return lambda axes: TrainingRunDisplay.from_run(history, steps, [2.0, -3.4], axes=axes, bowl=bowl)

    def reused(*runs):
        def draw(axes):
            drawn = TrainingRunDisplay.from_run(slow, calm, [2.0, -3.4], axes=axes, bowl=bowl)
            path, contours = drawn.path_.path_, drawn.path_.contours_
            for history, steps in runs:
                drawn.update(history, steps, bowl=bowl)
            assert drawn.path_.path_ is path and drawn.path_.contours_ is contours  # moved, not redrawn
            assert len(axes[1].lines) == 4 and len(axes[1].texts) == 2 + (drawn.path_.clipped_ is not None)

        return draw

    assert _png_of(reused((fast, wild))) == _png_of(fresh(fast, wild))  # the path leaves the view
    assert _png_of(reused((fast, wild), (slow, calm))) == _png_of(fresh(slow, calm))  # and comes back


def test_growing_loss_is_reported_as_diverging_without_a_cross():
    drawn = LossDisplay.from_histories(_history(1.0, [30.0, 80.0, 300.0]))
    assert drawn.messages_[0].get_text() == "loss growing: diverging"
    assert not drawn.divergence_marks_
