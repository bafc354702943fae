"""Figures as displays (scikit-learn's pattern, ``display.py``): built from data, ``plot(ax=None)``
returns the display with what it drew, ``update(...)`` redraws live; and the one style (``style.py``)."""

from .data_plots import DataOverviewDisplay, FeaturesDisplay, ResidualsDisplay
from .display import Display
from .estimation_plots import EstimationErrorDisplay
from .init_plots import LayerStatisticsDisplay, StatisticsPanelsDisplay
from .style import OKABE_ITO, STYLE, TRUE_COLOR, WARNING_COLOR, new_axes, use_style
from .surface_plots import LossBowl, LossSurfaceDisplay, profile_loss
from .training_plots import LossDisplay, LrSweepDisplay, TrainingRunDisplay, TrajectoryDisplay

__all__ = ["OKABE_ITO", "STYLE", "TRUE_COLOR", "WARNING_COLOR", "new_axes", "use_style"]
__all__ += ["Display", "DataOverviewDisplay", "FeaturesDisplay", "ResidualsDisplay"]
__all__ += ["LayerStatisticsDisplay", "StatisticsPanelsDisplay"]
__all__ += ["LossDisplay", "LrSweepDisplay", "TrainingRunDisplay", "TrajectoryDisplay"]
__all__ += ["LossBowl", "LossSurfaceDisplay", "profile_loss"]
__all__ += ["EstimationErrorDisplay"]
