"""The page's half of the frame view (linreg_helpers/widgets/frame_view.js), in Chromium, against stand-in
models: which frame it shows when a control moves and when the kernel's answers come, what it asks the
kernel for, what it keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linreg_helpers.widgets import frame_view

SOURCE = Path(frame_view.__file__).with_name("frame_view.js").read_text(encoding="utf-8")

# A stand-in for the widget models: get / set / on / off / send, as anywidget hands them to render().
# steps() runs one scripted step and returns what the page then shows and has sent.
HARNESS = """async (source) => {
    class Model {
        constructor(state) { this.state = state; this.handlers = {}; }
        get(name) { return this.state[name]; }
        set(name, value) { this.state[name] = value; for (const f of this.handlers.change ?? []) f(); }
        on(event, f) { (this.handlers[event] ??= []).push(f); }
        off(event, f) { this.handlers[event] = (this.handlers[event] ?? []).filter(g => g !== f); }
        emit(event, ...args) { for (const f of this.handlers[event] ?? []) f(...args); }
    }
    const slider = new Model({value: 0.1});
    const menu = new Model({_options_labels: ["a", "b"], index: 0});
    const view = new Model({controls: ["IPY_MODEL_slider", "IPY_MODEL_menu"], capacity: 3});
    const sent = [];
    view.send = message => sent.push(message);
    view.widget_manager = {get_model: async id => ({slider, menu})[id]};
    const el = document.createElement("div");
    document.body.append(el);
    const module = await import(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
    await module.default.render({model: view, el});
    const png = new Uint8Array([137, 80, 78, 71]);
    window.frameViewTest = {
        step([kind, ...args]) {
            if (kind === "kernel") view.emit("msg:custom", args[0], [png]);
            if (kind === "slider") slider.set("value", args[0]);
            if (kind === "menu") menu.set("index", args[0]);
            const status = el.querySelector(".linreg-frame-status").innerHTML;
            const shown = {key: el.dataset.key ?? null, by: el.dataset.shownBy ?? null, status};
            return {shown, kernelKey: el.dataset.kernelKey ?? null, sent: sent.splice(0)};
        },
    };
    return sent.splice(0);
}"""


def _frame(key: list | None, show: bool = True) -> tuple[str, dict]:
    return ("kernel", {"kind": "frame", "key": key, "status": f"frame {key}", "show": show})


def _key(key: list) -> str:
    return json.dumps(key, separators=(",", ":"))


@pytest.fixture
def steps(browser):
    page = browser.new_page()
    page.goto("about:blank")
    first_messages = page.evaluate(HARNESS, SOURCE)
    yield first_messages, lambda step: page.evaluate("step => window.frameViewTest.step(step)", list(step))
    page.close()


def test_a_new_view_asks_for_the_frame_shown_and_shows_the_kernels_frames(steps):
    first_messages, step = steps
    assert first_messages == [{"kind": "need", "key": None}]
    after = step(_frame([0.1, 0]))
    assert after["shown"] == {"key": _key([0.1, 0]), "by": "kernel", "status": "frame [0.1, 0]"}
    assert step(_frame([0.2, 0], show=False))["shown"]["key"] == _key([0.1, 0])  # drawn ahead: kept only


def test_a_control_moved_to_a_value_the_page_keeps_shows_it_at_once_and_late_answers_are_ignored(steps):
    _, step = steps
    step(_frame([0.1, 0]))
    step(_frame([0.2, 0], show=False))
    after = step(("slider", 0.2 * (1 + 2**-52)))  # the browser's own rounding of 0.2: the same key
    assert after["shown"]["key"] == _key([0.2, 0]) and after["shown"]["by"] == "page"
    assert after["sent"] == []
    # The kernel's answer to the value the hand has left, then to this one: the page stays.
    assert step(("kernel", {"kind": "show", "key": [0.1, 0]}))["shown"]["key"] == _key([0.2, 0])
    after = step(("kernel", {"kind": "show", "key": [0.2, 0]}))
    assert after["shown"]["key"] == after["kernelKey"] == _key([0.2, 0])
    after = step(("menu", 1))  # a value never sent: the frame shown stays until the kernel's comes
    assert after["shown"]["key"] == _key([0.2, 0])
    assert step(_frame([0.2, 1]))["shown"]["key"] == _key([0.2, 1])


def test_a_frame_the_page_lacks_is_asked_for_and_shown_when_it_comes(steps):
    _, step = steps
    step(_frame([0.1, 0]))
    after = step(("slider", 0.3))
    assert after["shown"]["key"] == _key([0.1, 0]) and after["sent"] == []
    after = step(("kernel", {"kind": "show", "key": [0.3, 0]}))
    assert after["sent"] == [{"kind": "need", "key": [0.3, 0]}]
    assert step(_frame([0.3, 0]))["shown"]["key"] == _key([0.3, 0])


def test_the_page_keeps_its_capacity_dropping_the_least_recently_shown(steps):
    _, step = steps
    step(_frame([0.1, 0]))
    for value in (0.2, 0.3, 0.4):
        step(_frame([value, 0], show=False))  # four frames, capacity 3: 0.1 was shown before the others
    assert step(("slider", 0.1))["shown"]["key"] == _key([0.1, 0])  # the shown frame is never dropped
    assert step(("slider", 0.2))["shown"]["key"] == _key([0.1, 0])  # dropped: the oldest not shown
    assert step(("slider", 0.4))["shown"]["key"] == _key([0.4, 0])


def test_a_frame_not_to_keep_is_shown_once_and_a_clear_drops_every_frame(steps):
    _, step = steps
    step(_frame([0.1, 0]))
    step(_frame([0.2, 0], show=False))
    after = step(_frame(None))
    assert after["shown"] == {"key": None, "by": "kernel", "status": "frame None"}
    assert after["kernelKey"] == ""
    step(("kernel", {"kind": "clear"}))
    assert step(("slider", 0.2))["shown"]["key"] is None  # forgotten: nothing shown from the page
