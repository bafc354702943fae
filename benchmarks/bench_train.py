"""Speed of the fast engine against the textbook loop, on the seed's setting, in one process.

Both train the same net (same initialization) on the same data with equally seeded shuffling; the
script first checks that their histories agree as the unit tests require (``linreg_helpers.agreement``:
every weight and bias to 1e-5 relative, every loss to 1e-5 relative or to the float32 rounding of the
MSE, a bound that holds on every CPU; exit status 1 if not), then times each several times after a
warm-up and prints the median times and the ratio (exit status 2 if the ratio is below ``--min-ratio``).

    .venv/bin/python benchmarks/bench_train.py [--repeats 7] [--min-ratio 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import torch

from linreg_helpers import (
    History,
    defaults,
    initialize,
    linear_net,
    load_array,
    synthetic_data,
    train,
    train_fast,
)
from linreg_helpers.agreement import agreement_ratio


def _fresh_net() -> torch.nn.Sequential:
    return initialize(linear_net(len(defaults.TRUE_W)), defaults.INIT_SCHEME, seed=defaults.SEED)


def _generator() -> torch.Generator:
    return torch.Generator().manual_seed(defaults.SEED)


def run_textbook(features: torch.Tensor, labels: torch.Tensor) -> tuple[History, float]:
    """The book's loop (``train`` over ``load_array``); returns the history and the seconds it took."""
    net = _fresh_net()
    start = time.perf_counter()
    data_iter = load_array((features, labels), defaults.BATCH_SIZE, generator=_generator())
    history = train(net, data_iter, features, labels, defaults.LR, defaults.NUM_EPOCHS)
    return history, time.perf_counter() - start


def run_fast(features: torch.Tensor, labels: torch.Tensor) -> tuple[History, float]:
    """The fast engine on the same setting; returns the history and the seconds it took."""
    net = _fresh_net()
    start = time.perf_counter()
    history, _ = train_fast(
        net, features, labels, defaults.LR, defaults.BATCH_SIZE, defaults.NUM_EPOCHS, generator=_generator()
    )
    return history, time.perf_counter() - start


def median_seconds(run: Callable[[], tuple[History, float]], repeats: int) -> float:
    """Median wall time of ``repeats`` runs after one warm-up run."""
    run()
    return statistics.median(run()[1] for _ in range(repeats))


def main(argv: list[str] | None = None) -> int:
    """Check agreement, time both engines, print the figures; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed runs of each engine (default 7)")
    parser.add_argument("--min-ratio", type=float, default=20.0, help="required speed-up (default 20)")
    args = parser.parse_args(argv)

    torch.manual_seed(defaults.SEED)
    features, labels = synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, defaults.NUM_EXAMPLES)
    print(
        f"setting: {defaults.NUM_EXAMPLES} x {len(defaults.TRUE_W)} examples, batch {defaults.BATCH_SIZE}, "
        f"{defaults.NUM_EPOCHS} epochs, lr {defaults.LR}, torch {torch.__version__.split('+')[0]}, "
        f"{torch.get_num_threads()} thread(s)"
    )

    textbook, _ = run_textbook(features, labels)
    fast, _ = run_fast(features, labels)
    share = agreement_ratio(textbook, fast, features, labels)
    agree = share <= 1
    verdict = "ok" if agree else "FAILED"
    print(f"agreement: largest difference {share:.2f} of its bound (linreg_helpers.agreement): {verdict}")
    if not agree:
        return 1

    textbook_time = median_seconds(lambda: run_textbook(features, labels), args.repeats)
    fast_time = median_seconds(lambda: run_fast(features, labels), args.repeats)
    ratio = textbook_time / fast_time
    runs = f"over {args.repeats} runs"
    print(f"textbook loop (train over load_array): median {textbook_time * 1e3:7.1f} ms {runs}")
    print(f"fast engine (train_fast):              median {fast_time * 1e3:7.1f} ms {runs}")
    verdict = "ok" if ratio >= args.min_ratio else "BELOW TARGET"
    print(f"speed-up: {ratio:.0f}x (target >= {args.min_ratio:g}x): {verdict}")
    return 0 if ratio >= args.min_ratio else 2


if __name__ == "__main__":
    sys.exit(main())
