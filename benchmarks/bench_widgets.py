"""Slider speed of a dashboard, in the browser: key press to the new plot on screen, and frames per
second while the slider is dragged with the mouse.

Opens the slider's notebook (``--slider``; by default the training dashboard's learning rate in
``notebooks/en/05_training_loop.ipynb``; a temporary copy) in JupyterLab in Debian's Chromium, runs
it, focuses the slider's handle and presses ArrowRight / ArrowLeft in turn, so the dashboard stays
at its default settings (lr 0.01 and one notch above). Each latency is measured
inside the page, from the ``keydown`` event to the first animation frame after the new PNG loaded.
It also times the training dashboard's part in the kernel (one ``update()``: training, then drawing
and PNG encoding) in this process, so the rest (messages, browser) can be told apart.

Then it drags the slider with the mouse (``--drags`` times, one second each, scrubbing five times over
40 % of the track, alternately starting right and left): frames per second while the mouse moves,
time from the release to the last frame, and whether that last frame is the released value's picture
(``tests/browser/drag.py``).

``--pause-ms`` waits after each new plot before the next key (a person looks at the plot first); by
default the next key follows at once, while the previous update's last messages may still be handled.

Run from the repository root:
``python -m benchmarks.bench_widgets [--slider NAME] [--moves N] [--pause-ms MS] [--drags N]``
(``make bench-widgets``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from linreg_helpers import defaults, initialize, linear_net, synthetic_data, train_fast
from linreg_helpers.widgets.training_dashboard import TrainingDashboard
from tests.browser import drag, lab_ui
from tests.browser.chromium import chromium_context, chromium_missing_reason
from tests.browser.lab_server import running_lab
from tests.browser.notebook_copies import NOTEBOOKS, copy_without_outputs

SLIDERS: dict[str, tuple[str, str]] = {
    "learning rate": ("en/05_training_loop.ipynb", "the training dashboard"),
    "noise σ": ("en/02_synthetic_data.ipynb", "the data explorer"),
    "examples n": ("en/02_synthetic_data.ipynb", "the data explorer"),
    "depth": ("en/04_initialization.ipynb", "the initialization explorer"),
}
"""The sliders ``--slider`` can measure: the notebook of their dashboard, and the dashboard."""
WARM_UP_MOVES = 4
TARGET_P50_MS = 150.0
TARGET_FPS = 20.0
TARGET_SETTLE_MS = 100.0

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


def browser_measurements(
    label: str, moves: int, pause_ms: int = 0, drags: int = 6, drag_seconds: float = 1.0
) -> tuple[list[float], list[drag.Drag]]:
    """Milliseconds from key press to the new plot on screen, for ``moves`` measured moves, the next
    key pressed ``pause_ms`` after the plot appeared; then ``drags`` mouse drags of the slider ``label``, each
    ``drag_seconds`` long, alternately right and left."""
    with tempfile.TemporaryDirectory(prefix="bench-widgets-") as tmp:
        tmp_path = Path(tmp)
        root, state = tmp_path / "notebooks", tmp_path / "state"
        copy_without_outputs(NOTEBOOKS, root)
        state.mkdir()
        with running_lab(root, state) as server, chromium_context(tmp_path / "profile") as browser:
            page = browser.new_page()
            page.set_default_timeout(120_000)
            notebook = SLIDERS[label][0]
            lab_ui.open_in_lab(page, server, notebook)
            lab_ui.run_all_cells(page, server, notebook)
            dashboard = next(
                board
                for board in lab_ui.dashboards(page)
                if any(s.label == label for s in lab_ui.sliders(board))
            )
            dashboard.scroll_into_view_if_needed()
            slider = next(s for s in lab_ui.sliders(dashboard) if s.label == label)
            lab_ui.wait_for_images(dashboard)
            dashboard.locator(lab_ui.IMAGE).first.evaluate(INSTRUMENT)
            slider.handle.focus()
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
            # Five sweeps of 40 % of the track a second: far more value changes than 20 a second, even
            # on a slider with a dozen steps, so the frame rate measured is the dashboard's own.
            drags_done = [
                drag.drag(page, image, slider, 0.4 if number % 2 == 0 else -0.4, drag_seconds, sweeps=5)
                for number in range(drags)
            ]
            lab_ui.shut_down_kernels(server)
    return latencies, drags_done


def kernel_update_times(repeats: int) -> tuple[list[float], list[float]]:
    """Milliseconds of one dashboard ``update()`` and of its training alone, in this process."""
    dashboard = TrainingDashboard()
    features, labels = _default_data()
    updates, trainings = [], []
    for repeat in range(repeats + 2):
        dashboard.lr.value = defaults.LR * (1.25 if repeat % 2 else 1.0)  # calls update()
        start = time.perf_counter()
        dashboard.update()
        updates.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        net = initialize(linear_net(features.shape[1]), defaults.INIT_SCHEME, seed=defaults.SEED)
        generator = torch.Generator().manual_seed(defaults.SEED)
        train_fast(net, features, labels, generator=generator, record_steps=True)
        trainings.append((time.perf_counter() - start) * 1000)
    return updates[2:], trainings[2:]


def _default_data() -> tuple[torch.Tensor, torch.Tensor]:
    generator_state = torch.random.get_rng_state()
    torch.manual_seed(defaults.SEED)
    data = synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, defaults.NUM_EXAMPLES)
    torch.random.set_rng_state(generator_state)
    return data


def main() -> int:
    """Print p50 and p90 of the browser latency and of the kernel's part; 1 if p50 misses the target."""
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
        choices=list(SLIDERS),
        default="learning rate",
        help="the slider to measure (default: the training dashboard's learning rate)",
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

    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} at start")
    updates, trainings = kernel_update_times(20)
    print(
        f"kernel, one update(): p50 {statistics.median(updates):.0f} ms, p90 {percentile(updates, 90):.0f} ms"
        f" (training alone p50 {statistics.median(trainings):.0f} ms; the rest is drawing and PNG encoding)"
    )
    latencies, drags = browser_measurements(args.slider, args.moves, args.pause_ms, args.drags)
    p50, p90 = statistics.median(latencies), percentile(latencies, 90)
    print(
        f"browser, key press to new plot on screen, {len(latencies)} moves of {args.slider!r}"
        f" ({args.pause_ms} ms between a plot and the next key): "
        f"p50 {p50:.0f} ms, p90 {p90:.0f} ms (target p50 <= {TARGET_P50_MS:.0f} ms)"
    )
    rates = [d.frames_per_second for d in drags]
    settles = [d.settle_ms for d in drags]
    matches = sum(d.final_matches for d in drags)
    print(
        f"browser, {len(drags)} mouse drags of {args.slider!r}, {drags[0].seconds:.1f} s each "
        f"({statistics.median(d.moves_per_second for d in drags):.0f} mouse moves a second): "
        f"frames per second while dragging p50 {statistics.median(rates):.1f}, lowest {min(rates):.1f} "
        f"(target >= {TARGET_FPS:.0f}); settle after release p50 {statistics.median(settles):.0f} ms, "
        f"highest {max(settles):.0f} ms (target <= {TARGET_SETTLE_MS:.0f} ms); "
        f"last frame is the released value's: {matches}/{len(drags)}"
    )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    live = min(rates) >= TARGET_FPS and max(settles) <= TARGET_SETTLE_MS and matches == len(drags)
    return 0 if p50 <= TARGET_P50_MS and live else 1


if __name__ == "__main__":
    sys.exit(main())
