"""Every registered initialization scheme works end to end: drawing, expected scale, plots, widgets.

A new scheme is one record in ``linreg_helpers.initializers.REGISTRY``; these tests run it everywhere
the package uses schemes, so a record that lacks something fails here, not in a notebook.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from torch import nn  # noqa: E402

from linreg_helpers import (  # noqa: E402
    ACTIVATIONS,
    REGISTRY,
    SCHEMES,
    History,
    expected_weight_std,
    get_scheme,
    initialize,
    mlp,
)
from linreg_helpers.init_experiments import deep_net_statistics  # noqa: E402
from linreg_helpers.plots import LossDisplay, StatisticsPanelsDisplay  # noqa: E402
from linreg_helpers.widgets import InitExplorer, TrainingDashboard  # noqa: E402


def test_the_registry_is_keyed_by_name_and_records_differ():
    assert SCHEMES == tuple(REGISTRY) and all(REGISTRY[name].name == name for name in SCHEMES)
    assert len({s.color.lower() for s in REGISTRY.values()}) == len(SCHEMES)
    assert len({s.label for s in REGISTRY.values()}) == len(SCHEMES)
    assert all(s.meant_for in ("", *ACTIVATIONS) for s in REGISTRY.values())


def test_an_unknown_name_lists_the_registered_ones():
    with pytest.raises(ValueError, match="scheme must be one of 'zero', 'normal'.*got 'orthogonal'"):
        get_scheme("orthogonal")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_expected_weight_std_matches_what_torch_draws(scheme: str) -> None:
    layer = nn.Linear(400, 300)
    initialize(layer, scheme, seed=0)
    measured = layer.weight.std().item()  # 120,000 draws: the sampling error is about 0.2 %
    assert expected_weight_std(scheme, 400, 300) == pytest.approx(measured, rel=0.02, abs=1e-12)


def test_expected_weight_std_by_hand() -> None:
    assert expected_weight_std("zero", 5, 5) == 0.0
    assert expected_weight_std("normal", 5, 5) == 0.01
    assert expected_weight_std("xavier", 2, 1) == pytest.approx((2 / 3) ** 0.5)
    assert expected_weight_std("he", 2, 1) == pytest.approx(1.0)
    assert expected_weight_std("pytorch_default", 3, 1) == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="fan_in"):
        expected_weight_std("he", 0, 1)


@pytest.fixture(scope="module")
def dashboard() -> TrainingDashboard:
    return TrainingDashboard()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_works_in_every_place_that_takes_one(scheme: str, dashboard: TrainingDashboard) -> None:
    record = get_scheme(scheme)
    net = initialize(mlp(3, 8, 2), scheme, seed=1)
    assert all(torch.isfinite(p).all() for p in net.parameters())
    # plots: the loss curves of notebook 4 and the per-layer statistics, in the scheme's colour and label
    history = History(lr=0.01, loss=[1.0, 0.5])
    curve = LossDisplay.from_histories([history], labels=[record.label], colors=[record.color]).curves_[0]
    assert curve.get_label() == record.label and to_hex(curve.get_color()) == record.color.lower()
    lines = StatisticsPanelsDisplay.from_stats({scheme: deep_net_statistics(scheme, "tanh", 3)}).lines_
    assert to_hex(lines[0].get_color()) == record.color.lower()
    assert lines[0].get_label().startswith(record.label)
    # widgets: the explorer and the dashboard offer it and run it
    explorer = InitExplorer(scheme=scheme, depth=3)
    assert (record.label, scheme) in explorer.scheme.options and len(explorer.stats) == 4
    assert (record.label, scheme) in dashboard.init.options
    dashboard.init.value = scheme
    assert dashboard.history is not None and dashboard.image.startswith(b"\x89PNG")
