"""The shape every dashboard shares (widgets/dashboard.py): layout, wiring, display in a notebook."""

from __future__ import annotations

import asyncio
import threading

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from linreg_helpers.widgets import DataExplorer, InitExplorer, TrainingDashboard  # noqa: E402
from linreg_helpers.widgets import dashboard as dashboard_module  # noqa: E402
from linreg_helpers.widgets.controls import LOG_READOUT, every_value, noise_slider  # noqa: E402
from linreg_helpers.widgets.frame_view import key_part  # noqa: E402


@pytest.fixture(scope="module", params=[DataExplorer, InitExplorer, TrainingDashboard])
def dashboard(request):
    return request.param()


def _another_value(control: widgets.Widget) -> object:
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.SelectionSlider)):
        values = [option[1] if isinstance(option, tuple) else option for option in control.options]
        return values[(values.index(control.value) + 1) % len(values)]
    if isinstance(control, widgets.FloatLogSlider):
        return control.base ** ((control.min + control.max) / 2)  # the middle of the log range
    return control.min if control.value != control.min else control.max


def test_parts_are_laid_out_as_rows_of_controls_then_the_frames_with_their_status(dashboard):
    *rows, frames = dashboard.widget.children
    assert [control for row in rows for control in row.children] == list(dashboard.controls)
    assert frames is dashboard.frames and frames.controls == list(dashboard.controls)
    assert dashboard.image.startswith(b"\x89PNG") and dashboard.status


def test_every_control_updates_once_per_change(dashboard, monkeypatch):
    calls = []
    original = type(dashboard).render

    def counting(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(type(dashboard), "render", counting)
    for control in dashboard.controls:
        before = len(calls)
        start = control.value
        control.value = _another_value(control)
        assert len(calls) == before + 1, control.description
        control.value = start


def _browser_state(control: widgets.Widget, value: object) -> dict:
    """The state the front end sends when a person sets ``control`` to ``value``."""
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.SelectionSlider)):
        values = [option[1] if isinstance(option, tuple) else option for option in control.options]
        return {"index": values.index(value)}
    return {"value": value}


def test_values_from_the_browser_are_drawn_after_the_message_once_for_the_latest(dashboard, monkeypatch):
    monkeypatch.setattr(dashboard_module, "KEPT_FRAMES", 0)  # every value drawn anew
    dashboard._kept.clear()
    drawn = []
    original = type(dashboard).render

    def recording(self):
        drawn.append(tuple(control.value for control in self.controls))
        return original(self)

    monkeypatch.setattr(type(dashboard), "render", recording)

    async def drag(control: widgets.Widget) -> None:
        start = control.value
        for value in (_another_value(control), start, _another_value(control)):
            control.set_state(_browser_state(control, value))  # what a message from the browser does
        assert drawn == []  # each message is answered first: nothing drawn yet
        await asyncio.sleep(0)  # the kernel's next turn
        assert drawn == [tuple(c.value for c in dashboard.controls)]  # once, the latest value
        control.set_state(_browser_state(control, start))
        await asyncio.sleep(0)

    for control in dashboard.controls:
        drawn.clear()
        asyncio.run(drag(control))
        assert len(drawn) == 2, control.description


def test_a_frame_is_drawn_whole_before_another_thread_reads_the_controls(dashboard, monkeypatch):
    # JupyterLab sends widget messages to a kernel subshell (a thread) and ipykernel may hand them to
    # the main thread too. Thread A draws a frame and is held after reading the controls; meanwhile
    # thread B moves a control. B's frame must wait for A's, so that the last frame (image and status
    # line) shows the value the control holds at the end.
    control = dashboard.controls[0]
    first, second = control.value, _another_value(control)
    redraw = dashboard.view.redraw
    a_has_read, a_may_draw = threading.Event(), threading.Event()

    def held_redraw(*args, **kwargs):
        if threading.current_thread().name == "A":
            a_has_read.set()
            a_may_draw.wait(5.0)
        return redraw(*args, **kwargs)

    monkeypatch.setattr(dashboard.view, "redraw", held_redraw)
    a = threading.Thread(target=dashboard._redraw, name="A")
    a.start()
    assert a_has_read.wait(5.0)
    b = threading.Thread(target=lambda: setattr(control, "value", second), name="B")  # draws, from code
    b.start()
    b.join(0.3)  # B waits for A's frame (without the dashboard's lock, it draws meanwhile)
    a_may_draw.set()
    a.join(5.0)
    b.join(5.0)
    shown = dashboard.image, dashboard.status
    dashboard.update()
    assert (dashboard.image, dashboard.status) == shown
    control.value = first


def test_values_from_the_browser_without_a_kernel_loop_are_drawn_at_once(dashboard, monkeypatch):
    monkeypatch.setattr(dashboard_module, "KEPT_FRAMES", 0)  # every value drawn anew
    dashboard._kept.clear()
    calls = []
    original = type(dashboard).render
    monkeypatch.setattr(type(dashboard), "render", lambda self: calls.append(1) or original(self))
    control = dashboard.controls[0]
    start = control.value
    control.set_state(_browser_state(control, _another_value(control)))
    assert calls == [1]
    control.set_state(_browser_state(control, start))
    assert calls == [1, 1]


def _ahead_order(control: widgets.Widget) -> list:
    """Every value of ``control`` in the order a dashboard draws them ahead, its own first."""
    return dashboard_module._nearest_first(control, every_value(control))


def _shown(dashboard) -> tuple:
    """The frame shown: image, status line, and the attributes that describe it."""
    attributes = tuple(getattr(dashboard, name) for name in dashboard.FRAME_ATTRIBUTES)
    return dashboard.image, dashboard.status, attributes


def _counting_renders(dashboard, monkeypatch) -> list:
    calls = []
    original = type(dashboard).render
    monkeypatch.setattr(type(dashboard), "render", lambda self: calls.append(1) or original(self))
    return calls


def test_a_value_the_browser_sends_again_is_shown_from_the_kept_frame_and_code_always_draws(
    dashboard, monkeypatch
):
    dashboard._kept.clear()
    control = dashboard.controls[0]
    start, other = control.value, _another_value(control)
    dashboard.update()  # from code: drawn, and kept
    first = _shown(dashboard)
    assert first[0] == type(dashboard)().image  # a new dashboard draws those very pixels
    calls = _counting_renders(dashboard, monkeypatch)
    control.set_state(_browser_state(control, other))
    assert calls == [1] and _shown(dashboard) != first
    control.set_state(_browser_state(control, start))
    assert calls == [1]  # shown from the kept frame, not drawn
    assert _shown(dashboard) == first  # the same image, status and attributes (the same objects)
    control.value = other  # code always draws
    control.value = start
    assert calls == [1, 1, 1]


def test_a_dashboard_keeps_the_frames_shown_last_up_to_kept_frames(dashboard, monkeypatch):
    monkeypatch.setattr(dashboard_module, "KEPT_FRAMES", 2)
    dashboard._kept.clear()
    control = dashboard.controls[-1]  # a slider: the noise, the depth
    if isinstance(control, widgets.FloatLogSlider):
        values = [control.base**exponent for exponent in (control.min, control.max)]
    else:
        values = [control.min, control.max]
    values.insert(1, _another_value(control) if control.value in values else control.value)
    assert len(set(values)) == 3, "the test needs three values"
    calls = _counting_renders(dashboard, monkeypatch)
    for value in [*values, values[1], values[0]]:
        control.set_state(_browser_state(control, value))
    # values[0] was dropped when values[2] came (two kept), then drawn again; values[1] was kept
    assert calls == [1, 1, 1, 1]


def test_a_frame_is_not_kept_when_a_control_moved_while_it_was_drawn(dashboard, monkeypatch):
    dashboard._kept.clear()
    control = dashboard.controls[0]
    start, other = control.value, _another_value(control)
    original = type(dashboard).render

    def moved_meanwhile(self):
        picture = original(self)
        control.unobserve(self.update, names="value")
        control.value = other  # as another thread would, between reading the controls and keeping
        control.observe(self.update, names="value")
        return picture

    monkeypatch.setattr(type(dashboard), "render", moved_meanwhile)
    dashboard.update()
    assert not dashboard._kept
    monkeypatch.setattr(type(dashboard), "render", original)
    control.value = start


def test_in_a_kernel_frames_of_the_control_moved_last_are_drawn_ahead_while_idle(dashboard, monkeypatch):
    monkeypatch.setattr(dashboard_module, "IDLE_DELAY_S", 0.01)
    dashboard._kept.clear()
    control = dashboard.controls[-1]  # a slider: the noise, the depth
    start = control.value
    values = _ahead_order(control)
    monkeypatch.setattr(dashboard_module, "AHEAD_FRAMES", len(values) - 1)  # all of them
    moved_to = values[1]

    async def kernel() -> None:
        control.set_state(_browser_state(control, moved_to))
        await asyncio.sleep(0)  # drawn and shown
        shown = _shown(dashboard)
        for _ in range(500):
            await asyncio.sleep(0.01)
            if len(dashboard._kept) == len(values):
                break
        assert _shown(dashboard) == shown  # the frames drawn ahead are kept, not shown

    asyncio.run(kernel())
    assert len(dashboard._kept) == len(values)
    neighbour = _ahead_order(control)[1]
    calls = _counting_renders(dashboard, monkeypatch)
    control.set_state(_browser_state(control, neighbour))
    assert calls == []  # shown from the frame drawn ahead
    fresh = type(dashboard)()
    fresh.controls[-1].value = neighbour
    assert (dashboard.image, dashboard.status) == (fresh.image, fresh.status)
    control.value = start


def test_a_control_with_more_values_than_frames_drawn_ahead_is_not_drawn_ahead(dashboard, monkeypatch):
    control = dashboard.controls[-1]
    values = len(_ahead_order(control))
    planned = []
    monkeypatch.setattr(dashboard, "prepare_when_idle", planned.append)
    dashboard._moved_last = control
    monkeypatch.setattr(dashboard_module, "AHEAD_FRAMES", values - 1)
    dashboard._plan_drawing_ahead()
    assert {step.args[0] for step in planned[-1]} >= {control}  # all its other values fit: drawn ahead
    monkeypatch.setattr(dashboard_module, "AHEAD_FRAMES", values - 2)
    dashboard._plan_drawing_ahead()
    assert control not in {step.args[0] for step in planned[-1]}
    dashboard._moved_last = None


def test_values_are_drawn_ahead_nearest_first_and_keys_ignore_the_last_digits_of_a_float():
    slider = widgets.IntSlider(value=3, min=1, max=6)
    assert _ahead_order(slider) == [3, 4, 2, 5, 1, 6]
    log = noise_slider()
    values = _ahead_order(log)
    assert values[0] == pytest.approx(log.value) and len(values) == len(set(values))
    exponents = np.arange(log.min, log.max + 1e-9, log.step)
    assert sorted(values) == pytest.approx([log.base**exponent for exponent in exponents])
    value = 0.1778279410038923
    assert key_part(log, value) == key_part(log, value * (1 + 2**-52))
    assert key_part(log, value) != key_part(log, 0.1778)


def test_work_prepared_for_idle_time_runs_after_the_delay_in_order_and_is_replaced_by_later_work(
    dashboard, monkeypatch
):
    monkeypatch.setattr(dashboard_module, "IDLE_DELAY_S", 0.05)
    done = []

    async def kernel() -> None:
        dashboard.prepare_when_idle([lambda: done.append("stale")])
        dashboard.prepare_when_idle([lambda: done.append(1), lambda: done.append(2)])  # replaces it
        await asyncio.sleep(0.01)
        assert done == []  # not before the delay
        await asyncio.sleep(0.1)
        assert done == [1, 2]

    asyncio.run(kernel())
    dashboard.prepare_when_idle([lambda: done.append("no loop")])  # outside a kernel: not run
    assert done == [1, 2]


def test_a_notebook_displays_the_dashboard_itself(dashboard):
    bundle = dashboard._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == dashboard.widget.model_id


def test_the_noise_slider_is_one_slider_wherever_it_appears():
    explorer, trainer = DataExplorer(), TrainingDashboard()
    for slider in (explorer.noise_std, trainer.noise):
        reference = noise_slider()
        assert (slider.min, slider.max, slider.step, slider.readout_format) == (
            reference.min,
            reference.max,
            reference.step,
            LOG_READOUT,
        )
