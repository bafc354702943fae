"""Plotting functions: each takes ``ax=None`` and returns what it drew (scikit-learn's way)."""

from .style import OKABE_ITO, SCHEME_COLORS, STYLE, TRUE_COLOR, get_ax, use_style

__all__ = ["OKABE_ITO", "SCHEME_COLORS", "STYLE", "TRUE_COLOR", "get_ax", "use_style"]
