#!/usr/bin/env python3
"""Writes ../resources/safetensors/stdlib_fixture.safetensors using only the standard library.

An independent writer for SafetensorsFixtureTest: it shares no code with Frontier, packs every
value with struct and the header with json, so a Java reader that agrees with it agrees with the
format, not with itself. SafetensorsFixtureTest repeats the values below as literals; change both
together.

    python3 tensor/src/test/python/write_safetensors_fixture.py

The file deliberately exercises what a careless reader gets wrong: keys not in sorted order,
"__metadata__" in the middle of the header, data laid out in the reverse of the header's order
(so offsets are unaligned and must be taken from the header), a 0-d tensor, an empty tensor,
non-ASCII metadata and every dtype Frontier loads.
"""
import json
import math
import struct
from pathlib import Path

INF = math.inf
OUT = Path(__file__).resolve().parents[1] / "resources" / "safetensors" / "stdlib_fixture.safetensors"


def bf16(value):
    """The top two bytes of a little-endian float32; the value must be exact in bfloat16."""
    packed = struct.pack("<f", value)
    assert packed[:2] == b"\x00\x00", f"{value} is not exactly representable in bfloat16"
    return packed[2:]


# (name, dtype, shape, struct code, values); struct code None means bfloat16.
TENSORS = [
    ("zeta_f32", "F32", [2, 3], "f", [1.5, -2.25, -0.0, INF, float.fromhex("0x1p-149"), float.fromhex("0x1.fffffep127")]),
    ("alpha_f64", "F64", [3], "d", [0.1, -1e308, float.fromhex("0x1p-1074")]),
    ("mid_i64", "I64", [2, 2], "q", [-2**63, 2**63 - 1, 0, -1]),
    ("mask_bool", "BOOL", [4], "?", [True, False, False, True]),
    ("half_f16", "F16", [6], "e", [1.0, -2.5, 65504.0, 2.0**-24, -INF, math.nan]),
    ("brain_bf16", "BF16", [4], None, [1.0, -0.5, 3.140625, 2.0**100]),
    ("count_i32", "I32", [2], "i", [-2**31, 2**31 - 1]),
    ("uint_u32", "U32", [2], "I", [2**32 - 1, 7]),
    ("short_i16", "I16", [2], "h", [-2**15, 2**15 - 1]),
    ("ushort_u16", "U16", [2], "H", [0, 2**16 - 1]),
    ("tiny_i8", "I8", [2], "b", [-128, 127]),
    ("byte_u8", "U8", [3], "B", [0, 128, 255]),
    ("scalar_f32", "F32", [], "f", [42.5]),
    ("empty_f32", "F32", [0, 3], "f", []),
]
METADATA = {"format": "pt", "note": "π ≈ 3.14159", "writer": "write_safetensors_fixture.py"}
METADATA_POSITION = 3  # "__metadata__" goes after the third tensor


def main():
    blobs = {}
    for name, _, shape, code, values in TENSORS:
        assert math.prod(shape) == len(values), name
        blobs[name] = b"".join(bf16(v) if code is None else struct.pack("<" + code, v) for v in values)

    offsets, buffer = {}, bytearray()
    for name, *_ in reversed(TENSORS):
        offsets[name] = [len(buffer), len(buffer) + len(blobs[name])]
        buffer += blobs[name]

    header = {}
    for i, (name, dtype, shape, _, _) in enumerate(TENSORS):
        if i == METADATA_POSITION:
            header["__metadata__"] = METADATA
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": offsets[name]}
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(struct.pack("<Q", len(text)) + text + bytes(buffer))
    print(f"wrote {OUT} ({8 + len(text) + len(buffer)} bytes, {len(TENSORS)} tensors)")


if __name__ == "__main__":
    main()
