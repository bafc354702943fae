"""Interactive dashboards: thin views over the package's tested functions (no logic of their own)."""

from .dashboard import Dashboard
from .data_explorer import DataExplorer, data_explorer
from .figure_image import FigureImage
from .init_explorer import InitExplorer, init_explorer
from .training_dashboard import TrainingDashboard, training_dashboard

__all__ = ["Dashboard", "FigureImage"]
__all__ += ["InitExplorer", "init_explorer"]
__all__ += ["DataExplorer", "data_explorer"]
__all__ += ["TrainingDashboard", "training_dashboard"]
