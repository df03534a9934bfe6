#!/usr/bin/env python3
"""Writes seed inputs for states random fuzzing reaches slowly, into corpus/ (which is
not committed). Usage: scripts/seeds.py [--print]

The bytes follow `arbitrary` 1.x: integers little-endian, an enum variant as a u32 `v`
with `(v * variants) >> 32 == index`, an element of a Vec (or an Option's Some) behind
an odd byte, the end of a Vec behind an even byte. The layouts below mirror the types in
src/ (spec.rs, data.rs, script.rs): change both together.
"""
import hashlib
import os
import struct
import sys


def variant(index, count):
    return struct.pack("<I", -(-(index << 32) // count))


def u8(n):
    return bytes([n])


def u16(n):
    return struct.pack("<H", n)


def u32(n):
    return struct.pack("<I", n)


def vec(items):
    return b"".join(b"\x01" + item for item in items) + b"\x00"


# script.rs and data.rs
def small(n):
    return variant(0, 2) + u8(n)


def large(n):
    return variant(1, 2) + u16(n)


def repeat(length, times):
    return variant(1, 8) + length + u8(times)


FLUSH = variant(3, 8)


def script(pattern, ops, answers=(), calm=0, end=0):
    # `ops` is the last field: taken to the end of the input.
    return pattern + vec(answers) + u8(calm) + variant(end, 3) + vec(ops)


def sync_tail(period):
    return variant(3, 4) + u8(period)


# spec.rs and wire.rs
def flate(fmt, level, capacity):
    return variant(fmt, 3) + u8(level) + capacity + b"\x00\x00" + u32(0) + u8(255)


def capacity_small(n):
    return variant(1, 4) + u16(n)


CAPACITY_DEFAULT = variant(2, 4)


def flate_seeds():
    """Level-0 flushes over data full of deflate's sync marker, in volumes where the
    codec closes stored blocks on its own (a flush must not stop at such bytes)."""
    for fmt in range(3):
        for capacity in (capacity_small(100), CAPACITY_DEFAULT):
            for period in (0, 1, 5, 12, 29):
                for length, times in ((large(8192), 9), (small(200), 63)):
                    ops = [repeat(length, times), repeat(length, times), FLUSH]
                    yield flate(fmt, 0, capacity) + script(sync_tail(period), ops)


def main():
    seeds = {"flate": list(flate_seeds())}
    for target, inputs in seeds.items():
        folder = os.path.join(os.path.dirname(__file__), "..", "corpus", target)
        os.makedirs(folder, exist_ok=True)
        for data in inputs:
            if "--print" in sys.argv:
                print(target, data.hex())
            name = "seed-" + hashlib.sha1(data).hexdigest()
            with open(os.path.join(folder, name), "wb") as out:
                out.write(data)
        print(f"{len(inputs)} seeds in corpus/{target}", file=sys.stderr)


if __name__ == "__main__":
    main()
