"""Dragging a slider with the mouse, as a person does, and what the plot did meanwhile.

The page records when each new plot image is on screen (the animation frame after it loaded). A drag
presses the mouse on the slider's handle, moves it 60 times a second for a given time (the mouse
events a mouse sends, dispatched in the page) and releases it.
Afterwards: the frames that arrived during the drag (and how often the value changed: the most frames
there can be), the time from release to the last frame, and whether that last frame is the released
value's picture: the frame the kernel says it shows for the controls' values (the page may show a frame it
keeps before the kernel answers; this is the check that ties the picture to the value), and the same
pixels after going one key step away and back (the page may show its own kept frame then too).
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from . import lab_ui

# Frame timestamps per image; a checksum of what an image shows (its pixels through a canvas).
INSTRUMENT = """img => {
    img.dragFrames = [];
    img.addEventListener('load', () => requestAnimationFrame(() => img.dragFrames.push(performance.now())));
}"""
FRAMES = "img => img.dragFrames.slice()"
CHECKSUM = """img => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 1) sum = (sum * 31 + data[i]) % 2147483647;
    return `${canvas.width}x${canvas.height}:${sum}`;
}"""
# The hand, inside the page: mouse events as a mouse sends them, 60 a second, paced by the page's clock
# (driving each move from Python through the browser's debugging protocol costs more CPU than the moves
# themselves on a 2-core machine, and would slow the page down). The slider listens to these events.
HAND = """([slider, x0, y, x1, seconds, sweeps]) => new Promise(resolve => {
    const init = (x, buttons) => ({clientX: x, clientY: y, buttons, bubbles: true, cancelable: true});
    const steps = Math.max(Math.round(seconds * 60), 2);
    const handle = slider.querySelector('.noUi-handle');
    const readout = slider.querySelector('.widget-readout');
    let shown = readout.textContent, changes = 0;
    // The slider listens on the handle's touch area, its first child.
    (handle.firstElementChild || handle).dispatchEvent(new MouseEvent('mousedown', init(x0, 1)));
    const pressed = performance.now();
    let step = 0;
    const next = () => {
        step += 1;
        const phase = (step / steps * sweeps) % 2;
        let reach = phase <= 1 ? phase : 2 - phase;
        if (step === steps) reach = sweeps % 2 ? 1 : 0;
        const move = new MouseEvent('mousemove', init(x0 + (x1 - x0) * reach, 1));
        document.documentElement.dispatchEvent(move);
        if (readout.textContent !== shown) {  // the slider shows its new value as it handles the move
            shown = readout.textContent;
            changes += 1;
        }
        if (step < steps) {
            setTimeout(next, Math.max(pressed + (step + 1) * seconds * 1000 / steps - performance.now(), 0));
        } else {
            const up = new MouseEvent('mouseup', init(x0 + (x1 - x0) * reach, 0));
            document.documentElement.dispatchEvent(up);
            resolve([pressed, performance.now(), steps, changes]);
        }
    };
    setTimeout(next, seconds * 1000 / steps);
})"""
QUIET_MS = 600
"""A plot counts as settled when no new frame arrived for this long."""


@dataclass
class Drag:
    """What one drag did."""

    label: str
    start_value: str
    released_value: str
    seconds: float
    moves: int
    """Mouse moves sent during the drag."""
    value_changes: int
    """How often the slider's value changed during the drag: no dashboard can show more frames."""
    frames_during: int
    settle_ms: float
    """From the release to the last frame (0 if the last frame came before the release)."""
    final_matches: bool
    """The picture shown after the drag is the released value's."""

    @property
    def frames_per_second(self) -> float:
        return self.frames_during / self.seconds

    @property
    def moves_per_second(self) -> float:
        return self.moves / self.seconds

    @property
    def changes_per_second(self) -> float:
        return self.value_changes / self.seconds


def instrument(dashboard: Locator) -> Locator:
    """Start recording the frames of the dashboard's plot image; return the image."""
    image = dashboard.locator(lab_ui.IMAGE).first
    image.evaluate(INSTRUMENT)
    return image


def _settle(page: Page, image: Locator) -> list[float]:
    """Wait until no new frame came for ``QUIET_MS``; return every frame time recorded."""
    seen = -1
    frames = image.evaluate(FRAMES)
    while len(frames) != seen:
        seen = len(frames)
        page.wait_for_timeout(QUIET_MS)
        frames = image.evaluate(FRAMES)
    return frames


def drag(
    page: Page, image: Locator, slider: lab_ui.Slider, fraction: float, seconds: float, sweeps: int = 1
) -> Drag:
    """Drag ``slider``'s handle by ``fraction`` of the track's width (negative: to the left) in about
    ``seconds``, release it, let the plot settle, and say what happened.

    With ``sweeps`` > 1 the hand goes there and back ``sweeps`` times in all (odd: it ends away from the
    start), so that a slider with few steps still changes value many times a second.
    """
    _settle(page, image)
    start_value = slider.value
    track = slider.root.locator(".noUi-target").bounding_box()
    handle = slider.handle.bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    target = min(max(x + fraction * track["width"], track["x"]), track["x"] + track["width"])
    pressed, released, steps, changes = slider.root.evaluate(
        "(slider, args) => (" + HAND + ")([slider, ...args])", [x, y, target, seconds, sweeps]
    )
    frames = _settle(page, image)
    released_value = slider.value
    during = [t for t in frames if pressed <= t <= released]
    final = image.evaluate(CHECKSUM)
    # The page may show a frame it keeps before the kernel answers: at rest it shows the kernel's.
    agrees = image.evaluate(
        "img => (img.parentElement.dataset.key ?? '') === img.parentElement.dataset.kernelKey"
    )
    # One key step away and back to the released value: that value's own picture, for comparison.
    key = lab_ui.move_slider(slider)
    slider.press("ArrowLeft" if key == "ArrowRight" else "ArrowRight")
    _settle(page, image)
    same_value = slider.value == released_value
    return Drag(
        label=slider.label,
        start_value=start_value,
        released_value=released_value,
        seconds=(released - pressed) / 1000,
        moves=steps,
        value_changes=changes,
        frames_during=len(during),
        settle_ms=max(frames[-1] - released, 0.0) if frames else 0.0,
        final_matches=agrees and same_value and image.evaluate(CHECKSUM) == final,
    )
