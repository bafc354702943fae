"""Our data helpers are the book's: checked against the real ``d2l`` package, not a copy of it.

Under the same seeds ``synthetic_data`` returns bit-identical tensors to ``d2l.synthetic_data``, and
``load_array`` yields the same minibatches in the same order as ``d2l.load_array``; ``shuffled_order``
predicts that order. ``make test-d2l`` runs this module in the book's environment
(``constraints-d2l.txt``: d2l 1.0.3, torch 2.0.0, numpy 1.23.5, ...) with ``LINREG_REQUIRE_D2L=1``,
which turns the skip below into a failure. In the default ``.venv`` d2l cannot be imported (it is not
installed, and torchvision from PyPI does not load with the CPU build of torch), so the module is skipped.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from linreg_helpers import data, defaults, load_array, shuffled_order, synthetic_data, train

REQUIRE_D2L = os.environ.get("LINREG_REQUIRE_D2L") == "1"
"""Set by ``make test-d2l``: there the parity tests must run, never be skipped."""

try:
    from d2l import torch as d2l
except Exception as err:  # ImportError without d2l; RuntimeError or OSError when torchvision cannot load
    if REQUIRE_D2L:
        raise ImportError(f"LINREG_REQUIRE_D2L=1 but `from d2l import torch as d2l` failed: {err}") from err
    pytest.skip(
        f"d2l cannot be imported here ({type(err).__name__}: {err}); "
        "`make test-d2l` runs these parity tests in the book's environment",
        allow_module_level=True,
    )

SEEDS = (0, 1, 2024)

SYNTHETIC_CASES = [
    pytest.param(torch.tensor([2, -3.4]), 4.2, 1000, id="the-chapter"),
    pytest.param(torch.tensor([1.5]), -0.5, 1, id="one-example"),
    pytest.param(torch.tensor([0.3, -1.0, 2.5, 0.0, 7.0]), 0.0, 37, id="five-features"),
]


def _bits(tensor: torch.Tensor) -> bytes:
    """The raw bytes of a tensor: equal bytes means bit-identical, -0.0 and 0.0 included."""
    return tensor.contiguous().numpy().tobytes()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("w", "b", "n"), SYNTHETIC_CASES)
def test_synthetic_data_is_bit_identical_to_d2l(w: torch.Tensor, b: float, n: int, seed: int) -> None:
    torch.manual_seed(seed)
    X, y = synthetic_data(w, b, n)
    state_after_ours = torch.get_rng_state()
    torch.manual_seed(seed)
    X_book, y_book = d2l.synthetic_data(w, b, n)
    assert (X.dtype, y.dtype, X.shape, y.shape) == (X_book.dtype, y_book.dtype, X_book.shape, y_book.shape)
    assert _bits(X) == _bits(X_book)
    assert _bits(y) == _bits(y_book)
    # Same number of draws: whatever the notebook draws next is the same too.
    assert torch.equal(torch.get_rng_state(), state_after_ours)


def test_the_chapter_defaults_are_the_books_numbers() -> None:
    torch.manual_seed(defaults.SEED)
    X, y = synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, defaults.NUM_EXAMPLES)
    torch.manual_seed(0)
    X_book, y_book = d2l.synthetic_data(torch.tensor([2, -3.4]), 4.2, 1000)
    assert _bits(X) == _bits(X_book)
    assert _bits(y) == _bits(y_book)


def _epochs(loader: torch.utils.data.DataLoader, num_epochs: int = 3) -> list[list[list[torch.Tensor]]]:
    return [[list(batch) for batch in loader] for _ in range(num_epochs)]


def _assert_same_batches(ours: list, book: list) -> None:
    assert [len(epoch) for epoch in ours] == [len(epoch) for epoch in book]
    for epoch, (epoch_ours, epoch_book) in enumerate(zip(ours, book, strict=True)):
        for i, (batch_ours, batch_book) in enumerate(zip(epoch_ours, epoch_book, strict=True)):
            assert len(batch_ours) == len(batch_book)
            for tensor_ours, tensor_book in zip(batch_ours, batch_book, strict=True):
                assert tensor_ours.shape == tensor_book.shape, f"epoch {epoch}, batch {i}"
                assert _bits(tensor_ours) == _bits(tensor_book), f"epoch {epoch}, batch {i}"


def _arrays(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    torch.manual_seed(123)
    return d2l.synthetic_data(torch.tensor([2, -3.4]), 4.2, n)


LOADER_CASES = [
    pytest.param(1000, 10, id="the-chapter"),
    pytest.param(23, 7, id="last-batch-short"),
    pytest.param(23, 23, id="one-batch"),
    pytest.param(5, 50, id="batch-larger-than-data"),
]


@pytest.mark.parametrize("is_train", [True, False])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("n", "batch_size"), LOADER_CASES)
def test_load_array_matches_d2l_under_the_global_seed(
    n: int, batch_size: int, seed: int, is_train: bool
) -> None:
    arrays = _arrays(n)
    torch.manual_seed(seed)
    ours = _epochs(load_array(arrays, batch_size, is_train))
    state_after_ours = torch.get_rng_state()
    torch.manual_seed(seed)
    book = _epochs(d2l.load_array(arrays, batch_size, is_train))
    _assert_same_batches(ours, book)
    assert torch.equal(torch.get_rng_state(), state_after_ours)
    if is_train and n > 5:  # the comparison is between real shuffles, not two unshuffled passes
        assert _bits(ours[0][0][0]) != _bits(ours[1][0][0])


def _d2l_loader_with_generator(
    arrays: tuple[torch.Tensor, ...], batch_size: int, generator: torch.Generator
) -> torch.utils.data.DataLoader:
    """``d2l.load_array`` (which has no generator argument) drawing from ``generator``.

    ``DataLoader(generator=g)`` uses ``g`` in two places: its own draw per epoch (the workers' base
    seed) and its ``RandomSampler``'s permutation. Setting both on the book's loader is that.
    """
    loader = d2l.load_array(arrays, batch_size)
    assert isinstance(loader.sampler, torch.utils.data.RandomSampler)
    loader.generator = generator
    loader.sampler.generator = generator
    return loader


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("n", "batch_size"), LOADER_CASES)
def test_load_array_with_a_generator_matches_d2l_given_that_generator(
    n: int, batch_size: int, seed: int
) -> None:
    arrays = _arrays(n)
    global_state = torch.get_rng_state()
    ours = _epochs(load_array(arrays, batch_size, generator=torch.Generator().manual_seed(seed)))
    book = _epochs(_d2l_loader_with_generator(arrays, batch_size, torch.Generator().manual_seed(seed)))
    _assert_same_batches(ours, book)
    assert torch.equal(torch.get_rng_state(), global_state), "a generator must leave the global RNG alone"


def _book_orders(n: int, num_epochs: int, generator: torch.Generator | None) -> list[np.ndarray]:
    # Examples that are their own indices; a batch size unrelated to n, since the order must not depend on it.
    arrays = (torch.arange(n),)
    loader = (
        d2l.load_array(arrays, 3) if generator is None else _d2l_loader_with_generator(arrays, 3, generator)
    )
    return [torch.cat([indices for (indices,) in loader]).numpy() for _ in range(num_epochs)]


ORDER_FUNCTIONS = [
    pytest.param(shuffled_order, id="shuffled_order"),
    pytest.param(data._order_direct, id="fast-direct-path"),
    pytest.param(data._order_via_dataloader, id="exact-dataloader-path"),
]


@pytest.mark.parametrize("use_generator", [False, True], ids=["global-seed", "generator"])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", [1, 2, 23, 1000])
@pytest.mark.parametrize("order", ORDER_FUNCTIONS)
def test_shuffled_order_is_the_order_d2l_load_array_visits(
    order, n: int, seed: int, use_generator: bool
) -> None:
    make_generator = (lambda: torch.Generator().manual_seed(seed)) if use_generator else (lambda: None)
    generator = make_generator()
    torch.manual_seed(seed)
    ours = [order(n, generator) for _ in range(3)]
    after_ours = torch.rand(4) if generator is None else torch.rand(4, generator=generator)
    generator = make_generator()
    torch.manual_seed(seed)
    book = _book_orders(n, 3, generator)
    after_book = torch.rand(4) if generator is None else torch.rand(4, generator=generator)
    for epoch, (order_ours, order_book) in enumerate(zip(ours, book, strict=True)):
        np.testing.assert_array_equal(order_ours, order_book, err_msg=f"epoch {epoch}")
    # The same number of draws: the training that follows sees the same random state.
    assert torch.equal(after_ours, after_book)


@pytest.mark.skipif(not torch.__version__.startswith("2.0."), reason="the book installs torch 2.0")
def test_shuffled_order_takes_its_fast_path_with_the_books_torch() -> None:
    assert data._direct_order_matches_dataloader()


def _the_chapters_net() -> nn.Sequential:
    net = nn.Sequential(nn.Linear(2, 1))
    net[0].weight.data.normal_(0, defaults.NORMAL_INIT_STD)
    net[0].bias.data.fill_(0)
    return net


def _the_books_run(make_data, make_loader) -> tuple[list[str], nn.Sequential]:
    """Notebook 1's experiment, the book's code line for line, with the two data helpers passed in."""
    torch.manual_seed(defaults.SEED)
    features, labels = make_data(torch.tensor([2, -3.4]), 4.2, 1000)
    data_iter = make_loader((features, labels), defaults.BATCH_SIZE)
    net = _the_chapters_net()
    loss = nn.MSELoss()
    trainer = torch.optim.SGD(net.parameters(), lr=defaults.LR)
    log = []
    for epoch in range(defaults.NUM_EPOCHS):
        for X, y in data_iter:
            l = loss(net(X), y)  # noqa: E741 (the book's name)
            trainer.zero_grad()
            l.backward()
            trainer.step()
        with torch.no_grad():
            l = loss(net(features), labels)  # noqa: E741
        log.append(f"epoch {epoch + 1}, loss {l:f}")
    return log, net


def test_swapping_in_d2ls_helpers_leaves_the_training_log_unchanged() -> None:
    log_book, net_book = _the_books_run(d2l.synthetic_data, d2l.load_array)
    log_ours, net_ours = _the_books_run(synthetic_data, load_array)
    assert log_ours == log_book
    assert float(log_book[-1].split()[-1]) < float(log_book[0].split()[-1]) / 100  # it did train
    for p_ours, p_book in zip(net_ours.parameters(), net_book.parameters(), strict=True):
        assert _bits(p_ours.detach()) == _bits(p_book.detach())


def test_our_train_prints_the_books_log_on_the_books_data(capsys: pytest.CaptureFixture[str]) -> None:
    log_book, net_book = _the_books_run(d2l.synthetic_data, d2l.load_array)
    torch.manual_seed(defaults.SEED)
    features, labels = d2l.synthetic_data(torch.tensor([2, -3.4]), 4.2, 1000)
    data_iter = d2l.load_array((features, labels), defaults.BATCH_SIZE)
    net = _the_chapters_net()
    train(net, data_iter, features, labels, defaults.LR, defaults.NUM_EPOCHS, verbose=True)
    assert capsys.readouterr().out.splitlines() == log_book
    for p_ours, p_book in zip(net.parameters(), net_book.parameters(), strict=True):
        assert _bits(p_ours.detach()) == _bits(p_book.detach())


BOOK_STACK = {
    "d2l": "1.0.3",
    "torch": "2.0.0",
    "torchvision": "0.15.1",
    "numpy": "1.23.5",
    "matplotlib": "3.7.2",
    "pandas": "2.0.3",
    "scipy": "1.10.1",
    "jupyter": "1.0.0",
}
"""The book's environment, as the issue states it (d2l 1.0.3's pins and the torch it installs)."""

CONSTRAINTS = Path(__file__).resolve().parents[1] / "constraints-d2l.txt"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.skipif(not REQUIRE_D2L, reason="checks the environment that `make test-d2l` builds")
def test_the_environment_is_the_books_stack_exactly_as_pinned() -> None:
    installed = {_canonical(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    for name in ("pip", "linreg-helpers"):  # the venv's installer and the project under test
        installed.pop(name, None)
    pinned = {}
    for line in CONSTRAINTS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[_canonical(name)] = version.strip()
    assert {name: installed.get(name) for name in BOOK_STACK} == BOOK_STACK
    differences = {
        name: (installed.get(name), pinned.get(name))
        for name in installed.keys() | pinned.keys()
        if installed.get(name) != pinned.get(name)
    }
    assert differences == {}, (
        "installed vs constraints-d2l.txt (None: missing); after a change of pins, rebuild: rm -rf .venv-d2l"
    )
