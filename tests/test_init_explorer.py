"""Drive the initialization explorer without a browser: set controls, check the picture and numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import asyncio  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

from linreg_helpers import SCHEMES, initialize, mlp  # noqa: E402
from linreg_helpers.init_experiments import DEEP_MAX_DEPTH, deep_data, statistics_summary  # noqa: E402
from linreg_helpers.widgets import InitExplorer, init_explorer  # noqa: E402
from linreg_helpers.widgets.figure_image import LIVE_STYLE  # noqa: E402

dashboard_module = importlib.import_module("linreg_helpers.widgets.dashboard")


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
    assert explorer.image[:8] == b"\x89PNG\r\n\x1a\n"
    assert "N(0, 0.01²), tanh, depth 10" in explorer.status  # the scheme by its label
    assert "(vanished)" in explorer.status  # sigma = 0.01: 0.08 ** 10 ~ 1e-11


def test_controls_are_bounded_and_offer_every_scheme(explorer: InitExplorer) -> None:
    assert tuple(name for _, name in explorer.scheme.options) == SCHEMES
    assert tuple(explorer.activation.options) == ("tanh", "relu")
    assert (explorer.depth.min, explorer.depth.max) == (1, DEEP_MAX_DEPTH)


def test_changing_depth_redraws_and_recomputes(explorer: InitExplorer) -> None:
    before = explorer.image
    explorer.depth.value = 4
    assert explorer.image != before
    assert len(explorer.stats) == 5  # four hidden layers and the output layer
    assert "depth 4" in explorer.status


def test_statistics_match_an_independent_forward_pass(explorer: InitExplorer) -> None:
    explorer.scheme.value = "he"
    explorer.activation.value = "relu"
    explorer.depth.value = 6
    expected = hidden_stds_by_hand("he", "relu", 6)
    got = [s.activation_std for s in explorer.stats[:-1]]
    assert got == pytest.approx(expected, rel=1e-5)
    assert expected[-1] > 1e-3  # so the status must call the last layer alive
    assert f"{statistics_summary(explorer.stats)}" in explorer.status
    assert "in layer 6 (alive)" in explorer.status


def test_zero_scheme_says_nothing_can_learn(explorer: InitExplorer) -> None:
    before = explorer.image
    explorer.scheme.value = "zero"
    assert "exactly 0" in explorer.status
    assert explorer.image != before


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


def test_updates_reuse_the_lines_and_each_setting_is_computed_once(monkeypatch) -> None:
    module = importlib.import_module("linreg_helpers.widgets.init_explorer")
    calls = []

    def counting(*args: object) -> list:
        calls.append(args)
        return module_deep_net_statistics(*args)

    module_deep_net_statistics = module.deep_net_statistics
    monkeypatch.setattr(module, "deep_net_statistics", counting)
    module._cached_statistics.cache_clear()
    explorer = InitExplorer(depth=3)
    lines = list(explorer.display.lines_)
    for depth in (4, 3, 4, 3):
        explorer.depth.value = depth
    assert calls == [("normal", "tanh", 3), ("normal", "tanh", 4)]
    assert explorer.display.lines_ == lines  # the same two Line2D objects, updated in place
    assert list(lines[0].get_xdata()) == [1, 2, 3]
    module._cached_statistics.cache_clear()


def test_in_a_kernel_the_other_depths_are_drawn_ahead_while_idle(monkeypatch) -> None:
    monkeypatch.setattr(dashboard_module, "IDLE_DELAY_S", 0.01)
    explorers = []

    async def kernel() -> None:
        explorers.append(InitExplorer("xavier", "relu", 3))
        explorer = explorers[0]
        assert len(explorer._kept) == 1  # its first frame only
        shown = explorer.image, explorer.status, explorer.stats
        for _ in range(1000):  # the others, one per turn of the loop, once idle
            await asyncio.sleep(0.01)
            if len(explorer._kept) == DEEP_MAX_DEPTH:
                break
        assert (explorer.image, explorer.status, explorer.stats) == shown  # drawn, not shown

    asyncio.run(kernel())
    (explorer,) = explorers
    assert len(explorer._kept) == DEEP_MAX_DEPTH
    renders = []
    original = InitExplorer.render
    monkeypatch.setattr(InitExplorer, "render", lambda self: renders.append(1) or original(self))
    for depth in (1, 17, DEEP_MAX_DEPTH):
        explorer.depth.set_state({"value": depth})  # from the browser: shown from the frame drawn ahead
        assert renders == [] and f"depth {depth}" in explorer.status
        ahead = explorer.image, explorer.status, explorer.stats
        explorer.update()  # from code: drawn, its axes ready (rendered while drawing ahead)
        assert explorer.view.axes_rendered == 0
        assert (explorer.image, explorer.status, explorer.stats) == ahead
        shown = np.asarray(Image.open(io.BytesIO(explorer.image)).convert("RGBA"))
        np.testing.assert_array_equal(shown, _full_draw(explorer))
        renders.clear()


def _full_draw(explorer: InitExplorer) -> np.ndarray:
    """The explorer's figure drawn by matplotlib in one ordinary pass, every artist included."""
    for ax in explorer.view.axes:
        for artist in ax.get_children():
            artist.set_animated(False)
    with matplotlib.rc_context(LIVE_STYLE):
        explorer.view.canvas.draw()
    return np.asarray(explorer.view.canvas.buffer_rgba()).copy()
