#!/usr/bin/env python3
"""Compares your own optimizer's trajectory with a golden file, value by value (docs/golden-format.md section 8).

Usage: /usr/bin/python3 tools/golden/compare.py GOLDEN.jsonl MINE

MINE is a trajectory in the golden JSON Lines form or the CSV `step,field,index,value`; only what MINE records is
compared. Prints the first divergence (step, field, index, both values, ULP distance), a summary per field (values
compared, bit-identical, the largest ULP distance and where, the median), and which of GOLDEN's steps MINE lacks or
which it has in excess. Exit code 0 when every value MINE records is bit-identical to GOLDEN's and MINE has every
step, 1 when anything differs, 2 when a file is malformed (the message names file, line and problem). The C#
`golden compare` prints the same text.
"""

import os
import sys

from goldenfile import GoldenError, hex16, ulp_distance
from trajectory import DOUBLE, END, TrajectoryError, read_golden, read_mine, same_bits


def text(kind, value):
    if kind == DOUBLE:
        return "%r (%s)" % (value, hex16(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def distance(kind, a, b):
    """ULPs between two doubles (0 for equal values, -0 and +0 included); None when only one is NaN; None for other kinds."""
    if kind != DOUBLE:
        return None
    if a != a or b != b:
        return 0 if (a != a and b != b) else None
    return ulp_distance(a, b)


def where(key):
    step, _, index = key
    place = "end" if step == END else "step %d" % step
    return place if index is None else "%s [%d]" % (place, index)


def ranges(steps):
    steps = sorted(steps)
    parts, i = [], 0
    while i < len(steps):
        j = i
        while j + 1 < len(steps) and steps[j + 1] == steps[j] + 1:
            j += 1
        parts.append(str(steps[i]) if i == j else "%d-%d" % (steps[i], steps[j]))
        i = j + 1
    return ", ".join(parts)


class FieldSummary:
    def __init__(self, kind):
        self.kind, self.compared, self.exact = kind, 0, 0
        self.distances = []          # ints, None for NaN against a number
        self.worst = None            # (distance sort key, key) of the largest distance, first where it occurs
        self.first = None            # the first key whose value differs

    def add(self, key, exact, d):
        self.compared += 1
        self.exact += exact
        if not exact and self.first is None:
            self.first = key
        if self.kind != DOUBLE:
            return
        self.distances.append(d)
        rank = (1, 0) if d is None else (0, d)
        if self.worst is None or rank > self.worst[0]:
            self.worst = (rank, key)

    def cells(self, field):
        counts = [field, str(self.compared), str(self.exact)]
        if self.kind != DOUBLE:
            return counts + ["-", where(self.first) if self.first else "-", "-"]
        ordered = sorted(self.distances, key=lambda d: (1, 0) if d is None else (0, d))
        median = ordered[(len(ordered) - 1) // 2]
        show = lambda d: "NaN" if d is None else str(d)
        worst = None if self.worst[0][0] == 1 else self.worst[0][1]
        return counts + [show(worst), "-" if self.exact == self.compared else where(self.worst[1]), show(median)]


def table(rows):
    headers = ["field", "compared", "exact", "max ULP", "at", "median ULP"]
    left = {0, 4}
    widths = [max(len(r[c]) for r in [headers] + rows) for c in range(len(headers))]
    out = []
    for row in [headers] + rows:
        cells = [row[c].ljust(widths[c]) if c in left else row[c].rjust(widths[c]) for c in range(len(row))]
        out.append("  ".join(cells).rstrip())
    return out


def report(golden, mine, order):
    """(lines, exit code) of comparing trajectory `mine` with `golden`; `order` ranks GOLDEN's fields."""
    steps = golden.step_count
    field_rank = lambda field: order.get(field, len(order))
    key_rank = lambda key: (steps + 1 if key[0] == END else key[0], field_rank(key[1]), -1 if key[2] is None else key[2])
    recorded = sorted(mine.steps - {END}, key=lambda s: s)
    lines = ["GOLDEN %s: scenario %s, %d steps" % (golden.name, golden.scenario, steps),
             "MINE   %s: %s, %d values at %s" % (mine.name, mine.form, len(mine.values),
                                                 ", ".join(filter(None, [("step%s %s" % ("" if len(recorded) == 1 else "s", ranges(recorded))) if recorded else "",
                                                                         "the end line" if END in mine.steps else ""])))]
    summaries, first, differ, compared = {}, None, 0, 0
    for key in sorted(mine.values, key=key_rank):
        step, field, _ = key
        if step != END and step > steps:
            continue
        kind, value = mine.values[key]
        _, expected = golden.values[key]
        exact = same_bits(kind, expected, value)
        d = distance(kind, expected, value)
        summaries.setdefault(field, FieldSummary(kind)).add(key, exact, d)
        compared += 1
        if not exact:
            differ += 1
            if first is None:
                first = (key, kind, expected, value, d)
    if first is None:
        lines.append("first divergence: none")
    else:
        (step, field, index), kind, expected, value, d = first
        ulps = "" if kind != DOUBLE else (", NaN against a number" if d is None else ", %d ULP%s" % (d, "" if d == 1 else "s"))
        lines.append("first divergence: %s, field %s%s: GOLDEN %s, MINE %s%s" % (
            "end line" if step == END else "step %d" % step, field, "" if index is None else ", index %d" % index,
            text(kind, expected), text(kind, value), ulps))
    lines.extend(table([summaries[f].cells(f) for f in sorted(summaries, key=field_rank)]))
    missing = [t for t in range(1, steps + 1) if t not in mine.steps]
    extra = [t for t in recorded if t > steps]
    lines.append("missing steps: %s" % (ranges(missing) + " (GOLDEN records them, MINE does not)" if missing else "none"))
    lines.append("extra steps: %s" % (ranges(extra) + " (GOLDEN has %d steps)" % steps if extra else "none"))
    if differ == 0 and not missing and not extra:
        lines.append("result: bit-identical: all %d values MINE records equal GOLDEN's" % compared)
        return lines, 0
    problems = ["%d of %d values differ" % (differ, compared)]
    if missing:
        problems.append("%d of GOLDEN's steps missing" % len(missing))
    if extra:
        problems.append("%d extra step%s" % (len(extra), "" if len(extra) == 1 else "s"))
    lines.append("result: " + "; ".join(problems))
    return lines, 1


def run(golden_path, mine_path, out=sys.stdout, err=sys.stderr):
    """Compares the two files and writes the report; returns the exit code."""
    try:
        golden, schema = read_golden(golden_path, os.path.basename(golden_path))
        mine = read_mine(mine_path, os.path.basename(mine_path), golden, schema)
    except (GoldenError, TrajectoryError) as e:
        err.write("error: %s\n" % e)
        return 2
    except UnicodeDecodeError as e:
        err.write("error: %s: not UTF-8 text (%s)\n" % (os.path.basename(golden_path), e))
        return 2
    except OSError as e:
        err.write("error: %s: %s\n" % (e.filename, e.strerror))
        return 2
    lines, code = report(golden, mine, schema.order)
    out.write("\n".join(lines) + "\n")
    return code


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: compare.py GOLDEN.jsonl MINE (MINE: golden JSON Lines or CSV step,field,index,value)\n")
        return 2
    return run(argv[0], argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
