"""Interactive dashboards: thin views over the package's tested functions (no logic of their own)."""

from .data_explorer import DataExplorer, data_explorer
from .figure_image import FigureImage
from .init_explorer import InitExplorer, init_explorer

__all__ = ["FigureImage"]
__all__ += ["InitExplorer", "init_explorer"]
__all__ += ["DataExplorer", "data_explorer"]
