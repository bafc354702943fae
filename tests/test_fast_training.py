"""The fast engine reproduces the textbook loop (``train`` over ``load_array``) for the same seed.

In float64 the two agree to ~1e-12 everywhere, divergence included: the algorithm is the same.
In float32 they round differently (a fused closed-form gradient against autograd's steps), so a
parameter may differ by one unit in the last place; at the loss floor (~1e-4, computed as the mean
of squared residuals ~0.01 that are differences of numbers ~5) such a difference can move the loss
by a relative 1e-5 or more. Measured: with batch 1 or lr >= 0.3 up to ~5e-4 (SGD noise amplifies
the rounding); with batch >= 10 and lr <= 0.1 usually 0 to 1e-5, but up to 3.4e-5 for some seeds
(lr 0.01, batch 10, pytorch_default init; data seed 0, init seed 1, loader seed 5) and 1.07e-5 with
the project's seed (He init, lr 0.03, batch 10), while weights and biases agree to <= 2e-6. So the
float32 grid holds every weight and bias to 1e-5, and each loss to 1e-5 or to the rounding error of
evaluating the MSE in float32, whichever is larger (``linreg_helpers.agreement``, which the benchmark
uses too). The float64 grid below measured <= 9e-14.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from linreg_helpers import SCHEMES, History, defaults, initialize, linear_net, load_array, train, train_fast
from linreg_helpers.agreement import agreement_ratio, mse_rounding_bound


def _both(
    features: torch.Tensor, labels: torch.Tensor, lr: float, batch_size: int, num_epochs: int, scheme: str
) -> tuple[History, History]:
    """Run the textbook loop and the fast engine from equal nets with equally seeded generators."""
    dtype = features.dtype
    textbook_net = initialize(linear_net(features.shape[1]), scheme, seed=defaults.SEED).to(dtype)
    fast_net = initialize(linear_net(features.shape[1]), scheme, seed=defaults.SEED).to(dtype)
    data_iter = load_array(
        (features, labels), batch_size, generator=torch.Generator().manual_seed(defaults.SEED)
    )
    textbook = train(textbook_net, data_iter, features, labels, lr, num_epochs)
    fast, _ = train_fast(
        fast_net,
        features,
        labels,
        lr,
        batch_size,
        num_epochs,
        generator=torch.Generator().manual_seed(defaults.SEED),
    )
    return textbook, fast


def test_float32_at_the_seeds_setting(seed_data: tuple[torch.Tensor, torch.Tensor]) -> None:
    features, labels = seed_data
    textbook, fast = _both(
        features, labels, defaults.LR, defaults.BATCH_SIZE, defaults.NUM_EPOCHS, defaults.INIT_SCHEME
    )
    assert len(fast.loss) == defaults.NUM_EPOCHS + 1 and not fast.diverged
    assert agreement_ratio(textbook, fast, features, labels) <= 1


def test_float32_divergence_is_reported_alike(seed_data: tuple[torch.Tensor, torch.Tensor]) -> None:
    features, labels = seed_data
    textbook, fast = _both(features, labels, 5.0, defaults.BATCH_SIZE, 3, defaults.INIT_SCHEME)
    assert fast.diverged_at == textbook.diverged_at == 1
    assert fast.divergence_message() == textbook.divergence_message()
    assert np.isfinite([*fast.loss, *fast.bias, *np.concatenate(fast.weights)]).all()


@pytest.fixture(scope="module")
def small_data_float64(seed_data: tuple[torch.Tensor, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """The first 200 examples of the seed's data in float64 (200 keeps batch size 1 quick)."""
    return seed_data[0][:200].double(), seed_data[1][:200].double()


LRS = (0.001, 0.01, 0.1, 0.3, 0.9, 3.0)
BATCH_SIZES = (1, 7, 10, 100, 1000)  # 1000 > 200 examples: one batch of all


@pytest.mark.parametrize("lr", LRS)
@pytest.mark.parametrize("batch_size", BATCH_SIZES)
def test_float64_same_algorithm(
    small_data_float64: tuple[torch.Tensor, torch.Tensor], lr: float, batch_size: int
) -> None:
    features, labels = small_data_float64
    scheme = SCHEMES[(LRS.index(lr) + BATCH_SIZES.index(batch_size)) % len(SCHEMES)]  # every scheme in turn
    textbook, fast = _both(features, labels, lr, batch_size, 3, scheme)
    assert fast.diverged_at == textbook.diverged_at
    assert agreement_ratio(textbook, fast, features, labels) <= 1  # float64: 1e-5 relative on everything


def test_the_float64_grid_includes_divergence(small_data_float64: tuple[torch.Tensor, torch.Tensor]) -> None:
    features, labels = small_data_float64
    textbook, fast = _both(features, labels, 3.0, 10, 3, "normal")
    assert textbook.diverged_at == fast.diverged_at == 1
    assert fast.divergence_message() == textbook.divergence_message()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("lr", "batch_size"), [(0.001, 10), (0.03, 10), (0.1, 100), (0.1, 1000)])
def test_float32_small_lr_and_batches_of_ten_or_more(
    seed_data: tuple[torch.Tensor, torch.Tensor], scheme: str, lr: float, batch_size: int
) -> None:
    features, labels = seed_data
    textbook, fast = _both(features, labels, lr, batch_size, 4, scheme)
    assert agreement_ratio(textbook, fast, features, labels) <= 1


def test_agreement_allows_rounding_of_the_loss_and_nothing_more(seed_data) -> None:
    features, labels = seed_data
    weights, bias = np.array(defaults.TRUE_W), defaults.TRUE_B
    reference = History(lr=0.01, loss=[32.7, 9.26e-5], weights=[np.zeros(2), weights], bias=[0.0, bias])
    bound = mse_rounding_bound(features, labels, weights, bias)
    # by hand: residuals ~0.01 of numbers ~5 -> 2 * 0.01 * 4 * 6e-8 * 5 ~ 2e-8, far above 1e-5 of 9.26e-5
    assert 5e-9 < bound < 5e-8 and bound > 1e-5 * 9.26e-5

    def shifted(loss_shift=0.0, weight_shift=0.0):
        return History(
            lr=0.01,
            loss=[32.7, 9.26e-5 + loss_shift],
            weights=[np.zeros(2), weights * (1 + weight_shift)],
            bias=[0.0, bias],
        )

    assert agreement_ratio(reference, shifted(), features, labels) == 0
    assert agreement_ratio(reference, shifted(loss_shift=0.9 * bound), features, labels) <= 1
    assert agreement_ratio(reference, shifted(loss_shift=1.1 * bound), features, labels) > 1
    assert agreement_ratio(reference, shifted(weight_shift=0.9e-5), features, labels) <= 1
    assert agreement_ratio(reference, shifted(weight_shift=1.1e-5), features, labels) > 1
    longer = History(lr=0.01, loss=[*reference.loss, 1e-4], weights=[*reference.weights, weights])
    longer.bias = [0.0, bias, bias]
    assert agreement_ratio(reference, longer, features, labels) == float("inf")


def test_record_steps_starts_at_the_initial_parameters(seed_data: tuple[torch.Tensor, torch.Tensor]) -> None:
    features, labels = seed_data[0][:95], seed_data[1][:95]
    net = initialize(linear_net(2), "normal", seed=0)
    initial = np.r_[net[0].weight.detach().numpy().reshape(-1), net[0].bias.detach().numpy()]
    history, steps = train_fast(
        net, features, labels, 0.05, 10, 3, generator=torch.Generator().manual_seed(0), record_steps=True
    )
    steps_per_epoch = 10  # ceil(95 / 10)
    assert steps.shape == (3 * steps_per_epoch + 1, 3)
    np.testing.assert_array_equal(steps[0], initial)
    for epoch in range(4):  # the end of each epoch is a row of the history
        row = steps[epoch * steps_per_epoch]
        np.testing.assert_allclose(row[:-1], history.weights[epoch], rtol=1e-7)
        assert row[-1] == pytest.approx(history.bias[epoch], rel=1e-7)
    final = np.r_[net[0].weight.detach().numpy().reshape(-1), net[0].bias.detach().numpy()]
    np.testing.assert_array_equal(steps[-1], final)
    assert train_fast(linear_net(2), features, labels, record_steps=False)[1] is None
