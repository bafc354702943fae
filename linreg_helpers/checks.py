"""Instant feedback for the notebooks' exercises: right, or wrong with a hint, never a traceback.

Each ``check_…`` function takes the learner's answer (still ``...`` until they replace it) and returns
a :class:`Verdict`, which a notebook shows as one line and which is true only for a right answer. A
malformed answer (text, a tensor of the wrong shape, NaN) gets a sentence saying what was expected, as
a wrong one gets a hint to the section that explains it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from . import defaults
from .closed_form import least_squares
from .language import say
from .stability import max_stable_lr

NOT_ANSWERED = "Not answered yet: replace the ... with your answer, then run this cell again."
"""The English template of the sentence for an exercise left as ``...`` (shown translated by ``say``)."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: right or not, and the sentence the learner reads."""

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return (say("✓ Right. ") if self.correct else "✗ ") + self.message


def _verdict(correct: bool, template: str, **fields: Any) -> Verdict:
    """A verdict whose sentence is ``template`` in the learner's language, with ``fields`` filled in."""
    return Verdict(correct, say(template, **fields))


def _as_number(answer: Any) -> float | str:
    """The answer as a finite float, or a sentence saying why it is not one."""
    if answer is Ellipsis:
        return say(NOT_ANSWERED)
    if isinstance(answer, torch.Tensor) and answer.numel() == 1:
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return say("Expected a number, got {kind} {answer!r:.40}.", kind=type(answer).__name__, answer=answer)
    if not math.isfinite(answer):
        return say("Expected a finite number, got {answer}.", answer=answer)
    return float(answer)


def _as_tensor(answer: Any, shape: tuple[int, ...]) -> torch.Tensor | str:
    """The answer as a finite float tensor of ``shape``, or a sentence saying why it is not one."""
    if answer is Ellipsis:
        return say(NOT_ANSWERED)
    try:
        tensor = torch.as_tensor(answer, dtype=torch.float64)
    except (TypeError, ValueError, RuntimeError):
        return say("Expected a tensor of shape {shape}, got {kind}.", shape=shape, kind=type(answer).__name__)
    if tuple(tensor.shape) != shape:
        got = tuple(tensor.shape)
        return say(
            "Expected a tensor of shape {shape} (like the weight), got shape {got}.", shape=shape, got=got
        )
    if not torch.isfinite(tensor).all():
        return say("Expected finite numbers, got NaN or infinity.")
    return tensor


def check_zero_model_loss(answer: Any, labels: torch.Tensor) -> Verdict:
    """Exercise: the MSE of the model that predicts 0 for every example (the all-zero start)."""
    value = _as_number(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    measured = float((labels.double() ** 2).mean())
    if abs(value - measured) <= 0.03 * measured:
        return _verdict(
            True, "The zero model's loss is the mean of y², {measured:.3g} on this data.", measured=measured
        )
    return _verdict(
        False,
        "{value:.3g} is not it. Hint: the zero model predicts 0, so each squared error is y²; and "
        "E[y²] = b² + ‖w‖² + σ² for y = Xw + b + ε with X ~ N(0, 1) (section 2).",
        value=value,
    )


def check_weight_gradient(answer: Any, net: nn.Module, X: torch.Tensor, y: torch.Tensor) -> Verdict:
    """Exercise: ∂L/∂W of ``nn.MSELoss`` for ``net`` (one ``nn.Linear``) on the minibatch ``X``, ``y``."""
    layer = next(module for module in net.modules() if isinstance(module, nn.Linear))
    value = _as_tensor(answer, tuple(layer.weight.shape))
    if isinstance(value, str):
        return _verdict(False, value)
    (gradient,) = torch.autograd.grad(nn.functional.mse_loss(net(X), y), layer.weight)
    if torch.allclose(value, gradient.double(), rtol=1e-4, atol=1e-5):
        return _verdict(True, "It equals autograd's gradient: (2/B) (ŷ − y)ᵀ X.")
    if torch.allclose(value, 0.5 * gradient.double(), rtol=1e-4, atol=1e-5):
        return _verdict(False, "Half of it: nn.MSELoss has no ½, so its derivative keeps the 2 (section 2).")
    return _verdict(False, "Not autograd's gradient. Hint: ∂L/∂W = (2/B) (ŷ − y)ᵀ X, ŷ = net(X) (section 2).")


def check_big_init_final_loss(answer: Any) -> Verdict:
    """Exercise: the final loss of the chapter's run started from weights of standard deviation 1000."""
    value = _as_number(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    floor = defaults.NOISE_STD**2
    if 0.5 * floor <= value <= 2 * floor:
        return _verdict(
            True,
            "The loss starts orders of magnitude higher and still ends on the noise floor: the bowl has "
            "one bottom, and each step shrinks the distance to it by the same factor whatever the start "
            "(section 2).",
        )
    return _verdict(
        False,
        "{value:.3g} is not on the noise floor σ² = {floor:g}. Hint: train with the book's settings "
        "(lr 0.01, batch 10, 10 epochs) and print history.final_loss; is the loss convex (section 2)?",
        value=value,
        floor=floor,
    )


def check_noise_floor(answer: Any, noise_std: float) -> Verdict:
    """Exercise: the best loss any model can expect on data whose noise has std ``noise_std``."""
    value = _as_number(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    floor = noise_std**2
    if abs(value - floor) <= 0.1 * floor:
        return _verdict(
            True, "σ² = {floor:g}: the loss scales with the square of the noise level.", floor=floor
        )
    if abs(value - noise_std) <= 0.1 * noise_std:
        return _verdict(
            False, "{value:g} is σ itself. Hint: the loss averages squared errors (section 6).", value=value
        )
    return _verdict(
        False, "{value:g} is not it. Hint: the true w and b leave only the noise ε (section 6).", value=value
    )


def check_batches(answer: Any, num_examples: int, batch_size: int) -> Verdict:
    """Exercise: ``(number of minibatches in an epoch, size of the last one)``."""
    if answer is Ellipsis or (isinstance(answer, tuple) and Ellipsis in answer):
        return _verdict(False, NOT_ANSWERED)
    if not (isinstance(answer, tuple) and len(answer) == 2 and all(type(a) is int for a in answer)):
        return _verdict(
            False, "Expected two whole numbers (batches, last batch size), got {answer!r:.40}.", answer=answer
        )
    count = -(-num_examples // batch_size)
    last = num_examples - (count - 1) * batch_size
    if answer == (count, last):
        return _verdict(
            True,
            "⌈{n} / {b}⌉ = {count} batches, the last of {last}.",
            n=num_examples,
            b=batch_size,
            count=count,
            last=last,
        )
    return _verdict(
        False,
        "{answer} is not it. Hint: ⌈n / B⌉ batches; the last holds the rest (section 4).",
        answer=answer,
    )


def check_model_for(answer: Any, features: torch.Tensor) -> Verdict:
    """Exercise: a one-output linear model that accepts ``features`` (any number of columns)."""
    if answer is Ellipsis:
        return _verdict(False, NOT_ANSWERED)
    if not isinstance(answer, nn.Module):
        return _verdict(False, "Expected a model (an nn.Module), got {kind}.", kind=type(answer).__name__)
    try:
        with torch.no_grad():
            output = answer(features)
    except RuntimeError as error:
        return _verdict(
            False, "The model fails on the data: {error} (section 4).", error=str(error).splitlines()[0]
        )
    if tuple(output.shape) != (len(features), 1):
        expected = (len(features), 1)
        got = tuple(output.shape)
        return _verdict(
            False, "Expected shape {expected}, one output per example, got {got}.", expected=expected, got=got
        )
    source, target = tuple(features.shape), tuple(output.shape)
    return _verdict(
        True, "It maps {source} to {target}: its in_features fits the data.", source=source, target=target
    )


def check_normal_equations(answer: Any, features: torch.Tensor, labels: torch.Tensor) -> Verdict:
    """Exercise: θ = [w1, ..., b] solving the normal equations AᵀA θ = Aᵀy with A = [X, 1]."""
    value = _as_tensor(answer, (features.shape[1] + 1,))
    if isinstance(value, str):
        return _verdict(False, value)
    fit = least_squares(features, labels)  # the float64 least-squares solution of notebook 6
    theta = torch.tensor([*fit.w, fit.b], dtype=torch.float64)
    if torch.allclose(value, theta, atol=1e-5):
        return _verdict(True, "It is the least-squares solution: the bottom of the bowl, in one step.")
    return _verdict(False, "Not the least-squares θ. Hint: A = [X, 1], then solve AᵀA θ = Aᵀy (section 1).")


def check_error_shrink(answer: Any) -> Verdict:
    """Exercise: by what factor the fitted weights' error shrinks when the data grows 100 times."""
    value = _as_number(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    if 7 <= value <= 14:  # √100 = 10, give or take the sampling spread of a few repeats
        return _verdict(True, "About √100 = 10: the error shrinks like σ/√n, the averaging of n noise draws.")
    if 70 <= value <= 140:
        return _verdict(
            False,
            "{value:g} is n's own factor. Hint: averaging n noise draws shrinks them by √n.",
            value=value,
        )
    if 0 < value < 1:
        return _verdict(
            False,
            "{value:g} < 1 means the error grew. Hint: divide the error at small n by the one at large n.",
            value=value,
        )
    return _verdict(
        False,
        "{value:g} is not it. Hint: compare your errors at n and at 100 n; theory says σ/√n.",
        value=value,
    )


def check_lazy_initialized(answer: Any) -> Verdict:
    """Exercise: a ``LazyLinear(1)`` model whose weight is N(0, 0.01²) and bias 0 *after* materialization."""
    if answer is Ellipsis:
        return _verdict(False, NOT_ANSWERED)
    if not isinstance(answer, nn.Module):
        return _verdict(False, "Expected a model (an nn.Module), got {kind}.", kind=type(answer).__name__)
    parameters = list(answer.parameters())
    if any(isinstance(p, nn.parameter.UninitializedParameter) for p in parameters):
        return _verdict(
            False, "The layer is still lazy: it has no shape yet. Hint: one dry run first (section 4)."
        )
    weights = [p for p in parameters if p.ndim == 2]
    biases = [p for p in parameters if p.ndim == 1]
    if len(weights) != 1 or len(biases) != 1 or weights[0].shape[0] != 1:
        return _verdict(
            False, "Expected one linear layer with one output, like nn.Sequential(nn.LazyLinear(1))."
        )
    weight, bias = weights[0].detach(), biases[0].detach()
    if bias.abs().max() > 0 or weight.abs().max() > 0.05:
        return _verdict(
            False,
            "The layer still has PyTorch's default values (|w| up to 1/√fan_in, a non-zero bias): the "
            "initialization ran before the first call, which overwrote it. Hint: section 4.",
        )
    if weight.abs().max() == 0:
        return _verdict(False, "The weights are all zero: draw them from N(0, 0.01²) with normal_(0, 0.01).")
    return _verdict(
        True, "Materialized first, initialized after: weights N(0, 0.01²), bias 0, and they stay."
    )


def _as_count(answer: Any) -> int | str:
    """The answer as a whole number, or a sentence saying why it is not one."""
    if answer is Ellipsis:
        return say(NOT_ANSWERED)
    if type(answer) is not int:
        return say(
            "Expected a whole number, got {kind} {answer!r:.40}.", kind=type(answer).__name__, answer=answer
        )
    return answer


def check_parameter_count(answer: Any, net: nn.Module) -> Verdict:
    """Exercise: how many numbers training adjusts in ``net``."""
    value = _as_count(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    count = sum(p.numel() for p in net.parameters())
    if value == count:
        return _verdict(True, "{count}: one weight per feature and one bias per output.", count=count)
    return _verdict(
        False, "{value} is not it. Hint: count the weight's entries and the bias's (step 3).", value=value
    )


def check_update_count(answer: Any, num_examples: int, batch_size: int, num_epochs: int) -> Verdict:
    """Exercise: how many times ``trainer.step()`` runs in a whole training run."""
    value = _as_count(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    per_epoch = -(-num_examples // batch_size)
    if value == per_epoch * num_epochs:
        return _verdict(
            True,
            "{per_epoch} minibatches an epoch × {epochs} epochs: one step each.",
            per_epoch=per_epoch,
            epochs=num_epochs,
        )
    if value == num_epochs:
        return _verdict(
            False, "{value} is one per epoch. Hint: the step runs once per minibatch (step 6).", value=value
        )
    return _verdict(
        False, "{value} is not it. Hint: ⌈n / batch size⌉ minibatches per epoch, one step each.", value=value
    )


def check_scaled_limit(answer: Any, features: torch.Tensor) -> Verdict:
    """Exercise: the largest stable learning rate of full-batch gradient descent on ``3 * features``."""
    value = _as_number(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    limit = max_stable_lr(3 * features)
    if abs(value - limit) <= 0.05 * limit:
        return _verdict(True, "About {limit:.2g}: 9 times the curvature, a ninth of the limit.", limit=limit)
    third = max_stable_lr(features) / 3
    if abs(value - third) <= 0.05 * third:
        return _verdict(
            False,
            "{value:.2g} divides by 3. Hint: the curvature H grows with x², by 3² (section 6).",
            value=value,
        )
    return _verdict(
        False, "{value:.2g} is not it. Hint: H = (2/n)AᵀA; scaling x by 3 scales its block by 9.", value=value
    )


def check_summed_lr(answer: Any, lr: float = defaults.LR, batch_size: int = defaults.BATCH_SIZE) -> Verdict:
    """Exercise: the learning rate with ``MSELoss(reduction="sum")`` that trains like the mean at ``lr``."""
    value = _as_number(answer)
    if isinstance(value, str):
        return _verdict(False, value)
    same = lr / batch_size
    if math.isclose(value, same, rel_tol=1e-6):
        return _verdict(
            True,
            "lr / B = {same:g}: the sum's gradient is B = {b} times the mean's.",
            same=same,
            b=batch_size,
        )
    if math.isclose(value, lr * batch_size, rel_tol=1e-6):
        return _verdict(
            False, "{value:g} multiplies. Hint: the sum's gradient is already B times larger.", value=value
        )
    return _verdict(
        False,
        "{value:g} is not it. Hint: compare the gradients of the sum and the mean (section 5).",
        value=value,
    )
