"""The chapter's settings, defined once: every notebook, widget, test and benchmark reads them here."""

from __future__ import annotations

TRUE_W: tuple[float, ...] = (2.0, -3.4)
"""The true weights of the seed's experiment (``true_w = torch.tensor([2, -3.4])``)."""

TRUE_B: float = 4.2
"""The true bias of the seed's experiment."""

NUM_EXAMPLES: int = 1000
NOISE_STD: float = 0.01
BATCH_SIZE: int = 10
LR: float = 0.01
NUM_EPOCHS: int = 10
INIT_SCHEME: str = "normal"
NORMAL_INIT_STD: float = 0.01
"""Standard deviation of d2l's ``normal_(0, 0.01)`` weight initialization."""

ACTIVATION: str = "tanh"
"""Activation of the notebooks' small MLPs and of the deep nets the initialization explorer starts with."""

SEED: int = 0
"""Seed used wherever the notebooks need reproducible randomness."""

DIVERGENCE_RATIO: float = 1e6
"""A run counts as diverged once its loss is non-finite or this many times its initial loss."""
