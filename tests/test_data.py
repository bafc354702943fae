"""synthetic_data is d2l's, draw for draw; load_array batches as d2l's; shuffled_order predicts its order."""

from __future__ import annotations

import pytest
import torch

from linreg_helpers import chapter_data, defaults, load_array, shuffled_order, synthetic_data


def d2l_synthetic_data(w, b, num_examples):  # verbatim from the book, hence no type hints
    """Generate y = Xw + b + noise (the seed's In[1], OCR fixed)."""
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))


@pytest.mark.parametrize(
    ("w", "b", "n", "seed"),
    [
        ([2, -3.4], 4.2, 1000, 0),
        ([1.5], -0.5, 7, 1),
        ([0.3, 0.0, -2.0, 5.0], 0.0, 33, 42),
        ([-1, 1], 3, 1, 7),
    ],
)
def test_synthetic_data_is_bit_identical_to_d2l(w: list[float], b: float, n: int, seed: int) -> None:
    torch.manual_seed(seed)
    X_book, y_book = d2l_synthetic_data(torch.tensor(w, dtype=torch.float32), b, n)
    torch.manual_seed(seed)
    X, y = synthetic_data(torch.tensor(w, dtype=torch.float32), b, n)
    assert torch.equal(X, X_book)
    assert torch.equal(y, y_book)
    assert X.shape == (n, len(w))
    assert y.shape == (n, 1)
    # The global generator has advanced exactly as far as after the book's call.
    assert torch.equal(torch.rand(3), _rand_after_book(w, b, n, seed))


def _rand_after_book(w: list[float], b: float, n: int, seed: int) -> torch.Tensor:
    torch.manual_seed(seed)
    d2l_synthetic_data(torch.tensor(w, dtype=torch.float32), b, n)
    return torch.rand(3)


def test_synthetic_data_accepts_a_list_as_the_book_accepts_a_tensor() -> None:
    torch.manual_seed(3)
    X_book, y_book = d2l_synthetic_data(torch.tensor([2, -3.4]), 4.2, 50)
    torch.manual_seed(3)
    X, y = synthetic_data([2, -3.4], 4.2, 50)
    assert torch.equal(X, X_book) and torch.equal(y, y_book)


def test_noise_free_labels_are_exactly_the_linear_function() -> None:
    w = torch.tensor([2.0, -3.4])
    X, y = synthetic_data(w, 4.2, 200, noise_std=0.0)
    assert torch.equal(y, (torch.matmul(X, w) + 4.2).reshape(-1, 1))


def test_noise_has_the_requested_standard_deviation() -> None:
    torch.manual_seed(0)
    w = torch.tensor([1.0, 2.0])
    X, y = synthetic_data(w, 0.5, 20000, noise_std=0.3)
    residual = y.reshape(-1) - (X @ w + 0.5)
    # The sample std of 20,000 normal draws is within 3% of sigma with overwhelming probability.
    assert residual.std().item() == pytest.approx(0.3, rel=0.03)
    assert abs(residual.mean().item()) < 5 * 0.3 / 20000**0.5


def _tiny_data(n: int = 23) -> tuple[torch.Tensor, torch.Tensor]:
    X = torch.arange(2 * n, dtype=torch.float32).reshape(n, 2)
    return X, X[:, :1] * 10


def test_batches_have_the_requested_size_and_a_smaller_last_batch() -> None:
    X, y = _tiny_data(23)
    batches = list(load_array((X, y), 5, generator=torch.Generator().manual_seed(0)))
    assert [len(Xb) for Xb, _ in batches] == [5, 5, 5, 5, 3]
    assert all(Xb.shape[1:] == (2,) and yb.shape[1:] == (1,) for Xb, yb in batches)
    # Features and labels stay paired after shuffling.
    assert all(torch.equal(yb, Xb[:, :1] * 10) for Xb, yb in batches)


def test_not_training_keeps_the_order() -> None:
    X, y = _tiny_data(23)
    batches = list(load_array((X, y), 4, is_train=False))
    assert torch.equal(torch.cat([Xb for Xb, _ in batches]), X)
    assert torch.equal(torch.cat([yb for _, yb in batches]), y)


def _visit_order(loader: torch.utils.data.DataLoader) -> list[int]:
    return torch.cat([batch[0] for batch in loader]).tolist()


def test_same_generator_seed_gives_the_same_batches_and_another_seed_other_batches() -> None:
    index = torch.arange(50)
    first = _visit_order(load_array((index,), 7, generator=torch.Generator().manual_seed(1)))
    again = _visit_order(load_array((index,), 7, generator=torch.Generator().manual_seed(1)))
    other = _visit_order(load_array((index,), 7, generator=torch.Generator().manual_seed(2)))
    assert first == again
    assert first != other
    assert sorted(first) == list(range(50))


@pytest.mark.parametrize("batch_size", [1, 7, 30])
def test_shuffled_order_is_the_order_load_array_visits(batch_size: int) -> None:
    n, seed = 30, 11
    index = torch.arange(n)
    loader_generator = torch.Generator().manual_seed(seed)
    loader = load_array((index,), batch_size, generator=loader_generator)
    direct_generator = torch.Generator().manual_seed(seed)
    for _ in range(3):  # several epochs: each draws a fresh permutation
        assert shuffled_order(n, direct_generator).tolist() == _visit_order(loader)
    assert torch.equal(loader_generator.get_state(), direct_generator.get_state())


@pytest.mark.parametrize("batch_size", [1, 7, 30])
def test_shuffled_order_with_the_global_generator(batch_size: int) -> None:
    n, seed = 30, 5
    index = torch.arange(n)
    torch.manual_seed(seed)
    loader = load_array((index,), batch_size)
    via_loader = [_visit_order(loader) for _ in range(3)]
    state_after_loader = torch.get_rng_state()
    torch.manual_seed(seed)
    direct = [shuffled_order(n).tolist() for _ in range(3)]
    assert direct == via_loader
    assert torch.equal(torch.get_rng_state(), state_after_loader)


def test_the_dataloader_fallback_gives_the_same_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """If a future torch draws differently, shuffled_order falls back to a real DataLoader epoch."""
    from linreg_helpers import data as data_module

    assert data_module._direct_order_matches_dataloader()  # the pinned torch takes the fast path
    monkeypatch.setattr(data_module, "_direct_order_matches_dataloader", lambda: False)
    n, index = 25, torch.arange(25)
    loader = load_array((index,), 4, generator=torch.Generator().manual_seed(8))
    generator = torch.Generator().manual_seed(8)
    for _ in range(2):
        assert shuffled_order(n, generator).tolist() == _visit_order(loader)


def test_chapter_data_is_the_seeded_recipe_and_leaves_the_global_state_alone() -> None:
    torch.manual_seed(123)
    state_before = torch.get_rng_state()
    X, y = chapter_data(50, 0.1, 7)
    assert torch.equal(torch.get_rng_state(), state_before)
    torch.manual_seed(7)
    X_expected = torch.normal(0, 1, (50, 2))
    y_expected = X_expected @ torch.tensor(defaults.TRUE_W) + defaults.TRUE_B
    y_expected += torch.normal(0, 0.1, y_expected.shape)
    assert torch.equal(X, X_expected)
    assert torch.equal(y, y_expected.reshape(-1, 1))
    X_quiet, _ = chapter_data(50, 0.001, 7)
    assert torch.equal(X_quiet, X)  # the noise level only scales the same noise draws
