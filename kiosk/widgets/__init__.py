"""Widgets for a touch kiosk: big buttons, number pad, progress, bidi text."""

from kiosk.widgets.buttons import BigButton
from kiosk.widgets.direction import back_arrow, grid_in_reading_order, in_reading_order, next_arrow, reading_order
from kiosk.widgets.numpad import NumberPad
from kiosk.widgets.progress import StepProgress
from kiosk.widgets.text import Bidi, Para

__all__ = [
    "Bidi",
    "BigButton",
    "NumberPad",
    "Para",
    "StepProgress",
    "back_arrow",
    "grid_in_reading_order",
    "in_reading_order",
    "next_arrow",
    "reading_order",
]
