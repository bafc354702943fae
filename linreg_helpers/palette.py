"""The project's colours, defined once (no plotting here: the scheme registry needs them too)."""

from __future__ import annotations

OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
"""Okabe & Ito's palette, distinguishable with the common forms of colour blindness."""

TRUE_COLOR = OKABE_ITO[7]
"""Colour of true values (true parameters, the noise floor) drawn as references."""

WARNING_COLOR = OKABE_ITO[1]
"""Colour of divergence marks and messages, in figures and status lines (vermillion)."""
