"""What a training run returns: the per-epoch loss and parameters, and whether it diverged."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from . import defaults
from .formatting import format_errors, format_loss
from .language import say


@dataclass
class History:
    """Per-epoch record of a run; row 0 is the state before training, row k the state after epoch k.

    ``loss`` is the mean squared error on the full data set. A run that diverged keeps only its
    finite epochs and sets ``diverged_at`` to the epoch at which the loss blew up.
    """

    lr: float
    loss: list[float] = field(default_factory=list)
    weights: list[np.ndarray] = field(default_factory=list)
    bias: list[float] = field(default_factory=list)
    diverged_at: int | None = None

    @property
    def diverged(self) -> bool:
        """True if the run stopped because its loss became non-finite or exploded."""
        return self.diverged_at is not None

    @property
    def epochs(self) -> np.ndarray:
        """The epoch number of each recorded row (0 = before training)."""
        return np.arange(len(self.loss))

    @property
    def final_loss(self) -> float:
        """The last finite loss recorded."""
        return self.loss[-1]

    def record(self, epoch: int, loss: float, weights: np.ndarray, bias: float) -> bool:
        """Append one epoch; return False (and record nothing) if the loss diverged."""
        if not math.isfinite(loss) or (
            self.loss and loss > defaults.DIVERGENCE_RATIO * max(self.loss[0], 1.0)
        ):
            self.diverged_at = epoch
            return False
        self.loss.append(float(loss))
        self.weights.append(np.asarray(weights, dtype=np.float64).reshape(-1).copy())
        self.bias.append(float(bias))
        return True

    def divergence_message(self) -> str:
        """A sentence for the learner, or an empty string if the run did not diverge."""
        if not self.diverged:
            return ""
        return say(
            "Diverged: with lr = {lr:.3g} the loss blew up in epoch {epoch} "
            "(it became non-finite or over {ratio:g} times its initial value). Lower the learning rate.",
            lr=self.lr,
            epoch=self.diverged_at,
            ratio=defaults.DIVERGENCE_RATIO,
        )

    def log_lines(self) -> list[str]:
        """The seed's training log: ``epoch k, loss …`` for each trained epoch."""
        lines = [f"epoch {epoch}, loss {loss:f}" for epoch, loss in enumerate(self.loss[1:], start=1)]
        if self.diverged:
            lines.append(self.divergence_message())
        return lines


def is_diverging(history: History) -> bool:
    """True if the run diverged, or if its loss ended above where it started.

    ``History`` flags a run only once its loss is a million times its start; just above the limit
    (say 1.1 x ``max_stable_lr``) the loss grows by a factor of about 1.4 per step and needs more
    epochs than a dashboard runs to get there, yet it is already diverging.
    """
    return history.diverged or history.loss[-1] > history.loss[0]


def status_text(history: History, boundary: float, noise_var: float) -> str:
    """The dashboard's status: a divergence message, or the final loss and estimation errors; then, on a
    second line, the stability limit."""
    limit = say(
        "Full-batch stability limit 2/λ_max = {boundary:.3g} (lr is {ratio:.2g} × it).",
        boundary=boundary,
        ratio=history.lr / boundary,
    )
    if history.diverged:
        return f"{history.divergence_message()}\n{limit}"
    if is_diverging(history):
        growing = say(
            "Diverging: with lr = {lr:.3g} the loss grew from {first} to {last} in {epochs} epochs; "
            "more epochs would blow it up. Lower the learning rate.",
            lr=history.lr,
            first=format_loss(history.loss[0]),
            last=format_loss(history.final_loss),
            epochs=len(history.loss) - 1,
        )
        return f"{growing}\n{limit}"
    error_w = np.asarray(defaults.TRUE_W) - history.weights[-1]
    error_b = defaults.TRUE_B - history.bias[-1]
    final = say(
        "Final loss {loss} (noise floor σ² = {floor:.3g}); error of w: {error_w}, of b: {error_b}.",
        loss=format_loss(history.final_loss),
        floor=noise_var,
        error_w=format_errors(error_w),
        error_b=format_errors(error_b),
    )
    return f"{final}\n{limit}"
