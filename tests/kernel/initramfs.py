#!/usr/bin/env python3
"""Writes a newc cpio for the real-kernel matrix (scripts/test-kernel.sh):
/dev/console, /proc, /init, /tests (the run list) and /t/<program>...

    initramfs.py OUT LIST INIT PROGRAM...
"""
import os
import sys


def entry(f, ino, name, mode, data=b"", rdev=(0, 0)):
    hdr = "070701" + "".join("%08X" % v for v in (
        ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name) + 1, 0))
    f.write(hdr.encode() + name.encode() + b"\0")
    f.write(b"\0" * (-(110 + len(name) + 1) % 4))
    f.write(data + b"\0" * (-len(data) % 4))


def main(out, lst, init, *progs):
    files = [("dev", 0o40755, b""), ("proc", 0o40755, b""), ("t", 0o40755, b""),
             ("init", 0o100755, open(init, "rb").read()),
             ("tests", 0o100644, open(lst, "rb").read())]
    files += [("t/" + os.path.basename(p), 0o100755, open(p, "rb").read()) for p in progs]
    with open(out, "wb") as f:
        entry(f, 100, "dev/console", 0o20600, rdev=(5, 1))
        for ino, (name, mode, data) in enumerate(files, 101):
            entry(f, ino, name, mode, data)
        entry(f, 0, "TRAILER!!!", 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
