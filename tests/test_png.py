"""The live frames' PNG writer (widgets/png.py), read back by Pillow."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from linreg_helpers.widgets.png import png_bytes


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("channels", [3, 4])
def test_pillow_reads_back_the_same_pixels(channels):
    pixels = np.random.default_rng(0).integers(0, 256, size=(37, 53, channels), dtype=np.uint8)
    image = _decoded(png_bytes(pixels))
    assert image.mode == ("RGB" if channels == 3 else "RGBA")
    np.testing.assert_array_equal(np.asarray(image), pixels)


def test_an_opaque_rgba_picture_is_written_as_rgb():
    pixels = np.full((4, 6, 4), 255, dtype=np.uint8)
    pixels[1, 2, :3] = (10, 20, 30)
    image = _decoded(png_bytes(pixels))
    assert image.mode == "RGB"
    np.testing.assert_array_equal(np.asarray(image), pixels[..., :3])


def test_a_plot_like_picture_compresses_well():
    pixels = np.full((200, 300, 3), 255, dtype=np.uint8)
    pixels[50:150, 100] = (0, 114, 178)  # a line on white
    assert len(png_bytes(pixels)) < pixels.nbytes / 50


@pytest.mark.parametrize(
    "pixels",
    [np.zeros((4, 4, 3), dtype=np.float32), np.zeros((4, 4), dtype=np.uint8), np.zeros((0, 4, 3), np.uint8)],
)
def test_other_arrays_are_refused_with_what_is_allowed(pixels):
    with pytest.raises(ValueError, match=r"uint8 array of shape \(height, width, 3 or 4\)"):
        png_bytes(pixels)
