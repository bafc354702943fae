"""Fixtures shared by the unit tests: the seed's data set, made once per session."""

from __future__ import annotations

import pytest
import torch

from linreg_helpers import defaults, synthetic_data


@pytest.fixture(scope="session")
def seed_data() -> tuple[torch.Tensor, torch.Tensor]:
    """The seed's 1,000 x 2 data set (true w, b and noise of the chapter), under ``defaults.SEED``."""
    torch.manual_seed(defaults.SEED)
    return synthetic_data(torch.tensor(defaults.TRUE_W), defaults.TRUE_B, defaults.NUM_EXAMPLES)
