"""ULP distances between a golden trajectory and another implementation's, collected per scenario.

Shared by torch_compare.py (torch.optim on CPU or CUDA) and optax_compare.py (optax on JAX); needs only the standard
library, so a machine with one of the two libraries can still measure it.
"""

import glob
import json
import os
import struct

import replay
from goldenfile import from_hex

VERIFIED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Golden", "Verified")

# A difference beyond this many ULPs (relative to the larger magnitude, about 2^-32 relative) means a different
# algorithm, not a different rounding order. Values within ABS_FLOOR of 0 are compared absolutely.
ULP_LIMIT = 2 ** 20
ABS_FLOOR = 1e-12


def ordered(x):
    b = struct.unpack(">q", struct.pack(">d", x))[0]
    return b if b >= 0 else -(b & 0x7FFFFFFFFFFFFFFF)


def ulps(a, b):
    if abs(a) < ABS_FLOOR and abs(b) < ABS_FLOOR:
        return 0
    return abs(ordered(a) - ordered(b))


def doubles(array):
    return [from_hex(v["x"]) for v in array]


class Result:
    """The ULP distances of one scenario: the largest for theta and for the state, step 1's, and all of them for the median."""

    def __init__(self, label):
        self.label, self.theta, self.state, self.ok = label, 0, 0, True
        self.first_step = 0
        self.distances = []

    def add(self, which, file_values, other_values, t):
        for f, v in zip(file_values, other_values):
            d = ulps(f, v)
            self.distances.append(d)
            if t == 1:
                self.first_step = max(self.first_step, d)
            if which == "theta":
                self.theta = max(self.theta, d)
            else:
                self.state = max(self.state, d)
            if d > ULP_LIMIT:
                self.ok = False

    def maximum(self):
        return max(self.distances, default=0)

    def median(self):
        ordered_distances = sorted(self.distances)
        return ordered_distances[(len(ordered_distances) - 1) // 2] if ordered_distances else 0

    def summary(self):
        verdict = "" if self.ok else " (beyond the %d-ULP limit)" % ULP_LIMIT
        return "%s, step 1 within %d ULP; over all steps theta within %d ULP, state within %d ULP%s" % (
            self.label, self.first_step, self.theta, self.state, verdict)


def quadratic_scenarios(paths=None):
    """The golden files whose problem is a quadratic (the ones a library optimizer can be fed: the gradient at its own
    parameters is known in closed form), replayed and checked first. Other files are skipped unread beyond their header,
    so no data set is needed."""
    found = []
    for path in paths or sorted(glob.glob(os.path.join(VERIFIED, "*.verified.jsonl"))):
        with open(path, encoding="utf-8") as f:
            header = json.loads(f.readline())
        if header.get("problem", {}).get("kind") == "quadratic":
            found.append(replay.check(path))
    return found


def short_name(scenario):
    """quadratic-adam for quadratic-adam.verified.jsonl."""
    return scenario.name.split(".verified.jsonl")[0]
