#!/usr/bin/env python3
"""Draws the Teams app icons (color.png 192x192, outline.png 32x32 white on transparent) with the standard library only.

Run from anywhere: python3 manifests/teams/make-icons.py. The PNGs are committed; rerun only to change the design.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ACCENT = (0x0B, 0x5C, 0x8A)  # also the manifest's accentColor


def png(path, width, height, pixel):
    """Writes an RGBA PNG; pixel(x, y) returns (r, g, b, a)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def in_rounded_rect(x, y, left, top, right, bottom, radius):
    if x < left or x > right or y < top or y > bottom:
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def in_tail(x, y, scale):
    # The speech bubble's tail: a triangle under the bubble's lower left.
    x0, y0 = 0.30 * scale, 0.68 * scale
    x1, y1 = 0.46 * scale, 0.68 * scale
    x2, y2 = 0.26 * scale, 0.84 * scale

    def side(ax, ay, bx, by):
        return (bx - ax) * (y - ay) - (by - ay) * (x - ax)

    d1, d2, d3 = side(x0, y0, x1, y1), side(x1, y1, x2, y2), side(x2, y2, x0, y0)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


def bubble(x, y, scale):
    return in_rounded_rect(x, y, 0.16 * scale, 0.18 * scale, 0.84 * scale, 0.70 * scale, 0.10 * scale) or in_tail(x, y, scale)


def text_line(x, y, scale):
    # Three lines of "text" inside the bubble, the last one shorter.
    for i, (start, end) in enumerate([(0.28, 0.72), (0.28, 0.72), (0.28, 0.56)]):
        top = (0.29 + i * 0.12) * scale
        if in_rounded_rect(x, y, start * scale, top, end * scale, top + 0.05 * scale, 0.025 * scale):
            return True
    return False


def color_pixel(x, y):
    s = 192
    if text_line(x + 0.5, y + 0.5, s):
        return (*ACCENT, 255)
    if bubble(x + 0.5, y + 0.5, s):
        return (255, 255, 255, 255)
    return (*ACCENT, 255)


def outline_pixel(x, y):
    s = 32
    px, py = x + 0.5, y + 0.5
    inside = bubble(px, py, s)
    # The outline is the bubble's edge: inside, but with a neighbour outside (about 2 px wide), plus the text lines.
    edge = inside and any(not bubble(px + dx, py + dy, s) for dx, dy in ((-2, 0), (2, 0), (0, -2), (0, 2)))
    if edge or text_line(px, py, s):
        return (255, 255, 255, 255)
    return (0, 0, 0, 0)


if __name__ == "__main__":
    png(os.path.join(HERE, "color.png"), 192, 192, color_pixel)
    png(os.path.join(HERE, "outline.png"), 32, 32, outline_pixel)
    print("wrote color.png (192x192) and outline.png (32x32) in", HERE)
