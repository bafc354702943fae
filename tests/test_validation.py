"""Every public function refuses bad input with a message naming the argument, the value, what is allowed."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
import torch
from torch import nn

from linreg_helpers import (
    SCHEMES,
    initialize,
    layer_statistics,
    linear_net,
    load_array,
    mlp,
    shuffled_order,
    synthetic_data,
    train,
    train_fast,
)

W = torch.tensor([2.0, -3.4])
X = torch.zeros(5, 2)
Y = torch.zeros(5, 1)
NAN, INF = math.nan, math.inf


def _with(tensor: torch.Tensor, index: tuple[int, ...], value: float) -> torch.Tensor:
    tensor = tensor.clone()
    tensor[index] = value
    return tensor


def _train(**kwargs: Any) -> Any:
    arguments = {"net": linear_net(2), "data_iter": [(X, Y)], "features": X, "labels": Y, **kwargs}
    return train(**arguments)


def _train_fast(**kwargs: Any) -> Any:
    return train_fast(**{"net": linear_net(2), "features": X, "labels": Y, **kwargs})


def _synthetic(**kwargs: Any) -> Any:
    return synthetic_data(**{"w": W, "b": 4.2, "num_examples": 10, **kwargs})


def _stats(**kwargs: Any) -> Any:
    return layer_statistics(**{"net": mlp(2), "features": X, "labels": Y, **kwargs})


# (id, callable, keyword arguments, exception type, fragments the message must contain)
CASES: list[tuple[str, Callable[..., Any], dict[str, Any], type[Exception], tuple[str, ...]]] = [
    ("w 2-D", _synthetic, {"w": torch.zeros(2, 2)}, ValueError, ("w", "1-D", "(2, 2)")),
    ("w scalar", _synthetic, {"w": torch.tensor(1.0)}, ValueError, ("w", "1-D", "()")),
    ("w empty", _synthetic, {"w": []}, ValueError, ("w", "(0,)")),
    ("w NaN", _synthetic, {"w": _with(W, (1,), NAN)}, ValueError, ("w", "finite", "nan", "(1,)")),
    ("w inf", _synthetic, {"w": _with(W, (0,), INF)}, ValueError, ("w", "finite", "inf", "(0,)")),
    ("w text", _synthetic, {"w": "2, 3"}, TypeError, ("w", "'2, 3'")),
    ("b NaN", _synthetic, {"b": NAN}, ValueError, ("b", "finite", "nan")),
    ("b inf", _synthetic, {"b": -INF}, ValueError, ("b", "finite", "-inf")),
    ("b text", _synthetic, {"b": "4.2"}, TypeError, ("b", "real number", "'4.2'")),
    ("num_examples 0", _synthetic, {"num_examples": 0}, ValueError, ("num_examples", ">= 1", "0")),
    ("num_examples < 0", _synthetic, {"num_examples": -5}, ValueError, ("num_examples", ">= 1", "-5")),
    ("num_examples float", _synthetic, {"num_examples": 2.5}, TypeError, ("num_examples", "integer", "2.5")),
    ("num_examples bool", _synthetic, {"num_examples": True}, TypeError, ("num_examples", "integer", "True")),
    ("noise_std < 0", _synthetic, {"noise_std": -0.1}, ValueError, ("noise_std", ">= 0", "-0.1")),
    ("noise_std NaN", _synthetic, {"noise_std": NAN}, ValueError, ("noise_std", "finite", "nan")),
    ("shuffled_order 0", shuffled_order, {"num_examples": 0}, ValueError, ("num_examples", ">= 1", "0")),
    (
        "data_arrays not a tuple",
        load_array,
        {"data_arrays": X, "batch_size": 2},
        TypeError,
        ("data_arrays", "tuple"),
    ),
    (
        "data_arrays array",
        load_array,
        {"data_arrays": (X, [1]), "batch_size": 2},
        TypeError,
        ("data_arrays[1]", "list"),
    ),
    (
        "data_arrays lengths",
        load_array,
        {"data_arrays": (X, Y[:4]), "batch_size": 2},
        ValueError,
        ("data_arrays", "[5, 4]"),
    ),
    (
        "batch_size 0",
        load_array,
        {"data_arrays": (X, Y), "batch_size": 0},
        ValueError,
        ("batch_size", ">= 1", "0"),
    ),
    (
        "batch_size float",
        load_array,
        {"data_arrays": (X, Y), "batch_size": 2.0},
        TypeError,
        ("batch_size", "integer", "2.0"),
    ),
    (
        "generator",
        load_array,
        {"data_arrays": (X, Y), "batch_size": 2, "generator": 0},
        TypeError,
        ("generator", "int"),
    ),
    (
        "features NaN",
        _train,
        {"features": _with(X, (2, 1), NAN)},
        ValueError,
        ("features", "finite", "nan", "(2, 1)"),
    ),
    (
        "features inf",
        _train_fast,
        {"features": _with(X, (0, 0), INF)},
        ValueError,
        ("features", "finite", "inf"),
    ),
    (
        "labels NaN",
        _train,
        {"labels": _with(Y, (4, 0), NAN)},
        ValueError,
        ("labels", "finite", "nan", "(4, 0)"),
    ),
    ("labels inf", _train_fast, {"labels": _with(Y, (1, 0), -INF)}, ValueError, ("labels", "finite", "-inf")),
    ("features 1-D", _train, {"features": torch.zeros(5)}, ValueError, ("features", "2-D", "(5,)")),
    ("X, y lengths", _train, {"labels": torch.zeros(4, 1)}, ValueError, ("features and labels", "5 and 4")),
    (
        "X, y lengths fast",
        _train_fast,
        {"labels": torch.zeros(6)},
        ValueError,
        ("features and labels", "5 and 6"),
    ),
    ("labels 2 columns", _train, {"labels": torch.zeros(5, 2)}, ValueError, ("labels", "column", "(5, 2)")),
    (
        "labels 3-D",
        _train_fast,
        {"labels": torch.zeros(5, 1, 1)},
        ValueError,
        ("labels", "column", "(5, 1, 1)"),
    ),
    ("dtypes", _train, {"labels": Y.double()}, TypeError, ("features and labels", "dtype", "float64")),
    (
        "no examples",
        _train_fast,
        {"features": X[:0], "labels": Y[:0]},
        ValueError,
        ("at least one example", "0"),
    ),
    ("lr 0", _train, {"lr": 0}, ValueError, ("lr", "> 0", "0")),
    ("lr < 0", _train_fast, {"lr": -0.1}, ValueError, ("lr", "> 0", "-0.1")),
    ("lr NaN", _train, {"lr": NAN}, ValueError, ("lr", "finite", "nan")),
    ("lr inf", _train_fast, {"lr": INF}, ValueError, ("lr", "finite", "inf")),
    ("lr bool", _train, {"lr": True}, TypeError, ("lr", "positive number", "True")),
    ("lr str", _train_fast, {"lr": "0.03"}, TypeError, ("lr", "positive number", "'0.03'")),
    ("num_epochs 0", _train, {"num_epochs": 0}, ValueError, ("num_epochs", ">= 1", "0")),
    ("num_epochs < 0 fast", _train_fast, {"num_epochs": -1}, ValueError, ("num_epochs", ">= 1", "-1")),
    ("num_epochs float", _train, {"num_epochs": 3.0}, TypeError, ("num_epochs", "integer", "3.0")),
    ("batch_size 0 fast", _train_fast, {"batch_size": 0}, ValueError, ("batch_size", ">= 1", "0")),
    ("batch_size str fast", _train_fast, {"batch_size": "10"}, TypeError, ("batch_size", "integer", "'10'")),
    ("batch_size bool fast", _train_fast, {"batch_size": True}, TypeError, ("batch_size", "integer", "True")),
    ("batch_size NaN fast", _train_fast, {"batch_size": NAN}, TypeError, ("batch_size", "integer", "nan")),
    (
        "batch_size inf",
        load_array,
        {"data_arrays": (X, Y), "batch_size": INF},
        TypeError,
        ("batch_size", "inf"),
    ),
    ("num_epochs NaN", _train, {"num_epochs": NAN}, TypeError, ("num_epochs", "integer", "nan")),
    ("num_epochs inf fast", _train_fast, {"num_epochs": INF}, TypeError, ("num_epochs", "integer", "inf")),
    ("num_epochs bool", _train, {"num_epochs": False}, TypeError, ("num_epochs", "integer", "False")),
    ("num_epochs str fast", _train_fast, {"num_epochs": "10"}, TypeError, ("num_epochs", "integer", "'10'")),
    ("train net MLP", _train, {"net": mlp(2)}, ValueError, ("net", "exactly one nn.Linear", "2 Linear")),
    ("train_fast no Linear", _train_fast, {"net": nn.Sequential(nn.ReLU())}, ValueError, ("net", "0 Linear")),
    (
        "unknown scheme",
        initialize,
        {"net": linear_net(2), "scheme": "glorot"},
        ValueError,
        ("scheme", "'glorot'", *map(repr, SCHEMES)),
    ),
    ("scheme not str", initialize, {"net": linear_net(2), "scheme": 1}, ValueError, ("scheme", "got 1")),
    (
        "initialize no Linear",
        initialize,
        {"net": nn.Sequential(nn.ReLU(), nn.Tanh())},
        ValueError,
        ("net", "nn.Linear", "Sequential(ReLU, Tanh)"),
    ),
    ("initialize not a net", initialize, {"net": "net"}, TypeError, ("net", "nn.Module", "str")),
    ("seed float", initialize, {"net": linear_net(2), "seed": 1.5}, TypeError, ("seed", "int", "1.5")),
    (
        "unknown activation",
        mlp,
        {"activation": "sigmoid"},
        ValueError,
        ("activation", "'sigmoid'", "'tanh'", "'relu'"),
    ),
    ("hidden 0", mlp, {"hidden": 0}, ValueError, ("hidden", ">= 1", "0")),
    ("hidden too wide", mlp, {"hidden": 10**6}, ValueError, ("hidden", "at most 4096", "1000000")),
    ("depth too deep", mlp, {"depth": 1000}, ValueError, ("depth", "at most 200", "1000")),
    ("num_inputs 0", linear_net, {"num_inputs": 0}, ValueError, ("num_inputs", ">= 1", "0")),
    (
        "stats no Linear",
        _stats,
        {"net": nn.Sequential(nn.ReLU())},
        ValueError,
        ("net", "nn.Linear", "Sequential(ReLU)"),
    ),
    ("stats not Sequential", _stats, {"net": nn.Linear(2, 1)}, TypeError, ("net", "nn.Sequential", "Linear")),
    ("stats labels", _stats, {"labels": torch.zeros(3, 1)}, ValueError, ("features and labels", "5 and 3")),
]


@pytest.mark.parametrize(
    ("function", "kwargs", "error", "fragments"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_is_refused_with_a_clear_message(
    function: Callable[..., Any], kwargs: dict[str, Any], error: type[Exception], fragments: tuple[str, ...]
) -> None:
    with pytest.raises(error) as raised:
        function(**kwargs)
    assert type(raised.value) is error
    message = str(raised.value)
    missing = [fragment for fragment in fragments if fragment not in message]
    assert not missing, f"message {message!r} lacks {missing}"
