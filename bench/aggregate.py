#!/usr/bin/env python3
"""Aggregates the raw lines of scripts/bench.sh into a table (stdout) and,
with --json FILE, a JSON array with one object per workload and mode.

Input lines: "<mode> <impl> <workload> <unit> <value>", one per rep; other
lines are ignored. Mode "counts" (scripts/bench-counts.sh) holds the
instructions per operation, one value per cell, shown in their own table. Each cell is the median over every rep of every process
run, with [min-max]; the ratios are median/median (lower is better).
"""
import json
import statistics
import sys

IMPLS = ("threadbare", "glibc", "musl")
MODES = ("pinned", "unpinned", "counts")


def fmt(v):
    if v is None:
        return "n/a"
    if v >= 1000:
        return "%.0f" % v
    if v >= 100:
        return "%.1f" % v
    return "%.2f" % v


def cell(vals):
    if not vals:
        return "n/a"
    if min(vals) == max(vals):
        return fmt(vals[0])
    return "%s [%s-%s]" % (fmt(statistics.median(vals)), fmt(min(vals)), fmt(max(vals)))


def ratio(a, b):
    return None if a is None or not b else a / b


def main(argv):
    raw, json_out = argv[1], None
    if len(argv) > 3 and argv[2] == "--json":
        json_out = argv[3]
    data, order, units = {}, [], {}
    with open(raw) as f:
        for line in f:
            p = line.split()
            if len(p) != 5 or p[0] not in MODES or p[1] not in IMPLS:
                continue
            mode, impl, wl, unit, val = p
            if wl not in order:
                order.append(wl)
            units.setdefault((wl, mode), unit)  # the counts' unit is not the times'
            data.setdefault((wl, mode, impl), []).append(float(val))

    rows = []
    for mode in MODES:
        for wl in order:
            med = {i: (round(statistics.median(data[(wl, mode, i)]), 3) if data.get((wl, mode, i))
                       else None) for i in IMPLS}
            if all(v is None for v in med.values()):
                continue
            rows.append({"workload": wl, "mode": mode, "unit": units[(wl, mode)], **med})

    head = "%-22s %-12s %-24s %-24s %-24s %8s %8s" % (
        "workload", "unit", "threadbare", "glibc", "musl", "tb/glibc", "tb/musl")

    def line(r):
        cells = [cell(data.get((r["workload"], r["mode"], i), [])) for i in IMPLS]
        rg, rm = ratio(r["threadbare"], r["glibc"]), ratio(r["threadbare"], r["musl"])
        return "%-22s %-12s %-24s %-24s %-24s %8s %8s" % (
            r["workload"], r["unit"], *cells,
            "n/a" if rg is None else "%.2f" % rg, "n/a" if rm is None else "%.2f" % rm)

    # sizes do not depend on the mode: shown once, kept under both modes in JSON
    titles = {"pinned": "pinned (taskset -c 0)", "unpinned": "unpinned (any CPU)",
              "counts": "instructions per operation (valgrind callgrind, user space; exact)"}
    for mode in MODES:
        if not any(r["mode"] == mode and r["unit"] != "bytes" for r in rows):
            continue
        print("\n== %s" % titles[mode])
        print(head)
        for r in rows:
            if r["mode"] == mode and r["unit"] != "bytes":
                print(line(r))
    sizes = [r for r in rows if r["mode"] == MODES[0] and r["unit"] == "bytes"]
    if sizes:
        print("\n== static size, stripped")
        print(head)
        for r in sizes:
            print(line(r))

    if json_out:
        with open(json_out, "w") as f:
            json.dump(rows, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: aggregate.py RAW [--json FILE]")
    main(sys.argv)
