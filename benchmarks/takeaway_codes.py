"""Take-away codes: which QR version and error-correction level a phone
reads at kiosk distance, at the sizes the kiosk draws them. Printed, not
asserted (the tests decode the codes as drawn; this adds the camera).

The kiosk draws one module a column and two a row (half blocks), so a
module's size is fixed by the terminal: on a 24-inch 1920 × 1080 screen
(53.1 cm wide), a module is 16 × 13.5 pixels at 120 × 40 (4.4 × 3.7 mm) and
12 × 10.8 pixels at 160 × 50 (3.3 × 3.0 mm). What limits the version is what
fits: the code's area at 120 × 40 holds 77 × 77 modules with the quiet
zone, version 13.

A phone is simulated, pessimistically: 1280 × 720 scanning frames, 65°
horizontal field of view, at 50 cm, 1 m and 1.5 m; a tilt of up to 20° and a
turn of up to 8°, out-of-focus blur, sensor noise, and a glare spot (a
ceiling light reflected on the screen) over 4 % or 10 % of the frame. Each
case is decoded with zxing-cpp (no inverting, no rotating), `TRIALS` times
with random draws; the table gives the share read.

Run: python benchmarks/takeaway_codes.py [--trials N]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import segno  # noqa: E402
import zxingcpp  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

SCREEN_PX = (1920, 1080)
SCREEN_MM = 531.0  # width of a 24-inch 16:9 panel
CAMERA_PX = (1280, 720)
CAMERA_FOV = math.radians(65)
QUIET = 4
SIZES = {"120x40": (120, 40), "160x50": (160, 50)}
DISTANCES_CM = (50, 100, 150)
#: Share of the code under a glare spot: a small reflection, a large one.
GLARES = (0.04, 0.10)
VERSIONS = (10, 13, 16)
LEVELS = ("L", "M")


def screen_picture(matrix: np.ndarray, columns: int, rows: int) -> Image.Image:
    """The code as the screen lights it: a module is a cell's width and half its height."""
    cell_w = SCREEN_PX[0] / columns
    module_h = SCREEN_PX[1] / rows / 2
    padded = np.pad(matrix, QUIET)
    height, width = padded.shape
    # One pixel per module, then stretched to the screen's module size, on a
    # black surround (the high-contrast theme; the worst case for a reader).
    image = Image.fromarray(np.where(padded, 0, 255).astype(np.uint8))
    size = (round(width * cell_w), round(height * module_h))
    code = image.resize(size, Image.NEAREST)
    canvas = Image.new("L", (size[0] + 200, size[1] + 200), 0)
    canvas.paste(code, (100, 100))
    return canvas


def photograph(picture: Image.Image, distance_cm: float, glare: float, rng: random.Random) -> np.ndarray:
    """What a phone's scanning frame holds of `picture` at `distance_cm`."""
    view_mm = 2 * distance_cm * 10 * math.tan(CAMERA_FOV / 2)
    scale = (SCREEN_MM / SCREEN_PX[0]) * CAMERA_PX[0] / view_mm  # camera pixels per screen pixel
    width, height = picture.size
    # Tilt: one side farther than the other (foreshortening), and a turn.
    tilt = math.radians(rng.uniform(-20, 20))
    squeeze = math.cos(tilt)
    near = 1 + 0.5 * abs(math.sin(tilt)) * 0.3
    small = picture.resize((max(1, round(width * scale * squeeze)), max(1, round(height * scale))), Image.BILINEAR)
    w, h = small.size
    d = (near - 1) * h / 2
    quad = (0, -d, 0, h + d, w, h, w, 0) if tilt > 0 else (0, 0, 0, h, w, h + d, w, -d)
    small = small.transform((w, h), Image.QUAD, quad, Image.BILINEAR, fillcolor=0)
    small = small.rotate(rng.uniform(-8, 8), Image.BILINEAR, expand=True, fillcolor=0)
    small = small.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.6)))
    frame = np.asarray(small, dtype=np.float32)
    # Glare: a bright soft spot over `glare` of the frame.
    fh, fw = frame.shape
    radius = math.sqrt(glare * fw * fh / math.pi)
    cy, cx = rng.uniform(0.2, 0.8) * fh, rng.uniform(0.2, 0.8) * fw
    yy, xx = np.mgrid[0:fh, 0:fw]
    spot = np.exp(-(((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * (radius / 1.5) ** 2)))
    frame = frame + spot * rng.uniform(120, 200)
    frame = frame * rng.uniform(0.7, 1.0) + rng.uniform(0, 40)  # exposure, screen black level
    frame += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 8, frame.shape)
    return np.clip(frame, 0, 255).astype(np.uint8)


def full_code(version: int, level: str) -> tuple[str, np.ndarray]:
    """A text filling a code of `version` at `level` (Cyrillic, 2 bytes a letter)."""
    text = ""
    letters = "Допомога на житло 123,45 € на місяць\n"
    while True:
        longer = text + letters[len(text) % len(letters)]
        try:
            segno.make_qr(longer, mode="byte", encoding="utf-8", error=level, version=version, boost_error=False)
        except segno.DataOverflowError:
            break
        text = longer
    qr = segno.make_qr(text, mode="byte", encoding="utf-8", error=level, version=version, boost_error=False)
    return text, np.array(qr.matrix, dtype=bool)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(7)
    heads = [f"{d} cm, glare {round(100 * g)} %" for g in GLARES for d in DISTANCES_CM]
    print(f"{'size':8} {'version':>7} {'level':>5} {'bytes':>5}  " + "  ".join(f"{h:>18}" for h in heads))
    for name, (columns, rows) in SIZES.items():
        for version in VERSIONS:
            modules = 17 + 4 * version + 2 * QUIET
            fits = modules <= columns - 40 and modules <= 2 * (rows - 1)
            for level in LEVELS:
                text, matrix = full_code(version, level)
                picture = screen_picture(matrix, columns, rows)
                rates = []
                for glare, distance in [(g, d) for g in GLARES for d in DISTANCES_CM]:
                    read = 0
                    for _ in range(args.trials):
                        frame = photograph(picture, distance, glare, rng)
                        found = zxingcpp.read_barcodes(
                            frame, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False, try_rotate=True
                        )
                        read += any(f.text == text for f in found)
                    rates.append(f"{100 * read / args.trials:16.0f} %")
                note = "" if fits else "  (does not fit the code's area at this size)"
                print(f"{name:8} {version:7} {level:>5} {len(text.encode()):5}  " + "  ".join(rates) + note)


if __name__ == "__main__":
    main()
