"""PNG bytes of a pixel array, written for live frames: quick to make, small to send.

A plot is mostly runs of one colour, which zlib compresses well as they are. So the rows go
unfiltered (PNG filter 0) into zlib at level 1: for the dashboards' frames this was 3 times faster
than Pillow at its fastest level (compress_level=1, 1.1 vs 3.2 ms for the training dashboard's
720 x 273 frame) and no larger (33 KB both; the data explorer's 63 KB against 68 KB).
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

ZLIB_LEVEL = 1
SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLOR_TYPES = {3: 2, 4: 6}
"""PNG colour type by channels per pixel: RGB (2), RGBA (6); 8 bits each."""


def png_bytes(pixels: np.ndarray) -> bytes:
    """The PNG of ``pixels``, an ``(height, width, 3 or 4)`` uint8 array (RGB or RGBA). An RGBA array whose
    alpha is 255 everywhere is written as RGB: the same picture, a quarter less to compress."""
    pixels = np.asarray(pixels)
    shape_ok = pixels.ndim == 3 and pixels.shape[2] in COLOR_TYPES and 0 not in pixels.shape
    if pixels.dtype != np.uint8 or not shape_ok:
        raise ValueError(
            "pixels must be a non-empty uint8 array of shape (height, width, 3 or 4), "
            f"got {pixels.dtype} of shape {pixels.shape}"
        )
    if pixels.shape[2] == 4 and (pixels[..., 3] == 255).all():
        pixels = pixels[..., :3]
    height, width, channels = pixels.shape
    rows = np.zeros((height, 1 + width * channels), dtype=np.uint8)  # each row: filter type 0, then pixels
    rows[:, 1:] = pixels.reshape(height, width * channels)
    header = struct.pack(">IIBBBBB", width, height, 8, COLOR_TYPES[channels], 0, 0, 0)
    return b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows.tobytes(), ZLIB_LEVEL)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, type, data, and the CRC of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
