"""A tiny ICC v2 RGB display profile, written by hand for tests (no profile files ship with Debian's
base image). `swapped_primaries()` makes a profile whose red colorant is sRGB's blue and vice versa,
so a correct conversion to sRGB visibly turns pure red pixels blue."""

from __future__ import annotations

import struct

SRGB_D50 = {"r": (0.4361, 0.2225, 0.0139), "g": (0.3851, 0.7169, 0.0971), "b": (0.1431, 0.0606, 0.7141)}
D50 = (0.9642, 1.0, 0.8249)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values) -> bytes:
    return b"XYZ " + b"\0" * 4 + b"".join(_s15(v) for v in values)


def _curve(gamma: float) -> bytes:
    return b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    data = b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_text)) + ascii_text
    data += struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67
    return data + b"\0" * (-len(data) % 4)


def _text(text: str) -> bytes:
    data = b"text" + b"\0" * 4 + text.encode("ascii") + b"\0"
    return data + b"\0" * (-len(data) % 4)


def rgb_profile(description: str, red, green, blue, gamma: float = 2.2) -> bytes:
    tags = [(b"desc", _desc(description)), (b"cprt", _text("No copyright, test data")), (b"wtpt", _xyz(D50)),
            (b"rXYZ", _xyz(red)), (b"gXYZ", _xyz(green)), (b"bXYZ", _xyz(blue)),
            (b"rTRC", _curve(gamma)), (b"gTRC", _curve(gamma)), (b"bTRC", _curve(gamma))]
    offset = 128 + 4 + 12 * len(tags)
    table, body = struct.pack(">I", len(tags)), b""
    for signature, data in tags:
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
    header += struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
    header += b"".join(_s15(v) for v in D50) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28
    assert len(header) == 128
    return header + table + body


def swapped_primaries() -> bytes:
    return rgb_profile("Test RGB with red and blue swapped", SRGB_D50["b"], SRGB_D50["g"], SRGB_D50["r"])
