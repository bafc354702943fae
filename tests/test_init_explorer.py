"""Drive the initialization explorer without a browser: set controls, check the picture and numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
import torch  # noqa: E402

from linreg_helpers import SCHEMES, initialize, mlp  # noqa: E402
from linreg_helpers.init_experiments import DEEP_MAX_DEPTH, deep_data  # noqa: E402
from linreg_helpers.widgets import InitExplorer, init_explorer  # noqa: E402


def hidden_stds_by_hand(scheme: str, activation: str, depth: int) -> list[float]:
    """Independent forward pass: the std of each hidden layer's activation, computed layer by layer."""
    features, _ = deep_data()
    net = initialize(mlp(features.shape[1], features.shape[1], depth, activation), scheme, seed=0)
    squash = torch.tanh if activation == "tanh" else torch.relu
    h, stds = features, []
    with torch.no_grad():
        for layer in list(net)[0:-1:2]:
            h = squash(h @ layer.weight.T + layer.bias)
            stds.append(h.std().item())
    return stds


@pytest.fixture(scope="module")
def explorer() -> InitExplorer:
    return init_explorer()


def test_default_view_has_a_picture_and_a_status(explorer: InitExplorer) -> None:
    assert explorer.view.widget.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "normal, tanh, depth 10" in explorer.status.value
    assert "(vanished)" in explorer.status.value  # sigma = 0.01: 0.08 ** 10 ~ 1e-11


def test_controls_are_bounded_and_offer_every_scheme(explorer: InitExplorer) -> None:
    assert tuple(explorer.scheme.options) == SCHEMES
    assert tuple(explorer.activation.options) == ("tanh", "relu")
    assert (explorer.depth.min, explorer.depth.max) == (1, DEEP_MAX_DEPTH)


def test_changing_depth_redraws_and_recomputes(explorer: InitExplorer) -> None:
    before = explorer.view.widget.value
    explorer.depth.value = 4
    assert explorer.view.widget.value != before
    assert len(explorer.stats) == 5  # four hidden layers and the output layer
    assert "depth 4" in explorer.status.value


def test_statistics_match_an_independent_forward_pass(explorer: InitExplorer) -> None:
    explorer.scheme.value = "he"
    explorer.activation.value = "relu"
    explorer.depth.value = 6
    expected = hidden_stds_by_hand("he", "relu", 6)
    got = [s.activation_std for s in explorer.stats[:-1]]
    assert got == pytest.approx(expected, rel=1e-5)
    assert f"{expected[-1]:.2g} in layer 6 (alive)" in explorer.status.value


def test_zero_scheme_says_nothing_can_learn(explorer: InitExplorer) -> None:
    before = explorer.view.widget.value
    explorer.scheme.value = "zero"
    assert "exactly 0" in explorer.status.value
    assert explorer.view.widget.value != before


def test_slider_cannot_go_beyond_its_range(explorer: InitExplorer) -> None:
    explorer.scheme.value = "xavier"
    explorer.depth.value = 10_000
    assert explorer.depth.value == DEEP_MAX_DEPTH
    assert len(explorer.stats) == DEEP_MAX_DEPTH + 1


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"scheme": "ones"}, "scheme"), ({"activation": "gelu"}, "activation"), ({"depth": 31}, "depth")],
)
def test_bad_starting_values_give_a_clear_error(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        InitExplorer(**kwargs)


def test_displaying_the_explorer_shows_its_widget_box(explorer: InitExplorer) -> None:
    bundle = explorer._repr_mimebundle_()
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == explorer.widget.model_id
