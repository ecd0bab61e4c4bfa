"""Reading a QR code back from the kiosk's screen, as a camera would: the
cells as drawn (character and colours) become modules, the modules an
image, and zxing-cpp decodes it. Shared by the hand-over and take-away tests."""

from __future__ import annotations

import numpy as np
import zxingcpp

from kiosk.widgets.qrcode import QUIET_ZONE
from tests.drawn_screen import Cell, drawn_grid, screen_cells

# Pixels per module in the image given to the reader.
SCALE = 4


def _dark(rgb: tuple[int, int, int]) -> bool:
    red, green, blue = rgb
    return 0.299 * red + 0.587 * green + 0.114 * blue < 128


def drawn_cells(app, widget) -> list[list[tuple[str, Cell]]]:
    """The (character, cell with its colours) of every cell of `widget`, as
    the screen shows it."""
    region = widget.content_region
    return [
        [(cell.char, cell) for cell in row[region.x : region.right]]
        for row in drawn_grid(app)[region.y : region.bottom]
    ]


def drawn_rows(app, widget) -> list[str]:
    """The characters `widget` shows, row by row, as drawn (the text of the
    screen: `drawn_cells` without the colours)."""
    region = widget.content_region
    return ["".join(row[region.x : region.right]) for row in screen_cells(app)[region.y : region.bottom]]


def drawn_words(app, widget) -> str:
    """The words `widget` shows, as drawn, its lines joined by single spaces."""
    return " ".join(" ".join(drawn_rows(app, widget)).split())


def modules(app, widget) -> np.ndarray:
    """Rebuild the picture a camera sees: two modules (top, bottom) per
    character cell, each dark or light from the cell's colours (reversed
    cells are drawn reversed in the screenshot already)."""
    rows = drawn_cells(app, widget)
    picture = np.zeros((2 * len(rows), len(rows[0])), dtype=bool)
    for y, cells in enumerate(rows):
        for x, (char, cell) in enumerate(cells):
            assert cell.fore is not None or char == " ", (x, y, char)
            top = cell.fore if char in "▀█" else cell.back
            bottom = cell.fore if char in "▄█" else cell.back
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
