"""The page's half of the frame view (linreg_helpers/widgets/frame_view.js), in Chromium, against stand-in
models: which frame it shows when a control moves and when the kernel's answers come, what it asks the
kernel for, what it keeps."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from linreg_helpers.widgets import frame_view
from linreg_helpers.widgets.frame_view import key_part

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
    const view = new Model({controls: ["IPY_MODEL_slider", "IPY_MODEL_menu"], capacity: 3, key_digits: 12});
    const sent = [];
    view.send = message => sent.push(message);
    view.widget_manager = {get_model: async id => ({slider, menu})[id]};
    const el = document.createElement("div");
    document.body.append(el);
    const module = await import(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
    await module.default.render({model: view, el});
    const canvas = Object.assign(document.createElement("canvas"), {width: 2, height: 2});
    const png = new Uint8Array(await (await new Promise(done => canvas.toBlob(done))).arrayBuffer());
    const image = el.querySelector("img");
    window.frameViewTest = {
        keyPart: module.keyPart,
        async step([kind, ...args]) {
            if (kind === "kernel") view.emit("msg:custom", args[0], [png]);
            if (kind === "kernels") for (const message of args[0]) view.emit("msg:custom", message, [png]);
            if (kind === "slider") slider.set("value", args[0]);
            if (kind === "menu") menu.set("index", args[0]);
            if (kind === "wait") await new Promise(done => setTimeout(done, args[0]));
            const status = el.querySelector(".linreg-frame-status").innerHTML;
            const shown = {key: el.dataset.key ?? null, by: el.dataset.shownBy ?? null, status};
            const loaded = image.complete && image.naturalWidth > 0;
            return {shown, loaded, kernelKey: el.dataset.kernelKey ?? null, sent: sent.splice(0)};
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


@pytest.fixture
def page_key_parts(browser):
    """keyPart of frame_view.js in Chromium, on stand-ins of one control: (is a menu, values) → parts."""
    page = browser.new_page()
    page.goto("about:blank")
    page.evaluate(HARNESS, SOURCE)
    script = """([isMenu, values, digits]) => values.map(value => window.frameViewTest.keyPart(
        {get: name => (isMenu ? {_options_labels: [], index: value} : {value})[name]}, digits))"""
    yield lambda is_menu, values: page.evaluate(script, [is_menu, values, frame_view.KEY_DIGITS])
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


def test_when_the_page_lacks_the_controls_frame_it_shows_the_kernels(steps):
    _, step = steps
    step(_frame([0.1, 0]))
    step(_frame([0.2, 0], show=False))
    step(("slider", 0.3))  # a value the page lacks: it waits
    after = step(("kernel", {"kind": "show", "key": [0.2, 0]}))  # the kernel is one value behind
    assert after["shown"] == {"key": _key([0.2, 0]), "by": "kernel", "status": "frame [0.2, 0]"}
    after = step(_frame([0.3, 0], show=False))  # a frame sent, not shown, that the controls ask for
    assert after["shown"]["key"] == _key([0.3, 0]) and after["shown"]["by"] == "page"


def test_a_frame_shown_again_is_dropped_after_those_shown_less_recently(steps):
    _, step = steps
    step(_frame([0.1, 0]))
    step(_frame([0.2, 0], show=False))
    step(_frame([0.3, 0], show=False))
    step(("slider", 0.2))
    step(("slider", 0.1))  # shown last: 0.1, then 0.2; 0.3 never
    step(_frame([0.4, 0], show=False))  # a fourth frame: 0.3 goes
    assert step(("slider", 0.2))["shown"]["key"] == _key([0.2, 0])
    assert step(("slider", 0.3))["shown"]["key"] == _key([0.2, 0])


def test_a_kept_frames_image_still_loads_after_a_frame_not_kept_and_after_a_clear(steps):
    _, step = steps
    step(_frame([0.1, 0]))
    step(_frame([0.2, 0], show=False))
    step(_frame(None))
    step(("slider", 0.2))  # replaces the frame not kept before it loaded
    assert step(("wait", 200))["loaded"]
    step(("slider", 0.1))
    step(("wait", 200))
    step(("slider", 0.2))  # 0.2's image again, from its own URL
    assert step(("wait", 200))["loaded"]
    # The frame of a new value, then a clear before its image has loaded (one task): it still loads.
    step(("slider", 0.5))
    after = step(("kernels", [_frame([0.5, 0])[1], {"kind": "clear"}]))
    assert after["shown"]["key"] == _key([0.5, 0])
    assert step(("wait", 200))["loaded"]


def test_the_page_writes_every_value_of_every_control_as_the_kernel_does(page_key_parts):
    from linreg_helpers.widgets import DataExplorer, InitExplorer, TrainingDashboard
    from linreg_helpers.widgets.controls import every_value

    for dashboard in (DataExplorer(), InitExplorer(), TrainingDashboard()):
        for control in dashboard.controls:
            values = every_value(control)
            if hasattr(control, "options"):
                assert page_key_parts(True, list(range(len(values)))) == [
                    key_part(control, value) for value in values
                ]
                continue
            # The browser's own arithmetic may put a value one unit in the last place either side.
            near = [math.nextafter(value, side) for value in values for side in (-math.inf, math.inf)]
            expected = [key_part(control, value) for value in values for _ in (0, 1)]
            assert page_key_parts(False, near) == expected, control.description
            assert page_key_parts(False, values) == [key_part(control, value) for value in values]
