"""Plotting functions: each takes ``ax=None`` and returns what it drew (scikit-learn's way)."""

from .data_plots import FeaturePlot, ResidualPlot, plot_data_overview, plot_features, plot_residuals
from .init_plots import plot_layer_statistics, plot_statistics_panels
from .style import OKABE_ITO, STYLE, TRUE_COLOR, WARNING_COLOR, get_ax, use_style
from .training_plots import (
    plot_loss,
    plot_lr_sweep,
    plot_training_run,
    plot_trajectory,
    replot_training_run,
)

__all__ = ["OKABE_ITO", "STYLE", "TRUE_COLOR", "WARNING_COLOR", "get_ax", "use_style"]
__all__ += ["plot_layer_statistics", "plot_statistics_panels"]
__all__ += ["FeaturePlot", "ResidualPlot", "plot_data_overview", "plot_features", "plot_residuals"]
__all__ += ["plot_loss", "plot_lr_sweep", "plot_training_run", "plot_trajectory", "replot_training_run"]
