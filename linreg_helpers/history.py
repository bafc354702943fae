"""What a training run returns: the per-epoch loss and parameters, and whether it diverged."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from . import defaults


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
        return (
            f"Diverged: with lr = {self.lr:.3g} the loss blew up in epoch {self.diverged_at} "
            f"(it became non-finite or over {defaults.DIVERGENCE_RATIO:g} times its initial value). "
            "Lower the learning rate."
        )

    def log_lines(self) -> list[str]:
        """The seed's training log: ``epoch k, loss …`` for each trained epoch."""
        lines = [f"epoch {epoch}, loss {loss:f}" for epoch, loss in enumerate(self.loss[1:], start=1)]
        if self.diverged:
            lines.append(self.divergence_message())
        return lines
