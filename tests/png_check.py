#!/usr/bin/env python3
"""Checks that a PNG screenshot shows a real page: the expected size, and not one flat colour.

Usage: png_check.py FILE WIDTH HEIGHT. Standard library only: the chunks are read by hand, the
IDAT data inflated with zlib and the scanline filters undone, so every pixel is looked at.
Exit status 0 when the image passes, 1 (with the reason) when it does not.
"""
import struct
import sys
import zlib
from collections import Counter


def fail(reason):
    print(f"png_check: {reason}", file=sys.stderr)
    sys.exit(1)


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    pos, ihdr, idat = 8, None, []
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if ihdr is None or not idat:
        fail(f"{path} has no IHDR or no IDAT chunk")
    return ihdr, zlib.decompress(b"".join(idat)), len(data)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def rows(width, height, channels, raw):
    """Yields each unfiltered scanline as bytes."""
    stride = width * channels
    prev = bytearray(stride)
    pos = 0
    for _ in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((x + y) & 0xFF for x, y in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                upleft = prev[i - channels] if i >= channels else 0
                line[i] = (line[i] + paeth(left, prev[i], upleft)) & 0xFF
        elif kind != 0:
            fail(f"unknown PNG filter {kind}")
        yield bytes(line)
        prev = line


def main():
    if len(sys.argv) != 4:
        fail("usage: png_check.py FILE WIDTH HEIGHT")
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    (width, height, depth, color, _, _, interlace), raw, size = read_png(path)
    if (width, height) != (want_w, want_h):
        fail(f"{path} is {width}x{height}, expected {want_w}x{want_h}")
    if depth != 8 or color not in (2, 6) or interlace != 0:
        fail(f"unexpected PNG format: depth {depth}, colour type {color}, interlace {interlace}")
    channels = 3 if color == 2 else 4
    colours = Counter()
    for line in rows(width, height, channels, raw):
        for i in range(0, len(line), channels):
            colours[line[i : i + 3]] += 1
    total = width * height
    background, count = colours.most_common(1)[0]
    drawn = 1 - count / total
    print(
        f"png_check: {path}: {width}x{height}, {size} bytes, {len(colours)} colours, "
        f"{drawn:.1%} of pixels differ from the background #{background.hex()}"
    )
    if len(colours) < 16:
        fail("fewer than 16 colours: the page looks blank")
    if drawn < 0.02:
        fail("less than 2% of the pixels are drawn: the page looks blank")


if __name__ == "__main__":
    main()
