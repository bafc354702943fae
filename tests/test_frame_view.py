"""What a dashboard sends the page (widgets/frame_view.py): each frame once, then only its key."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import pytest  # noqa: E402

from linreg_helpers.language import get_language, set_language  # noqa: E402
from linreg_helpers.widgets import DataExplorer  # noqa: E402
from linreg_helpers.widgets.controls import noise_slider, scheme_menu  # noqa: E402
from linreg_helpers.widgets.frame_view import FrameView, key_part  # noqa: E402


def _from_browser(slider: widgets.FloatLogSlider, value: float) -> None:
    """What a message from the browser that moved ``slider`` to ``value`` does."""
    slider.set_state({"value": value})


@pytest.fixture
def explorer(monkeypatch) -> tuple[DataExplorer, list[tuple[dict, list]]]:
    """A data explorer and the messages its frame view sends from now on (content, buffers)."""
    dashboard = DataExplorer()
    sent: list[tuple[dict, list]] = []
    monkeypatch.setattr(
        dashboard.frames, "send", lambda content, buffers=None: sent.append((content, buffers))
    )
    return dashboard, sent


def _key(dashboard: DataExplorer) -> list[object]:
    """The key of the controls' values as the page writes it (index of n's option, σ to 12 digits)."""
    counts = list(dashboard.num_examples.options)
    return [counts.index(dashboard.num_examples.value), float(f"{dashboard.noise_std.value:.12g}")]


def test_a_frame_goes_to_the_page_once_and_is_shown_again_by_its_key(explorer):
    dashboard, sent = explorer
    start = dashboard.noise_std.value
    first = (_key(dashboard), dashboard.image, dashboard.status)
    _from_browser(dashboard.noise_std, 0.1)  # from the browser
    (content, buffers), *_ = sent
    assert content == {"kind": "frame", "key": _key(dashboard), "status": dashboard.status, "show": True}
    assert buffers == [dashboard.image] and dashboard.image != first[1]
    sent.clear()
    _from_browser(dashboard.noise_std, start)  # a value kept
    assert sent[0] == ({"kind": "show", "key": first[0]}, None)  # its key only: the page has the pixels
    assert (dashboard.image, dashboard.status) == first[1:]
    sent.clear()
    dashboard.noise_std.value = 0.1  # code always draws, and sends
    assert sent[0][0]["kind"] == "frame" and sent[0][1] == [dashboard.image]


def test_a_page_is_sent_the_frame_shown_or_a_kept_one_it_asks_for(explorer):
    dashboard, sent = explorer
    first = (_key(dashboard), dashboard.image, dashboard.status)
    _from_browser(dashboard.noise_std, 0.1)
    sent.clear()
    dashboard.frames._answer(None, {"kind": "need", "key": None}, [])  # a new view: the frame shown
    assert sent == [
        (
            {"kind": "frame", "key": _key(dashboard), "status": dashboard.status, "show": True},
            [dashboard.image],
        )
    ]
    sent.clear()
    asked = json.loads(json.dumps(first[0]))  # as the page sends it back
    dashboard.frames._answer(None, {"kind": "need", "key": asked}, [])  # kept, not shown now
    assert sent == [({"kind": "frame", "key": asked, "status": first[2], "show": False}, [first[1]])]
    sent.clear()
    dashboard.frames._answer(None, {"kind": "need", "key": [0, 0.5]}, [])  # never drawn: nothing to send
    assert sent == []


def test_frames_drawn_ahead_are_sent_and_not_shown(explorer):
    dashboard, sent = explorer
    shown = dashboard.image, dashboard.status
    dashboard._draw_ahead(dashboard.noise_std, 1.0)
    ((content, buffers),) = sent
    assert (
        content["kind"] == "frame"
        and content["show"] is False
        and content["key"] == [_key(dashboard)[0], 1.0]
    )
    assert (dashboard.image, dashboard.status) == shown
    other = DataExplorer()
    other.noise_std.value = 1.0
    assert buffers == [other.image] and content["status"] == other.status  # the very frame of that value


def test_a_new_language_makes_the_page_forget_its_frames(explorer):
    dashboard, sent = explorer
    language = get_language()
    try:
        set_language("zh" if language == "en" else "en")
        dashboard.noise_std.value = 0.1
    finally:
        set_language(language)
    assert [content["kind"] for content, _ in sent] == ["clear", "frame"]
    sent.clear()
    dashboard.noise_std.value = 0.01
    assert [content["kind"] for content, _ in sent] == ["clear", "frame"]


def test_a_frame_drawn_while_a_control_moved_is_shown_but_not_kept_by_the_page(explorer, monkeypatch):
    dashboard, sent = explorer
    original = DataExplorer.render

    def moved_meanwhile(self):
        status = original(self)
        self.noise_std.unobserve(self.update, names="value")
        self.noise_std.value = 1.0  # as another thread would, while the frame is drawn
        self.noise_std.observe(self.update, names="value")
        return status

    monkeypatch.setattr(DataExplorer, "render", moved_meanwhile)
    dashboard.update()
    assert sent[-1][0]["kind"] == "frame" and sent[-1][0]["key"] is None


def test_a_key_holds_an_option_by_its_index_and_a_float_to_twelve_digits():
    menu = scheme_menu("scheme")
    names = [name for _, name in menu.options]
    assert key_part(menu, names[2]) == 2
    choice = widgets.SelectionSlider(options=(10, 20, 50), value=20)
    assert key_part(choice, 50) == 2
    assert key_part(widgets.IntSlider(value=3), 3) == 3
    log = noise_slider()
    assert (
        key_part(log, 0.1778279410038923)
        == key_part(log, 0.1778279410038923 * (1 + 2**-52))
        == 0.177827941004
    )
    # The page parses the key from JSON and writes it back: the same key, for floats too.
    key = [key_part(log, 10**-3.75), key_part(menu, names[0])]
    assert json.loads(json.dumps(key)) == key


def test_the_page_keeps_as_many_frames_as_the_dashboard():
    from linreg_helpers.widgets import dashboard as dashboard_module

    view = DataExplorer().frames
    assert isinstance(view, FrameView) and view.capacity == dashboard_module.KEPT_FRAMES
