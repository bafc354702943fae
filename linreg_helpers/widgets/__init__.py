"""Interactive dashboards: thin views over the package's tested functions (no logic of their own)."""

from .figure_image import FigureImage

__all__ = ["FigureImage"]
