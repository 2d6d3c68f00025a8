"""Trajectories as `compare.py` sees them: every value a file records, keyed by (step, field, index).

GOLDEN is a golden file (docs/golden-format.md sections 1-5). MINE is either a trajectory in the same JSON Lines form
(any subset of the step lines' fields; doubles as {"r", "x"} objects or JSON numbers) or the minimal CSV
`step,field,index,value` of docs/golden-format.md section 8. Fields are named by their path in a step line (`theta`,
`state.buffers.m`, `state.scalars.beta1_pow`); `final_loss` is the end line's, at step "end". In both forms a line
that starts with `#` is a comment. A field of GOLDEN's
step lines is a double, an integer (`indices`, `norm_evaluations`, `state.step`, each bit of `mask`) or a boolean
(`refreshed`). The C# `golden compare` (src/Golden/Compare) reads the same forms with the same rules.
"""

import json
import math
import re

from goldenfile import bits, read_double, read_lines, validate_doubles

END = "end"
CSV_HEADER = "step,field,index,value"
DOUBLE, INTEGER, BOOLEAN = "double", "integer", "boolean"

DECIMAL = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
SPECIAL = re.compile(r"^[+-]?(inf|infinity|nan)$", re.IGNORECASE)
HEX_FLOAT = re.compile(r"^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$")
COUNT = re.compile(r"^(0|[1-9][0-9]*)$")


class TrajectoryError(Exception):
    """A file that cannot be compared; the message names the file, the line and the problem."""

    def __init__(self, file, line, problem):
        super().__init__("%s line %d: %s" % (file, line, problem) if line else "%s: %s" % (file, problem))


def parse_hex_float(text):
    """The double a C99 hex-float names (what float.hex() and printf's %a write); None unless it names one exactly."""
    m = HEX_FLOAT.match(text)
    if not m or not (m.group(2) or m.group(3)):
        return None
    sign, whole, fraction, exponent = m.group(1), m.group(2), m.group(3), int(m.group(4))
    mantissa = int((whole + fraction) or "0", 16)
    exponent -= 4 * len(fraction)
    negative = sign == "-"
    if mantissa == 0:
        return -0.0 if negative else 0.0
    while mantissa % 2 == 0:
        mantissa //= 2
        exponent += 1
    top = mantissa.bit_length() + exponent - 1     # the exponent of the leading bit
    if mantissa >= 1 << 53 or exponent < -1074 or top > 1023:
        return None
    value = math.ldexp(float(mantissa), exponent)    # exact: the value is representable
    return -value if negative else value


def parse_double(text):
    """A CSV double: a decimal (correctly rounded), inf/infinity/nan, or an exact hex-float; None if it is none of them."""
    if DECIMAL.match(text) or SPECIAL.match(text):
        return float(text)
    return parse_hex_float(text)


class Schema:
    """The fields of GOLDEN's step lines in file order: kind and length (None for a scalar)."""

    def __init__(self):
        self.fields, self.order = {}, {}

    def add(self, field, kind, length):
        if field not in self.fields:
            self.order[field] = len(self.order)
            self.fields[field] = (kind, length)


def _leaves(node, path=""):
    """(field, value) of a step line's recorded values in file order: golden doubles and JSON scalars or arrays."""
    for name, value in node.items():
        field = name if not path else path + "." + name
        if isinstance(value, dict) and not ("r" in value or "x" in value):
            yield from _leaves(value, field)
        else:
            yield field, value


def _golden_kind(value):
    if isinstance(value, dict):
        return DOUBLE
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int) or isinstance(value, str):
        return INTEGER
    raise ValueError


class Trajectory:
    """What one file records: values {(step, field, index): (kind, value)}, the steps that have any, and its form."""

    def __init__(self, name, form):
        self.name, self.form = name, form
        self.values = {}
        self.steps = set()
        self.scenario = None
        self.step_count = None

    def put(self, key, kind, value, fail):
        if key in self.values:
            fail("step %s, field %s%s is recorded twice" % (key[0], key[1], "" if key[2] is None else ", index %d" % key[2]))
        self.values[key] = (kind, value)
        self.steps.add(key[0])


def _element(kind, field, value, fail, where):
    """One recorded value of MINE's or GOLDEN's JSON, checked against the field's kind."""
    if kind == DOUBLE:
        if isinstance(value, dict):
            return read_double(value, lambda f, problem: fail("field %s: %s" % (where, problem)), where)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        fail("field %s: expected a double ({\"r\": ..., \"x\": ...} or a JSON number), found %s" % (where, json.dumps(value)))
    if kind == BOOLEAN:
        if isinstance(value, bool):
            return value
        fail("field %s: expected true or false, found %s" % (where, json.dumps(value)))
    if type(value) is int and value >= 0:
        return value
    fail("field %s: expected a non-negative integer, found %s" % (where, json.dumps(value)))


def _flatten(trajectory, step, node, schema, fail):
    """Puts the values of one JSON step line (or end line) into `trajectory`, checked against `schema`."""
    for field, value in _leaves(node):
        if field not in schema.fields:
            fail("field '%s' is not a field of GOLDEN's %s (known: %s)" % (
                field, "end line" if step == END else "step lines", ", ".join(schema.fields)))
        kind, length = schema.fields[field]
        if field == "mask":
            if not isinstance(value, str) or any(c not in "01" for c in value):
                fail("field mask: expected a string of 0 and 1, found %s" % json.dumps(value))
            value = [int(c) for c in value]
        if length is None:
            if isinstance(value, list):
                fail("field %s: expected one value, found an array" % field)
            trajectory.put((step, field, None), kind, _element(kind, field, value, fail, field), fail)
            continue
        if not isinstance(value, list):
            fail("field %s: expected an array of %d values, found %s" % (field, length, json.dumps(value)[:40]))
        if len(value) != length:
            fail("field %s has %d values, GOLDEN's has %d" % (field, len(value), length))
        for i, element in enumerate(value):
            trajectory.put((step, field, i), kind, _element(kind, field, element, fail, "%s[%d]" % (field, i)), fail)


def read_golden(path, name):
    """GOLDEN: a well-formed golden file (not replayed). Returns (trajectory, schema)."""
    lines = read_lines(path, name)
    header = lines[0]

    def failer(line):
        def fail(problem):
            raise TrajectoryError(name, line, problem)
        return fail

    fail = failer(1)
    validate_doubles(header, lambda field, problem: fail("field '%s': %s" % (field, problem)))
    if not isinstance(header, dict) or header.get("format") != "verification-golden" or header.get("version") != 1:
        fail("not a golden file header (format 'verification-golden', version 1)")
    steps = header.get("steps")
    if type(steps) is not int or steps < 0 or not isinstance(header.get("scenario"), str):
        fail("the header lacks 'scenario' or a non-negative integer 'steps'")
    if len(lines) != steps + 2:
        raise TrajectoryError(name, len(lines), "the header declares %d steps and an end line, the file has %d lines" % (steps, len(lines)))
    trajectory = Trajectory(name, "golden JSON Lines")
    trajectory.scenario, trajectory.step_count = header["scenario"], steps
    schema = Schema()
    for t in range(1, steps + 1):
        node, fail = lines[t], failer(t + 1)
        validate_doubles(node, lambda field, problem: fail("field '%s': %s" % (field, problem)))
        if not isinstance(node, dict) or node.get("t") != t:
            fail("expected the step line of step %d" % t)
        for field, value in _leaves(node):
            if field == "t":
                continue
            if field == "mask":
                schema.add(field, INTEGER, len(value))
            elif isinstance(value, list):
                schema.add(field, _golden_kind(value[0]) if value else DOUBLE, len(value))
            else:
                schema.add(field, _golden_kind(value), None)
        body = {k: v for k, v in node.items() if k != "t"}
        _flatten(trajectory, t, body, schema, fail)
    node, fail = lines[steps + 1], failer(steps + 2)
    validate_doubles(node, lambda field, problem: fail("field '%s': %s" % (field, problem)))
    if not isinstance(node, dict) or node.get("end") is not True or node.get("steps") != steps or "final_loss" not in node:
        fail("expected the end line {\"end\":true,\"steps\":%d,\"final_loss\":...}" % steps)
    _flatten(trajectory, END, {"final_loss": node["final_loss"]}, _end_schema(), fail)
    return trajectory, schema


def _end_schema():
    schema = Schema()
    schema.add("final_loss", DOUBLE, None)
    return schema


def read_mine_json(lines, name, golden, schema):
    trajectory = Trajectory(name, "golden JSON Lines")
    for number, text in enumerate(lines, start=1):
        def fail(problem, number=number):
            raise TrajectoryError(name, number, problem)
        if text.startswith("#"):
            continue
        try:
            node = json.loads(text)
        except ValueError as e:
            fail("not valid JSON: %s" % e)
        if not isinstance(node, dict):
            fail("expected a JSON object")
        if "format" in node:
            if node.get("format") != "verification-golden":
                fail("a header whose format is not 'verification-golden'")
            if node.get("scenario") != golden.scenario:
                fail("the header names scenario %s, GOLDEN is %s" % (json.dumps(node.get("scenario")), golden.scenario))
            continue
        if "end" in node:
            if node["end"] is not True:
                fail("field end: expected true")
            body = {k: v for k, v in node.items() if k not in ("end", "steps")}
            _flatten(trajectory, END, body, _end_schema(), fail)
            continue
        t = node.get("t")
        if type(t) is not int or t < 1:
            fail("neither a header, a step line with a positive integer 't' nor an end line")
        if t in trajectory.steps:
            fail("step %d is recorded twice" % t)
        _flatten(trajectory, t, {k: v for k, v in node.items() if k != "t"}, schema, fail)
    return trajectory


def read_mine_csv(lines, name, schema):
    trajectory = Trajectory(name, "CSV")
    header_seen = False
    for number, text in enumerate(lines, start=1):
        def fail(problem, number=number):
            raise TrajectoryError(name, number, problem)
        if text.startswith("#"):
            continue
        if not header_seen:
            if text != CSV_HEADER:
                fail("expected the CSV header '%s'" % CSV_HEADER)
            header_seen = True
            continue
        cells = text.split(",")
        if len(cells) != 4:
            fail("expected 4 comma-separated cells (step,field,index,value), found %d" % len(cells))
        step_text, field, index_text, value_text = cells
        if step_text == END:
            step, fields = END, _end_schema()
        elif COUNT.match(step_text) and step_text != "0":
            step, fields = int(step_text), schema
        else:
            fail("step '%s' is neither a positive integer nor 'end'" % step_text)
        if field not in fields.fields:
            fail("field '%s' is not a field of GOLDEN's %s (known: %s)" % (
                field, "end line" if step == END else "step lines", ", ".join(fields.fields)))
        kind, length = fields.fields[field]
        if length is None:
            if index_text:
                fail("field %s holds one value: the index must be empty, found '%s'" % (field, index_text))
            index = None
        else:
            if not COUNT.match(index_text):
                fail("field %s is an array: the index must be a non-negative integer, found '%s'" % (field, index_text))
            index = int(index_text)
            if index >= length:
                fail("index %d is out of range: GOLDEN's %s has %d values" % (index, field, length))
        if kind == DOUBLE:
            value = parse_double(value_text)
            if value is None:
                fail("value '%s' is not a decimal double, inf, nan or an exact hex-float" % value_text)
        elif kind == BOOLEAN:
            if value_text not in ("true", "false"):
                fail("value '%s' of %s is not true or false" % (value_text, field))
            value = value_text == "true"
        else:
            if not COUNT.match(value_text) or (field == "mask" and value_text not in ("0", "1")):
                fail("value '%s' of %s is not a non-negative integer%s" % (value_text, field, " (0 or 1)" if field == "mask" else ""))
            value = int(value_text)
        trajectory.put((step, field, index), kind, value, fail)
    if not header_seen:
        raise TrajectoryError(name, 0, "no CSV header '%s'" % CSV_HEADER)
    return trajectory


def read_mine(path, name, golden, schema):
    """MINE, in either form, with every key checked against GOLDEN's fields and lengths."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
    except UnicodeDecodeError as e:
        raise TrajectoryError(name, 0, "not UTF-8 text (%s)" % e)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    if not lines:
        raise TrajectoryError(name, 0, "the file is empty")
    first = next((line for line in lines if not line.startswith("#")), "")
    if first.startswith("{"):
        trajectory = read_mine_json(lines, name, golden, schema)
    else:
        trajectory = read_mine_csv(lines, name, schema)
    if not trajectory.values:
        raise TrajectoryError(name, 0, "it records no values to compare")
    return trajectory


def same_bits(kind, a, b):
    if kind != DOUBLE:
        return a == b
    return bits(a) == bits(b) or (a != a and b != b)

