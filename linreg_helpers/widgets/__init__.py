"""Interactive dashboards: thin views over the package's tested functions (no logic of their own)."""

from .figure_image import FigureImage
from .init_explorer import InitExplorer, init_explorer

__all__ = ["FigureImage"]
__all__ += ["InitExplorer", "init_explorer"]
