"""Argument checks: each error names the argument, the value received and what is allowed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch


def _describe(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return repr(value)


def check_positive_int(name: str, value: Any, *, maximum: int | None = None) -> int:
    """Return ``value`` if it is an int ≥ 1 (and ≤ ``maximum``), else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a positive integer, got {_describe(value)}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer (>= 1), got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return int(value)


def check_seed(value: Any, name: str = "seed") -> int:
    """Return ``value`` if it is an int (a random seed; not a bool), else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {value!r}")
    return int(value)


def check_positive_float(name: str, value: Any) -> float:
    """Return ``value`` as a float if it is finite and > 0, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a positive number, got {_describe(value)}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return float(value)


def check_non_negative_float(name: str, value: Any) -> float:
    """Return ``value`` as a float if it is finite and >= 0, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a non-negative number, got {_describe(value)}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value}")
    return float(value)


def check_finite_float(name: str, value: Any) -> float:
    """Return ``value`` as a float if it is a finite real number (a one-element tensor is accepted)."""
    if isinstance(value, torch.Tensor) and value.numel() == 1:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return float(value)


def as_float_tensor(name: str, value: Any) -> torch.Tensor:
    """Convert numbers to a float tensor (float64 stays float64, anything else becomes float32)."""
    if isinstance(value, torch.Tensor):
        tensor = value
    elif isinstance(value, (np.ndarray, Sequence)) and not isinstance(value, str):
        try:
            tensor = torch.as_tensor(np.asarray(value, dtype=np.float32))
        except (TypeError, ValueError) as err:
            raise TypeError(f"{name} must hold numbers, got {value!r}") from err
    else:
        raise TypeError(f"{name} must be a tensor, an array or a list of numbers, got {_describe(value)}")
    if not (tensor.is_floating_point() or tensor.dtype in (torch.int32, torch.int64)):
        raise TypeError(f"{name} must hold real numbers, got dtype {tensor.dtype}")
    tensor = tensor.to(torch.float64 if tensor.dtype == torch.float64 else torch.float32)
    finite = torch.isfinite(tensor)
    if not finite.all():
        index = tuple(int(i) for i in torch.nonzero(~finite)[0])
        raise ValueError(
            f"{name} must contain only finite numbers (no NaN or inf), "
            f"got {tensor[index].item()} at index {index}"
        )
    return tensor


def check_features_labels(features: Any, labels: Any) -> tuple[torch.Tensor, torch.Tensor]:
    """Check that ``features`` is (n, d) and ``labels`` is (n, 1) or (n,) of one float dtype.

    Returns them as float tensors, ``labels`` as a column.
    """
    X = as_float_tensor("features", features)
    y = as_float_tensor("labels", labels)
    if X.ndim != 2:
        raise ValueError(f"features must be 2-D (examples x features), got shape {tuple(X.shape)}")
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    if y.ndim != 2 or y.shape[1] != 1:
        raise ValueError(f"labels must be a column (n, 1) or a vector (n,), got shape {tuple(y.shape)}")
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"features and labels must have the same number of examples, got {X.shape[0]} and {y.shape[0]}"
        )
    if X.dtype != y.dtype:
        raise TypeError(f"features and labels must have the same dtype, got {X.dtype} and {y.dtype}")
    if X.shape[0] == 0:
        raise ValueError("features and labels must hold at least one example, got 0")
    return X, y


def check_choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise an error listing them."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def check_has_linear(name: str, net: Any) -> list[torch.nn.Linear]:
    """Return the ``nn.Linear`` layers of module ``net``, or raise an error describing what it holds."""
    if not isinstance(net, torch.nn.Module):
        raise TypeError(f"{name} must be a torch.nn.Module, got {type(net).__name__}")
    linears = [module for module in net.modules() if isinstance(module, torch.nn.Linear)]
    if not linears:
        layers = ", ".join(type(module).__name__ for module in net.children())
        raise ValueError(
            f"{name} must contain at least one nn.Linear layer, got {type(net).__name__}({layers})"
        )
    return linears
