"""Reading a QR code back from the kiosk's screen, as a camera would: the
cells as drawn (character and colours) become modules, the modules an
image, and zxing-cpp decodes it. Shared by the hand-over and take-away tests."""

from __future__ import annotations

import numpy as np
import zxingcpp
from rich.cells import cell_len

from kiosk.widgets.qrcode import QUIET_ZONE

# Pixels per module in the image given to the reader.
SCALE = 4


def _rgb(color) -> tuple[int, int, int]:
    triplet = color.get_truecolor()
    return triplet.red, triplet.green, triplet.blue


def _dark(rgb: tuple[int, int, int]) -> bool:
    red, green, blue = rgb
    return 0.299 * red + 0.587 * green + 0.114 * blue < 128


def drawn_cells(app, widget) -> list[list[tuple[str, object]]]:
    """The (character, style) of every cell of `widget`, as the screen shows it."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()
    rows = []
    for strip in strips[region.y : region.bottom]:
        cells: list[tuple[str, object]] = []
        for segment in strip.crop(region.x, region.right):
            for char in segment.text:
                cells.extend([(char, segment.style)] * cell_len(char))
        rows.append(cells)
    return rows


def modules(app, widget) -> np.ndarray:
    """Rebuild the picture a camera sees: two modules (top, bottom) per
    character cell, each dark or light from the cell's colours."""
    rows = drawn_cells(app, widget)
    picture = np.zeros((2 * len(rows), len(rows[0])), dtype=bool)
    for y, cells in enumerate(rows):
        for x, (char, style) in enumerate(cells):
            fore, back = _rgb(style.color), _rgb(style.bgcolor)
            if style.reverse:
                fore, back = back, fore
            top = fore if char in "▀█" else back
            bottom = fore if char in "▄█" else back
            picture[2 * y, x] = _dark(top)
            picture[2 * y + 1, x] = _dark(bottom)
    return picture


def read_drawn_code(app, widget) -> tuple[str, np.ndarray]:
    """Decode the code `widget` draws with zxing-cpp, dark on light and the
    right way round (no inverting, no rotating); the text and the symbol's
    modules as drawn (quiet zone checked light)."""
    assert widget.fits
    columns, rows = widget.code_size
    assert rows == (columns + 1) // 2  # square modules: one a column, two a row
    picture = modules(app, widget)
    # The whole code, with a light quiet zone of 4 modules all around it.
    box = widget.code_region
    drawn = picture[2 * box.y : 2 * box.bottom, box.x : box.right]
    size = columns - 2 * QUIET_ZONE
    symbol = drawn[QUIET_ZONE : QUIET_ZONE + size, QUIET_ZONE : QUIET_ZONE + size]
    assert not drawn.sum() - symbol.sum(), "dark modules in the quiet zone"
    # The image a camera would take of the whole area (in high contrast, the
    # screen around the quiet zone is black).
    image = np.where(picture, 0, 255).astype(np.uint8)
    image = np.repeat(np.repeat(image, SCALE, axis=0), SCALE, axis=1)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False, try_rotate=False)
    assert len(found) == 1, "no QR code read on the screen"
    assert found[0].orientation == 0
    return found[0].text, symbol
