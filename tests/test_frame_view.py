"""What a dashboard sends the page (widgets/frame_view.py): a frame with its pixels, then by its key alone."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import pytest  # noqa: E402

from linreg_helpers.language import get_language, set_language  # noqa: E402
from linreg_helpers.widgets import DataExplorer, TrainingDashboard  # noqa: E402
from linreg_helpers.widgets.controls import noise_slider, scheme_menu  # noqa: E402
from linreg_helpers.widgets.frame_view import key_part  # noqa: E402


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


def test_a_new_frame_goes_to_the_page_with_its_pixels_and_a_kept_one_by_its_key_alone(explorer):
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


def test_a_key_holds_an_option_by_its_index_and_a_float_that_is_not_whole_to_twelve_digits():
    menu = scheme_menu("scheme")
    names = [name for _, name in menu.options]
    assert key_part(menu, names[2]) == 2
    with pytest.raises(ValueError):
        key_part(menu, "no such scheme")
    choice = widgets.SelectionSlider(options=(10, 20, 50), value=20)
    assert key_part(choice, 50) == 2
    assert key_part(widgets.IntSlider(value=3), 3) == 3
    log = noise_slider()
    value = 0.1778279410038923
    assert key_part(log, value) == key_part(log, value * (1 + 2**-52)) == 0.177827941004
    assert key_part(log, 1234567890123.0) == 1234567890123.0  # whole: as the browser writes it, unrounded


def test_a_menu_with_nothing_selected_gives_no_key():
    dashboard = TrainingDashboard()
    assert dashboard._frame_key({dashboard.init: None}) is None
    assert dashboard._frame_key() is not None


def test_a_new_view_gets_the_frames_drawn_ahead_again_without_drawing_them(explorer, monkeypatch):
    dashboard, sent = explorer
    dashboard._draw_ahead(dashboard.noise_std, 1.0)
    assert len(sent) == 1
    renders = []
    original = DataExplorer.render
    monkeypatch.setattr(DataExplorer, "render", lambda self: renders.append(1) or original(self))
    sent.clear()
    dashboard._draw_ahead(dashboard.noise_std, 1.0)  # the page has it: nothing to do
    assert sent == [] and renders == []
    planned = []
    monkeypatch.setattr(dashboard, "prepare_when_idle", planned.append)
    dashboard.frames._answer(None, {"kind": "need", "key": None}, [])  # a new view (a reloaded page)
    assert planned and sent[0][0]["show"] is True  # the frame shown, and drawing ahead planned again
    sent.clear()
    dashboard._draw_ahead(dashboard.noise_std, 1.0)
    assert [content["show"] for content, _ in sent] == [False] and renders == []  # sent again, not drawn


def test_a_page_is_answered_in_the_language_of_its_frames(explorer):
    dashboard, sent = explorer
    first = (_key(dashboard), dashboard.image, dashboard.status)
    dashboard.noise_std.value = 0.1  # another frame shown: the first is kept, not shown
    sent.clear()
    language = get_language()
    try:
        set_language("zh" if language == "en" else "en")  # nothing drawn since: the page's frames are
        dashboard.frames._answer(None, {"kind": "need", "key": first[0]}, [])  # in the first language
    finally:
        set_language(language)
    assert sent == [({"kind": "frame", "key": first[0], "status": first[2], "show": False}, [first[1]])]


def test_a_frame_sent_ahead_in_another_language_makes_the_page_forget_its_frames(explorer):
    dashboard, sent = explorer
    language = get_language()
    other = "zh" if language == "en" else "en"
    try:
        set_language(other)
        dashboard._draw_ahead(dashboard.noise_std, 1.0)  # kept in the other language
        set_language(language)
        dashboard.noise_std.value = 0.1  # the page speaks this language again
        set_language(other)
        sent.clear()
        dashboard.frames._sent.clear()  # as after a new view: the kept frame is sent, not drawn
        dashboard._draw_ahead(dashboard.noise_std, 1.0)
    finally:
        set_language(language)
    assert [content["kind"] for content, _ in sent] == ["clear", "frame"]
