#!/usr/bin/env python3
"""Draws media/icon.png (128x128), the extension's Marketplace icon: a config tag bracket and
three log lines on a blue tile. Drawn at 4x and downscaled for smooth edges.

Needs Pillow (pip install pillow); the PNG is committed, so builds never run this.
    python3 scripts/vscode/make-icon.py [OUT]
"""
import sys
from PIL import Image, ImageDraw

S = 512  # drawing size; the result is 128x128
out = sys.argv[1] if len(sys.argv) > 1 else "media/icon.png"

# vertical gradient tile with rounded corners
tile = Image.new("RGBA", (S, S))
top, bottom = (0x1A, 0x6F, 0xB5), (0x0B, 0x35, 0x58)
px = tile.load()
for y in range(S):
    t = y / (S - 1)
    c = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)) + (255,)
    for x in range(S):
        px[x, y] = c
mask = Image.new("L", (S, S), 0)
ImageDraw.Draw(mask).rounded_rectangle((0, 0, S - 1, S - 1), radius=104, fill=255)
icon = Image.new("RGBA", (S, S), (0, 0, 0, 0))
icon.paste(tile, (0, 0), mask)

d = ImageDraw.Draw(icon)
# the "<" of a <match> tag
d.line([(178, 146), (92, 256), (178, 366)], fill="white", width=44, joint="curve")
for x, y in [(178, 146), (92, 256), (178, 366)]:
    d.ellipse((x - 22, y - 22, x + 22, y + 22), fill="white")
# three log lines of different lengths, the last one highlighted
d.rounded_rectangle((232, 146, 428, 190), radius=22, fill=(0x8F, 0xD8, 0xFF))
d.rounded_rectangle((232, 234, 388, 278), radius=22, fill="white")
d.rounded_rectangle((232, 322, 336, 366), radius=22, fill=(0xFF, 0xB3, 0x47))

icon.resize((128, 128), Image.LANCZOS).save(out, optimize=True)
print(out)
