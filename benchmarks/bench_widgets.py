"""Slider speed of a dashboard, in the browser: key press to the new plot on screen, and frames per
second while the slider is dragged with the mouse.

Opens the slider's notebook (``--slider``; by default the training dashboard's learning rate in
``notebooks/en/05_training_loop.ipynb``; a temporary copy) in JupyterLab in Debian's Chromium, runs
it, focuses the slider's handle and presses ArrowRight / ArrowLeft in turn, so the dashboard stays
at its default settings (lr 0.01 and one notch above). Each latency is measured
inside the page, from the ``keydown`` event to the first animation frame after the new PNG loaded.
It also times the dashboard's part in the kernel (one ``update()`` between the same two values:
for the training dashboard, training, then drawing and PNG encoding) in this process, so the rest
(messages, browser) can be told apart. ``--slider all`` measures every slider in turn and ends with
a table.

Then, after a pause of ``FIRST_SWEEP_PAUSE_S``, one quick drag one way over values mostly not shown yet
(the first sweep: 40 % of the track in ``FIRST_SWEEP_S``), and then it drags the slider with the mouse
(``--drags`` times, one second each, sweeping 40 % of the track back and forth, alternately starting left
and right, at least five sweeps and as many as make the value
change about 45 times a second): how often the value changed, frames per second while the mouse moves,
time from the release to the last frame, and whether that last frame is the released value's picture
(``tests/browser/drag.py``). It says whether the server ran the project's extension that sends kernel
messages without Nagle's delay (``linreg_helpers_server``, enabled by ``make install``).

A dashboard shows a value it drew before from the frames it keeps, and so does the page, before the
kernel hears of the value (a hand dragging back and forth comes back to the same values); it draws
frames ahead while idle and sends them to the page. ``--draw-every-frame`` measures the dashboards
keeping no frames and their pages only the one shown, so drawing none ahead (a first cell, added to
the notebook's copy, sets ``KEPT_FRAMES = 0`` in the kernel): every value drawn when it comes, as on a
first sweep straight after another control moved.

``--pause-ms`` waits after each new plot before the next key (a person looks at the plot first); by
default the next key follows at once, while the previous update's last messages may still be handled.

Run from the repository root:
``python -m benchmarks.bench_widgets [--slider NAME|all] [--moves N] [--pause-ms MS] [--drags N]
[--draw-every-frame]``
(``make bench-widgets``).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import nbformat
import numpy as np
import torch
from playwright.sync_api import Locator, Page

from linreg_helpers import defaults, initialize, linear_net, synthetic_data, train_fast
from linreg_helpers.widgets import DataExplorer, InitExplorer, TrainingDashboard
from linreg_helpers.widgets.controls import every_value
from linreg_helpers.widgets.dashboard import Dashboard
from tests.browser import drag, lab_ui
from tests.browser.chromium import chromium_context, chromium_missing_reason
from tests.browser.lab_server import QUIET_SETTINGS, descendants, running_lab
from tests.browser.notebook_copies import NOTEBOOKS, copy_without_outputs

SLIDERS: dict[str, tuple[str, str, Callable[[], Dashboard], str]] = {
    "learning rate": ("en/05_training_loop.ipynb", "the training dashboard", TrainingDashboard, "lr"),
    "noise σ": ("en/02_synthetic_data.ipynb", "the data explorer", DataExplorer, "noise_std"),
    "examples n": ("en/02_synthetic_data.ipynb", "the data explorer", DataExplorer, "num_examples"),
    "depth": ("en/04_initialization.ipynb", "the initialization explorer", InitExplorer, "depth"),
}
"""The sliders ``--slider`` can measure: the notebook of their dashboard, the dashboard, how to build
it in this process and the attribute holding the slider."""
EXTENSION_LOADED = "linreg_helpers_server | extension was successfully loaded"
"""What the server's log says when it sends kernel messages without Nagle's delay."""
WARM_UP_MOVES = 4
TARGET_P50_MS = 150.0
TARGET_FPS = 20.0
TARGET_SETTLE_MS = 100.0
DRAG_REACH = 0.4
"""A drag sweeps this fraction of the slider's track, there and back."""
FIRST_SWEEP_S = 0.4
"""The first sweep's length: 40 % of the track as quickly as a hand that tries a slider out moves."""
FIRST_SWEEP_PAUSE_S = 2.0
"""The pause before the first sweep (a person reading the plot; a dashboard draws ahead meanwhile)."""
DRAG_CHANGES_PER_S = 45
"""Value changes a second a drag aims at (of the 60 mouse moves): more than the frames a dashboard can
show, so that the frame rate measured is the dashboard's."""

# Timestamps taken by the page itself: key presses (the event's creation time, so a busy page cannot
# hide its delay in handling the key) and the frame after each new plot image finished loading.
INSTRUMENT = """img => {
    window.benchKeys = [];
    window.benchFrames = [];
    document.addEventListener('keydown', event => window.benchKeys.push(event.timeStamp), true);
    img.addEventListener('load', () =>
        requestAnimationFrame(() => window.benchFrames.push(performance.now())));
}"""


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, linear interpolation."""
    return float(np.percentile(np.asarray(values), q))


@dataclass
class BrowserRun:
    """What the browser measured for one slider."""

    latencies: list[float]
    """Milliseconds from a key press to the new plot on screen."""
    first_sweep: drag.Drag
    """One quick drag one way, after a pause, over values mostly not shown yet."""
    drags: list[drag.Drag]
    """The drags back and forth."""
    extension_loaded: bool
    """Whether the server sent kernel messages at once (``linreg_helpers_server``)."""
    others_cpu: float
    """CPUs busy with processes other than this benchmark's (server, kernel, browser) meanwhile."""


@dataclass
class SliderResult:
    """What was measured for one slider."""

    label: str
    updates: list[float]
    """Milliseconds of one ``update()`` of its dashboard in this process."""
    browser: BrowserRun
    load_before: float
    load_after: float


def _cpu_seconds() -> dict[int, float]:
    """CPU time (user + system) of every living process by pid, and under ``-1`` the machine's busy
    time, ended processes included (Linux ``/proc``)."""
    tick = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(v) for v in Path("/proc/stat").read_text().split()[1:9]
    )
    times = {-1: (user + nice + system + irq + softirq + steal) / tick}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat:
            fields = stat[stat.rfind(")") + 2 :].split()
            times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return times


def _others_cpu(before: dict[int, float], after: dict[int, float], seconds: float) -> float:
    """CPUs kept busy on average, between two snapshots, by anything but this benchmark's processes."""
    own = descendants(os.getpid()) | {os.getpid()}
    mine = sum(after[pid] - before.get(pid, 0.0) for pid in own if pid in after)
    return max(after[-1] - before[-1] - mine, 0.0) / seconds


DRAW_EVERY_FRAME = "from linreg_helpers.widgets import dashboard\n\ndashboard.KEPT_FRAMES = 0"
"""The first cell ``--draw-every-frame`` adds to the notebook: its dashboards keep no frames (so draw
none ahead)."""


def _add_first_cell(notebook: Path, source: str) -> None:
    """Put a code cell holding ``source`` before the first cell of ``notebook``."""
    content = nbformat.read(notebook, as_version=4)
    content.cells.insert(0, nbformat.v4.new_code_cell(source))
    nbformat.write(content, notebook)


def browser_measurements(
    label: str,
    moves: int,
    pause_ms: int = 0,
    drags: int = 6,
    drag_seconds: float = 1.0,
    sweeps: int = 5,
    draw_every_frame: bool = False,
) -> BrowserRun:
    """Milliseconds from key press to the new plot on screen, for ``moves`` measured moves, the next
    key pressed ``pause_ms`` after the plot appeared; then the first sweep (right, after a pause) and
    ``drags`` mouse drags of the slider ``label``, each ``drag_seconds`` long with ``sweeps`` sweeps a
    second, alternately left and right; whether the server loaded the extension that sends kernel
    messages at once; and how busy other processes kept the CPUs meanwhile. With ``draw_every_frame``
    the dashboards keep no frames and draw none ahead."""
    with tempfile.TemporaryDirectory(prefix="bench-widgets-") as tmp:
        tmp_path = Path(tmp)
        root, state = tmp_path / "notebooks", tmp_path / "state"
        copy_without_outputs(NOTEBOOKS, root)
        if draw_every_frame:
            _add_first_cell(root / SLIDERS[label][0], DRAW_EVERY_FRAME)
        state.mkdir()
        with (
            running_lab(root, state, settings=QUIET_SETTINGS) as server,
            chromium_context(tmp_path / "profile") as browser,
        ):
            page = browser.new_page()
            page.set_default_timeout(120_000)
            notebook = SLIDERS[label][0]
            lab_ui.open_in_lab(page, server, notebook)
            lab_ui.run_all_cells(page, server, notebook)
            dashboard = _dashboard_with(page, label)
            slider = next(s for s in lab_ui.sliders(dashboard) if s.label == label)
            lab_ui.wait_for_images(dashboard)
            dashboard.locator(lab_ui.IMAGE).first.evaluate(INSTRUMENT)
            slider.handle.focus()
            cpu_before, started = _cpu_seconds(), time.perf_counter()
            latencies = []
            for move in range(WARM_UP_MOVES + moves):
                page.wait_for_timeout(pause_ms)
                frames = page.evaluate("window.benchFrames.length")
                page.keyboard.press("ArrowRight" if move % 2 == 0 else "ArrowLeft")
                page.wait_for_function(f"window.benchFrames.length > {frames}", polling=10)
                key, frame = page.evaluate("[window.benchKeys.at(-1), window.benchFrames.at(-1)]")
                if move >= WARM_UP_MOVES:
                    latencies.append(frame - key)
            image = drag.instrument(dashboard)
            page.wait_for_timeout(FIRST_SWEEP_PAUSE_S * 1000)
            first_sweep = drag.drag(page, image, slider, DRAG_REACH, FIRST_SWEEP_S, sweeps=1)
            drags_done = [
                drag.drag(
                    page, image, slider, DRAG_REACH if number % 2 else -DRAG_REACH, drag_seconds, sweeps
                )
                for number in range(drags)
            ]
            others = _others_cpu(cpu_before, _cpu_seconds(), time.perf_counter() - started)
            lab_ui.shut_down_kernels(server)
            loaded = EXTENSION_LOADED in server.log_path.read_text(errors="replace")
    return BrowserRun(latencies, first_sweep, drags_done, loaded, others)


def _dashboard_with(page: Page, label: str) -> Locator:
    """The dashboard holding the slider ``label``, scrolled into view (at JupyterLab's default settings,
    as a learner has them, cells off screen are not rendered)."""
    for board in lab_ui.dashboards(page):
        board.scroll_into_view_if_needed()
        if any(s.label == label for s in lab_ui.sliders(board)):
            return board
    raise LookupError(f"no dashboard has a slider labelled {label!r}")


def drag_sweeps(slider: widgets.Widget) -> int:
    """Sweeps a second over ``DRAG_REACH`` of the track that change ``slider``'s value about
    ``DRAG_CHANGES_PER_S`` times a second (at least 5): the frames measured are then the dashboard's
    limit, not the slider's (the noise slider has 13 values, the learning rate 44)."""
    values = len(every_value(slider))
    return max(5, math.ceil(DRAG_CHANGES_PER_S / (DRAG_REACH * (values - 1))))


def kernel_update_times(dashboard: Dashboard, slider: widgets.Widget, repeats: int) -> list[float]:
    """Milliseconds of one ``update()`` of ``dashboard``, in this process, its ``slider`` alternating
    between its value and the next (as the key presses do)."""
    values = [slider.value, _next_value(slider)]
    updates = []
    for repeat in range(repeats + 2):
        slider.value = values[repeat % 2]  # calls update()
        start = time.perf_counter()
        dashboard.update()
        updates.append((time.perf_counter() - start) * 1000)
    return updates[2:]


def _next_value(slider: object) -> object:
    """The value one key press to the right gives."""
    if hasattr(slider, "options"):
        values = every_value(slider)
        return values[values.index(slider.value) + 1]
    if hasattr(slider, "base"):  # a log slider: its step is in decades
        return slider.base ** (np.log10(slider.value) / np.log10(slider.base) + slider.step)
    return slider.value + slider.step


def training_times(repeats: int) -> list[float]:
    """Milliseconds of the training dashboard's training alone (its default run), in this process."""
    features, labels = _default_data()
    trainings = []
    for _ in range(repeats + 2):
        start = time.perf_counter()
        net = initialize(linear_net(features.shape[1]), defaults.INIT_SCHEME, seed=defaults.SEED)
        generator = torch.Generator().manual_seed(defaults.SEED)
        train_fast(net, features, labels, generator=generator, record_steps=True)
        trainings.append((time.perf_counter() - start) * 1000)
    return trainings[2:]


def _default_data() -> tuple[torch.Tensor, torch.Tensor]:
    generator_state = torch.random.get_rng_state()
    torch.manual_seed(defaults.SEED)
    data = synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, defaults.NUM_EXAMPLES)
    torch.random.set_rng_state(generator_state)
    return data


def measure(
    label: str, moves: int, pause_ms: int, drags: int, draw_every_frame: bool = False
) -> SliderResult:
    """Every measurement of slider ``label``, printed as it comes (``draw_every_frame``: no frames kept)."""
    load_before = os.getloadavg()[0]
    kept = "every frame drawn, none kept" if draw_every_frame else "frames kept and drawn ahead"
    print(f"-- {label!r} ({SLIDERS[label][1]}, {kept}), load average {load_before:.1f} at start")
    _, _, build, attribute = SLIDERS[label]
    dashboard = build()  # in this process: its update's time, and the slider's number of values
    slider = getattr(dashboard, attribute)
    sweeps = drag_sweeps(slider)
    updates = kernel_update_times(dashboard, slider, 20)
    p50, p90 = statistics.median(updates), percentile(updates, 90)
    line = f"kernel, one update(): p50 {p50:.0f} ms, p90 {p90:.0f} ms"
    if label == "learning rate":
        training = statistics.median(training_times(20))
        line += f" (training alone p50 {training:.0f} ms; the rest is drawing and PNG)"
    print(line)
    run = browser_measurements(
        label, moves, pause_ms, drags, sweeps=sweeps, draw_every_frame=draw_every_frame
    )
    latencies, first, drags_done = run.latencies, run.first_sweep, run.drags
    how = "sent at once (linreg_helpers_server loaded)" if run.extension_loaded else "with Nagle's delays"
    print(f"server: kernel messages {how}")
    print(f"other processes kept {run.others_cpu:.2f} CPUs busy meanwhile (of {os.cpu_count()})")
    p50, p90 = statistics.median(latencies), percentile(latencies, 90)
    print(
        f"browser, key press to new plot on screen, {len(latencies)} moves of {label!r}"
        f" ({pause_ms} ms between a plot and the next key): "
        f"p50 {p50:.0f} ms, p90 {p90:.0f} ms (target p50 <= {TARGET_P50_MS:.0f} ms)"
    )
    print(
        f"browser, first sweep of {label!r} after a {FIRST_SWEEP_PAUSE_S:.0f} s pause, one way over values "
        f"mostly not shown yet in {first.seconds:.1f} s: the value changed {first.value_changes} times, "
        f"{first.frames_during} frames ({first.frames_per_second:.1f} a second); release to last frame "
        f"{first.settle_ms:.0f} ms; last frame is the released value's: {first.final_matches}"
    )
    rates = [d.frames_per_second for d in drags_done]
    settles = [d.settle_ms for d in drags_done]
    matches = sum(d.final_matches for d in drags_done)
    print(
        f"browser, {len(drags_done)} mouse drags of {label!r}, {drags_done[0].seconds:.1f} s each "
        f"({statistics.median(d.moves_per_second for d in drags_done):.0f} mouse moves a second, the value "
        f"changing {statistics.median(d.changes_per_second for d in drags_done):.0f} times a second): "
        f"frames per second while dragging p50 {statistics.median(rates):.1f}, lowest {min(rates):.1f} "
        f"(target >= {TARGET_FPS:.0f}); settle after release p50 {statistics.median(settles):.0f} ms, "
        f"highest {max(settles):.0f} ms (target <= {TARGET_SETTLE_MS:.0f} ms); "
        f"last frame is the released value's: {matches}/{len(drags_done)}"
    )
    print(
        "  each drag, frames per second / settle ms: "
        + ", ".join(f"{d.frames_per_second:.1f}/{d.settle_ms:.0f}" for d in drags_done)
    )
    load_after = os.getloadavg()[0]
    print(f"load average at the end {load_after:.1f}")
    return SliderResult(label, updates, run, load_before, load_after)


def meets_targets(result: SliderResult) -> bool:
    """Key press p50, frames per second of every drag back and forth (a first sweep over a slider with
    few values cannot reach it), settle of every drag and every last frame."""
    run = result.browser
    return (
        statistics.median(run.latencies) <= TARGET_P50_MS
        and min(d.frames_per_second for d in run.drags) >= TARGET_FPS
        and max(d.settle_ms for d in [run.first_sweep, *run.drags]) <= TARGET_SETTLE_MS
        and all(d.final_matches for d in [run.first_sweep, *run.drags])
    )


def table(results: list[SliderResult]) -> str:
    """The results as a Markdown table, one row per slider."""
    rows = [
        "| slider | load at start | other processes' CPUs | kernel update p50 | key press to plot p50 (p90) "
        "| value changes a second while dragging | frames per second while dragging, p50 (lowest) "
        "| release to last plot, p50 (max) | first sweep: frames (value changes), release "
        "| last plot right |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        run = r.browser
        first, drags_done = run.first_sweep, run.drags
        rates = [d.frames_per_second for d in drags_done]
        settles = [d.settle_ms for d in drags_done]
        rows.append(
            f"| {r.label} | {r.load_before:.1f} | {run.others_cpu:.2f} "
            f"| {statistics.median(r.updates):.0f} ms "
            f"| {statistics.median(run.latencies):.0f} ({percentile(run.latencies, 90):.0f}) ms "
            f"| {statistics.median(d.changes_per_second for d in drags_done):.0f} "
            f"| {statistics.median(rates):.1f} ({min(rates):.1f}) "
            f"| {statistics.median(settles):.0f} ({max(settles):.0f}) ms "
            f"| {first.frames_during} ({first.value_changes}), {first.settle_ms:.0f} ms "
            f"| {sum(d.final_matches for d in [first, *drags_done])}/{len(drags_done) + 1} |"
        )
    return "\n".join(rows)


def main() -> int:
    """Print what was measured; 1 if a slider misses a target (key press p50, fps, settle, last frame)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="measured slider moves (at least 20)")
    parser.add_argument(
        "--pause-ms",
        type=int,
        default=0,
        help="wait this long after each new plot before the next key press (a person looks first)",
    )
    parser.add_argument("--drags", type=int, default=6, help="mouse drags of the slider (at least 1)")
    parser.add_argument(
        "--slider",
        choices=[*SLIDERS, "all"],
        default="learning rate",
        help="the slider to measure, or all in turn (default: the training dashboard's learning rate)",
    )
    parser.add_argument(
        "--draw-every-frame",
        action="store_true",
        help="the dashboards keep no frames and draw none ahead: every value is drawn when it comes",
    )
    args = parser.parse_args()
    if args.moves < 20:
        parser.error(f"--moves must be at least 20, got {args.moves}")
    if args.drags < 1:
        parser.error(f"--drags must be at least 1, got {args.drags}")
    missing = chromium_missing_reason()
    if missing:
        print(f"bench_widgets: {missing}", file=sys.stderr)
        return 2

    print(f"{os.cpu_count()} CPUs")
    labels = list(SLIDERS) if args.slider == "all" else [args.slider]
    results = [
        measure(label, args.moves, args.pause_ms, args.drags, args.draw_every_frame) for label in labels
    ]
    if len(results) > 1:
        print(table(results))
    return 0 if all(meets_targets(r) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
