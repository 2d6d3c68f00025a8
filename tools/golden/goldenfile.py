"""Reading golden files (docs/golden-format.md sections 1, 2 and 7) with errors that name file, line and field."""

import json
import math
import struct

from bounded import MARGIN, Bounded


class GoldenError(Exception):
    """A golden file that is malformed (format) or disagrees with the replay (mismatch)."""

    def __init__(self, file, line, kind, field, problem):
        where = "%s line %d" % (file, line)
        if kind:
            where += " (%s)" % kind
        if field:
            where += ", field '%s'" % field
        super().__init__("%s: %s" % (where, problem))


def bits(value):
    return struct.unpack(">Q", struct.pack(">d", value))[0]


def hex16(value):
    return "%016x" % bits(value)


def from_hex(text):
    return struct.unpack(">d", bytes.fromhex(text))[0]


def is_double(node):
    return isinstance(node, dict) and set(node) == {"r", "x"}


def read_double(node, fail, field):
    """The value of a golden double; `fail(field, problem)` raises."""
    if not isinstance(node, dict):
        fail(field, "expected a double object, found %s" % type(node).__name__)
    for name in ("r", "x"):
        if name not in node:
            fail(join(field, name), "missing field")
        if not isinstance(node[name], str):
            fail(join(field, name), "expected a string")
    extra = set(node) - {"r", "x"}
    if extra:
        fail(join(field, sorted(extra)[0]), "unexpected field in a double object")
    x, r = node["x"], node["r"]
    if len(x) != 16 or any(c not in "0123456789abcdef" for c in x):
        fail(join(field, "x"), "'%s' is not 16 lowercase hexadecimal digits" % x)
    value = from_hex(x)
    try:
        parsed = float(r)
    except ValueError:
        fail(join(field, "r"), "'%s' is not a decimal double" % r)
    agree = math.isnan(parsed) if math.isnan(value) else bits(parsed) == bits(value)
    if not agree:
        fail(field, "r and x disagree: r '%s' is %s but x is %s" % (r, hex16(parsed), x))
    return value


def validate_doubles(node, fail, field=""):
    """Checks every golden double inside `node`."""
    if isinstance(node, dict):
        if "r" in node or "x" in node:
            read_double(node, fail, field)
        else:
            for name, value in node.items():
                validate_doubles(value, fail, join(field, name))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            validate_doubles(value, fail, "%s[%d]" % (field, i))


def join(field, name):
    return name if not field else field + "." + name


def describe(node):
    if is_double(node):
        return "%s (%s)" % (node["r"], node["x"])
    if isinstance(node, Bounded):
        node = node.v
    if isinstance(node, float):
        return "%r (%s)" % (node, hex16(node))
    text = json.dumps(node, separators=(",", ":"), default=lambda o: o.v if isinstance(o, Bounded) else str(o))
    return text if len(text) <= 80 else text[:80] + "..."


def ulp_distance(a, b):
    """The number of representable doubles between a and b (0 when equal, counting across zero)."""
    def ordered(x):
        u = bits(x)
        return u if u < 1 << 63 else (1 << 63) - u
    return abs(ordered(a) - ordered(b))


class Tally:
    """How the doubles whose computation calls exp/log compared with the file's: how many, how many differed, by how much."""

    def __init__(self):
        self.compared = self.differed = self.max_ulps = 0
        self.max_share = 0.0     # the largest |difference| / allowed difference

    def accepts(self, expected, found):
        """Whether `found` is within MARGIN times the Bounded `expected`'s bound; counts it either way."""
        self.compared += 1
        if bits(expected.v) == bits(found):
            return True
        allowed = MARGIN * expected.d
        difference = abs(expected.v - found)
        if not difference <= allowed:
            return False
        self.differed += 1
        self.max_ulps = max(self.max_ulps, ulp_distance(expected.v, found))
        if allowed > 0.0:
            self.max_share = max(self.max_share, difference / allowed)
        return True


def first_difference(expected, actual, field="", tally=None):
    """First difference between a replayed value (floats, Bounded, ints, bools, strings, lists, dicts) and the file's JSON.

    Returns (field, expected, found, structural) or None. A float must match the file's bits; a Bounded (a value whose
    computation called exp/log) must be within MARGIN times its bound (counted in `tally`).
    """
    if isinstance(expected, Bounded):
        if not is_double(actual):
            return field, describe(expected.v), describe(actual), True
        if (tally or Tally()).accepts(expected, from_hex(actual["x"])):
            return None
        return field, "%s within %.3g (the error bound of a value computed with exp/log)" % (describe(expected.v), MARGIN * expected.d), \
            describe(actual), False
    if isinstance(expected, float):
        if not is_double(actual):
            return field, describe(expected), describe(actual), True
        if bits(expected) == int(actual["x"], 16):
            return None
        return field, describe(expected) + " exactly (its computation calls no exp/log)", describe(actual), False
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return field, "an object", describe(actual), True
        for name, value in expected.items():
            if name not in actual:
                return join(field, name), describe(value), "no such field (missing)", True
            d = first_difference(value, actual[name], join(field, name), tally)
            if d:
                return d
        for name in actual:
            if name not in expected:
                return join(field, name), "no such field", describe(actual[name]) + " (unexpected field)", True
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return field, "an array", describe(actual), True
        for i, (e, a) in enumerate(zip(expected, actual)):
            d = first_difference(e, a, "%s[%d]" % (field, i), tally)
            if d:
                return d
        if len(expected) != len(actual):
            return field, "an array of length %d" % len(expected), "an array of length %d" % len(actual), True
        return None
    same = type(expected) is type(actual) and expected == actual
    return None if same else (field, describe(expected), describe(actual), not isinstance(actual, type(expected)))


def line_kind(node):
    if not isinstance(node, dict):
        return "unknown line"
    if "format" in node:
        return "header"
    if isinstance(node.get("t"), int):
        return "step %d" % node["t"]
    if "end" in node:
        return "end line"
    return "unknown line"


def read_lines(path, name):
    """The parsed JSON lines of a golden file; raises GoldenError for empty, CR, unterminated or non-JSON lines."""
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    if not text:
        raise GoldenError(name, 1, None, None, "the file is empty")
    lines = text.split("\n")
    parsed = []
    for i, line in enumerate(lines[:-1]):
        if "\r" in line:
            raise GoldenError(name, i + 1, None, None, "carriage return found: golden files use LF line endings only")
        try:
            parsed.append(json.loads(line))
        except ValueError as e:
            raise GoldenError(name, i + 1, None, None, "not valid JSON (truncated or corrupted line): %s" % e)
    if lines[-1]:
        raise GoldenError(name, len(lines), None, None, "the last line does not end with LF: the file is truncated")
    return parsed


class Fields:
    """Typed, located access to the fields of one JSON object."""

    def __init__(self, node, fail, field=""):
        self.node, self.fail, self.field = node, fail, field
        if not isinstance(node, dict):
            fail(field, "expected an object")

    def raw(self, name):
        if name not in self.node:
            self.fail(join(self.field, name), "missing field")
        return self.node[name]

    def sub(self, name):
        return Fields(self.raw(name), self.fail, join(self.field, name))

    def double(self, name):
        return read_double(self.raw(name), self.fail, join(self.field, name))

    def doubles(self, name):
        value = self.raw(name)
        if not isinstance(value, list):
            self.fail(join(self.field, name), "expected an array")
        return [read_double(v, self.fail, "%s[%d]" % (join(self.field, name), i)) for i, v in enumerate(value)]

    def matrix(self, name):
        value = self.raw(name)
        if not isinstance(value, list):
            self.fail(join(self.field, name), "expected an array")
        rows = []
        for i, row in enumerate(value):
            at = "%s[%d]" % (join(self.field, name), i)
            if not isinstance(row, list):
                self.fail(at, "expected an array")
            rows.append([read_double(v, self.fail, "%s[%d]" % (at, j)) for j, v in enumerate(row)])
        return rows

    def int(self, name):
        value = self.raw(name)
        if type(value) is not int or value < 0:
            self.fail(join(self.field, name), "expected a non-negative integer")
        return value

    def uint64(self, name):
        value = self.string(name)
        if not value.isdigit() or int(value) >= 2 ** 64:
            self.fail(join(self.field, name), "'%s' is not an unsigned 64-bit decimal integer" % value)
        return int(value)

    def string(self, name, choices=None):
        value = self.raw(name)
        if not isinstance(value, str):
            self.fail(join(self.field, name), "expected a string")
        if choices is not None and value not in choices:
            self.fail(join(self.field, name), "'%s' is not one of: %s" % (value, ", ".join(choices)))
        return value

    def bool(self, name):
        value = self.raw(name)
        if not isinstance(value, bool):
            self.fail(join(self.field, name), "expected true or false")
        return value

    def box(self):
        value = self.raw("box")
        if value is None:
            return None
        b = self.sub("box")
        return b.double("lower"), b.double("upper")
