"""The dashboards' sliders and menus, built one way: a constructor per kind, one readout per quantity."""

from __future__ import annotations

import math
from collections.abc import Sequence

import ipywidgets as widgets

from .. import defaults
from ..initializers import REGISTRY
from ..language import say

LABEL_STYLE = {"description_width": "initial"}
"""Labels as wide as their text."""

LOG_READOUT = ".3"
"""Readout of every log slider: three significant digits, trailing zeros trimmed (0.01, not 0.0100)."""

LIVE = True
"""Sliders report while they are dragged, so the plot follows the hand (not only on release)."""

NOISE_RANGE: tuple[float, float] = (1e-3, 1.0)
"""Noise standard deviations the noise sliders offer, in quarter decades (0.01, 0.1, 1 on the grid)."""

NOISE_STEP = 0.25
"""Step of the noise sliders, in decades."""


def log_slider(
    description: str, value: float, bounds: tuple[float, float], step: float
) -> widgets.FloatLogSlider:
    """A slider over ``bounds`` on a log scale, moving ``step`` decades at a time."""
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=math.log10(bounds[0]),
        max=math.log10(bounds[1]),
        step=step,
        description=description,
        readout_format=LOG_READOUT,
        continuous_update=LIVE,
        style=LABEL_STYLE,
    )


def noise_slider(value: float = defaults.NOISE_STD) -> widgets.FloatLogSlider:
    """The noise standard deviation σ, the same slider wherever the noise can be changed."""
    return log_slider(say("noise σ"), value, NOISE_RANGE, NOISE_STEP)


def int_slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """A slider over the integers ``low`` to ``high``."""
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        description=description,
        continuous_update=LIVE,
        style=LABEL_STYLE,
    )


def choice_slider(description: str, options: Sequence[object], value: object) -> widgets.SelectionSlider:
    """A slider over a few listed values (batch sizes, say)."""
    return widgets.SelectionSlider(
        options=tuple(options),
        value=value,
        description=description,
        continuous_update=LIVE,
        style=LABEL_STYLE,
    )


def scheme_menu(description: str, value: str = defaults.INIT_SCHEME) -> widgets.Dropdown:
    """A drop-down of the registered initialization schemes: their labels shown, their names read."""
    options = tuple((scheme.label, scheme.name) for scheme in REGISTRY.values())
    return widgets.Dropdown(options=options, value=value, description=description, style=LABEL_STYLE)


def every_value(control: widgets.Widget) -> list[object]:
    """Every value ``control`` can take, in order: a menu's or selection slider's options, a slider's
    steps from its minimum to its maximum (a log slider's as ``base ** exponent``); else its value."""
    if hasattr(control, "options"):
        return [option[1] if isinstance(option, tuple) else option for option in control.options]
    if isinstance(control, widgets.FloatLogSlider | widgets.IntSlider | widgets.FloatSlider):
        steps = round((control.max - control.min) / control.step)
        exponents_or_values = [control.min + k * control.step for k in range(steps + 1)]
        if isinstance(control, widgets.FloatLogSlider):
            return [control.base**exponent for exponent in exponents_or_values]
        return exponents_or_values
    return [control.value]
