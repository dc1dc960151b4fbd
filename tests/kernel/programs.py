#!/usr/bin/env python3
"""Prints the programs of a meson build tree that the real-kernel matrix
runs (scripts/test-kernel.sh): every test whose command is one static
executable with no arguments (a program with an ELF interpreter is a
host-only unit test), as "tap|exit TIMEOUT PATH".

    meson introspect --tests BUILD | programs.py
"""
import json
import struct
import sys


def static(path):
    with open(path, "rb") as f:
        e = f.read(64)
        if e[:4] != b"\x7fELF":
            return False
        end = "<" if e[5] == 1 else ">"
        if e[4] == 2:
            phoff, = struct.unpack(end + "Q", e[32:40])
            phsize, phnum = struct.unpack(end + "HH", e[54:58])
        else:
            phoff, = struct.unpack(end + "I", e[28:32])
            phsize, phnum = struct.unpack(end + "HH", e[42:46])
        f.seek(phoff)
        ph = f.read(phsize * phnum)
    # PT_INTERP is 3
    return all(struct.unpack(end + "I", ph[i:i + 4])[0] != 3 for i in range(0, len(ph), phsize))


for t in json.load(sys.stdin):
    c = t["cmd"]
    if len(c) == 1 and static(c[0]):
        print("tap" if t["protocol"] == "tap" else "exit", t["timeout"], c[0])
