"""The shape every dashboard shares (widgets/dashboard.py): layout, wiring, display in a notebook."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import pytest  # noqa: E402

from linreg_helpers.widgets import DataExplorer, InitExplorer, TrainingDashboard  # noqa: E402
from linreg_helpers.widgets.controls import LOG_READOUT, noise_slider  # noqa: E402


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


def test_parts_are_laid_out_as_rows_of_controls_then_the_figure_then_the_status(dashboard):
    *rows, view, status = dashboard.widget.children
    assert [control for row in rows for control in row.children] == list(dashboard.controls)
    assert view is dashboard.view.widget and status is dashboard.status
    assert dashboard.image.startswith(b"\x89PNG") and dashboard.status.value


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
