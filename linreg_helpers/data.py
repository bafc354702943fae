"""The chapter's data: ``y = Xw + b + noise`` and a minibatch iterator, as d2l defines them."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from torch.utils import data

from . import defaults
from .validation import (
    as_float_tensor,
    check_finite_float,
    check_non_negative_float,
    check_positive_int,
    check_seed,
)


def synthetic_data(
    w: Any, b: Any, num_examples: int, noise_std: float = defaults.NOISE_STD
) -> tuple[torch.Tensor, torch.Tensor]:
    """Generate ``y = Xw + b + noise`` with ``X ~ N(0, 1)`` and ``noise ~ N(0, noise_std²)``.

    Same draws, in the same order, as ``d2l.synthetic_data``: under the same ``torch.manual_seed``
    the tensors are bit-identical. Returns ``X`` of shape (num_examples, len(w)) and ``y`` a column.
    """
    w = as_float_tensor("w", w).to(torch.float32)
    if w.ndim != 1 or len(w) == 0:
        raise ValueError(f"w must be a non-empty 1-D vector of weights, got shape {tuple(w.shape)}")
    b = check_finite_float("b", b)
    num_examples = check_positive_int("num_examples", num_examples)
    noise_std = check_non_negative_float("noise_std", noise_std)
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, noise_std, y.shape)
    return X, y.reshape((-1, 1))


def load_array(
    data_arrays: Sequence[torch.Tensor],
    batch_size: int,
    is_train: bool = True,
    generator: torch.Generator | None = None,
) -> data.DataLoader:
    """Return a DataLoader over ``data_arrays`` as ``d2l.load_array`` does (shuffled when training).

    Pass a seeded ``torch.Generator`` to make the shuffling reproducible without touching the
    global random state; without one the loader draws from the global generator, as in the book.
    """
    if not isinstance(data_arrays, (tuple, list)) or not data_arrays:
        raise TypeError(
            f"data_arrays must be a tuple of tensors such as (features, labels), got {data_arrays!r}"
        )
    for i, array in enumerate(data_arrays):
        if not isinstance(array, torch.Tensor):
            raise TypeError(f"data_arrays[{i}] must be a tensor, got {type(array).__name__}")
    lengths = [len(array) for array in data_arrays]
    if len(set(lengths)) != 1:
        raise ValueError(f"the tensors in data_arrays must have the same length, got lengths {lengths}")
    batch_size = check_positive_int("batch_size", batch_size)
    if generator is not None and not isinstance(generator, torch.Generator):
        raise TypeError(f"generator must be a torch.Generator or None, got {type(generator).__name__}")
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train, generator=generator)


class _Indices(data.Dataset):
    """A dataset whose items are their own indices, fetched a whole batch at a time."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: int) -> int:
        return index

    def __getitems__(self, indices: list[int]) -> list[int]:
        return indices


def _order_via_dataloader(num_examples: int, generator: torch.Generator | None) -> np.ndarray:
    # One epoch of a shuffling DataLoader, all indices in one batch: the order does not depend on
    # the batch size, since batches are consecutive slices of one permutation.
    loader = data.DataLoader(
        _Indices(num_examples), num_examples, shuffle=True, generator=generator, collate_fn=np.asarray
    )
    return np.concatenate(list(loader))


def _draw_int64(generator: torch.Generator | None) -> int:
    return int(torch.empty((), dtype=torch.int64).random_(generator=generator).item())


def _order_direct(num_examples: int, generator: torch.Generator | None) -> np.ndarray:
    # The draws one DataLoader epoch makes in the torch versions this project supports: a base
    # seed for workers, then RandomSampler's permutation, plus the one more permutation it draws
    # when its iterator is exhausted.
    _draw_int64(generator)
    if generator is None:
        generator = torch.Generator().manual_seed(_draw_int64(None))
    order = torch.randperm(num_examples, generator=generator).numpy()
    torch.randperm(num_examples, generator=generator)
    return order


@functools.cache
def _direct_order_matches_dataloader() -> bool:
    """True if :func:`_order_direct` reproduces this torch version's DataLoader draw for draw."""
    with torch.random.fork_rng(devices=[]):
        for make in (lambda: torch.Generator().manual_seed(0), lambda: None):
            a, b = make(), make()
            torch.manual_seed(0)
            via_loader = [_order_via_dataloader(7, a) for _ in range(2)]
            after_loader = torch.rand(1) if a is None else torch.rand(1, generator=a)
            torch.manual_seed(0)
            direct = [_order_direct(7, b) for _ in range(2)]
            after_direct = torch.rand(1) if b is None else torch.rand(1, generator=b)
            same_orders = all(np.array_equal(p, q) for p, q in zip(via_loader, direct, strict=True))
            if not same_orders or not torch.equal(after_loader, after_direct):
                return False
    return True


def shuffled_order(num_examples: int, generator: torch.Generator | None = None) -> np.ndarray:
    """Return the order in which one epoch of ``load_array(..., generator=generator)`` visits examples.

    It makes the same random draws as one epoch of the DataLoader (from ``generator``, or from the
    global generator), so a loop over these orders sees the same minibatches as ``load_array``.
    A fast direct path is used when a one-time check shows it matches the installed torch.
    """
    num_examples = check_positive_int("num_examples", num_examples)
    if _direct_order_matches_dataloader():
        return _order_direct(num_examples, generator)
    return _order_via_dataloader(num_examples, generator)


@functools.lru_cache(maxsize=16)
def chapter_data(
    num_examples: int = defaults.NUM_EXAMPLES,
    noise_std: float = defaults.NOISE_STD,
    seed: int = defaults.SEED,
) -> tuple[torch.Tensor, torch.Tensor]:
    """The chapter's data set, as ``torch.manual_seed(seed)`` then ``synthetic_data(TRUE_W, TRUE_B, ...)``.

    The caller's global random state is left untouched, and results are cached (the widgets ask
    again on every slider move; do not modify the returned tensors). The same seed gives the same
    X and noise draws at every noise level, so changing ``noise_std`` only scales the noise.
    """
    seed = check_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, num_examples, noise_std)
