"""Helpers behind the notebooks on linear regression in PyTorch (d2l, concise implementation).

The notebooks tell the story; this package does the work, so that notebooks, widgets and tests
all call the same tested functions.
"""

from . import defaults
from .closed_form import Fit, estimation_errors, fit_table, least_squares, sklearn_fit, training_mse
from .data import chapter_data, load_array, shuffled_order, synthetic_data
from .diagnostics import LayerStats, layer_statistics
from .fast_training import train_fast
from .formatting import format_difference, format_errors, format_loss, format_values
from .history import History, is_diverging, status_text
from .initializers import REGISTRY, SCHEMES, Scheme, expected_weight_std, get_scheme, initialize
from .language import LANGUAGES, get_language, set_language
from .models import ACTIVATIONS, linear_net, mlp
from .stability import max_stable_lr, mse_hessian
from .training import linear_parameters, train

__all__ = [
    "ACTIVATIONS",
    "REGISTRY",
    "SCHEMES",
    "Scheme",
    "History",
    "LayerStats",
    "chapter_data",
    "defaults",
    "initialize",
    "layer_statistics",
    "linear_net",
    "linear_parameters",
    "load_array",
    "mlp",
    "shuffled_order",
    "synthetic_data",
    "train",
    "train_fast",
]
__all__ += ["Fit", "estimation_errors", "fit_table", "least_squares", "sklearn_fit", "training_mse"]
__all__ += ["is_diverging", "max_stable_lr", "mse_hessian", "status_text"]
__all__ += ["expected_weight_std", "get_scheme"]
__all__ += ["format_difference", "format_errors", "format_loss", "format_values"]
__all__ += ["LANGUAGES", "get_language", "set_language"]
