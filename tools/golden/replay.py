"""Replays one golden file from its header and compares every line (docs/golden-format.md section 7)."""

import os

import optimizers
import problems
from goldenfile import Fields, GoldenError, Tolerance, first_difference, line_kind, read_lines, validate_doubles

FORMAT, VERSION = "verification-golden", 1


def snapshot(state):
    return {"step": state["step"],
            "scalars": {k: state["scalars"][k] for k in sorted(state["scalars"])},
            "buffers": {k: list(state["buffers"][k]) for k in sorted(state["buffers"])}}


def records(problem, optimizer, theta, steps):
    """The expected step lines, then the expected end line, computed from the header alone."""
    theta = list(theta)
    if isinstance(optimizer, tuple(optimizers.SAMPLED.values())):
        state = optimizer.init(problem)
        for t in range(1, steps + 1):
            loss = problem.loss(theta)
            batch = optimizer.step(state, theta, problem, t)
            record = {"t": t, "loss": loss}
            record.update(batch)
            record.update({"theta": list(theta), "state": snapshot(state)})
            yield record
    else:
        state = optimizer.init(problem.dimension)
        for t in range(1, steps + 1):
            loss = problem.loss_at(t, theta)
            gradient = problem.gradient_at(t, theta)
            mask = optimizer.step(state, theta, gradient, t)
            record = {"t": t, "loss": loss, "gradient": gradient}
            if mask is not None:
                record["mask"] = mask
            record.update({"theta": list(theta), "state": snapshot(state)})
            yield record
    final = problem.loss(theta) if isinstance(optimizer, tuple(optimizers.SAMPLED.values())) else problem.loss_at(steps + 1, theta)
    yield {"end": True, "steps": steps, "final_loss": final}


class Scenario:
    """A replayed golden file: its header's objects and its parsed lines."""

    def __init__(self, name, lines, header, problem, optimizer, initial, steps, tolerance=None):
        self.name, self.lines, self.header = name, lines, header
        self.problem, self.optimizer, self.initial, self.steps = problem, optimizer, initial, steps
        self.tolerance = tolerance

    def agreement(self):
        """'bit for bit', or how many exp/log-dependent doubles differed and by how much."""
        t = self.tolerance
        if t is None:
            return "bit for bit"
        if t.inexact == 0:
            return "bit for bit, %d exp/log-dependent doubles included" % t.compared
        return "%d of %d exp/log-dependent doubles within tolerance (max %d ULPs, %.3g absolute), the rest bit for bit" % (
            t.inexact, t.compared, t.max_ulps, t.max_absolute)


def check(path):
    """Replays the file at `path`; returns a Scenario or raises GoldenError naming file, line and field."""
    name = os.path.basename(path)
    lines = read_lines(path, name)

    def failer(line, kind):
        def fail(field, problem):
            raise GoldenError(name, line, kind, field, problem)
        return fail

    header_fail = failer(1, "header")
    header = lines[0]
    validate_doubles(header, header_fail)
    h = Fields(header, header_fail)
    known = {"format", "version", "scenario", "problem", "optimizer", "initial_point", "steps"}
    for key in header:
        if key not in known:
            header_fail(key, "unexpected field")
    if h.string("format") != FORMAT:
        header_fail("format", "'%s' is not '%s'" % (header.get("format"), FORMAT))
    if h.int("version") != VERSION:
        header_fail("version", "version %s is not supported (this checker knows %d)" % (header.get("version"), VERSION))
    scenario = h.string("scenario")
    if name.endswith(".verified.jsonl") and name != scenario + ".verified.jsonl":
        header_fail("scenario", "'%s' does not match the file name" % scenario)
    optimizer_node = header.get("optimizer")
    sampler_node = optimizer_node.get("sampler") if isinstance(optimizer_node, dict) else None
    adaptive = isinstance(sampler_node, dict) and sampler_node.get("source") == "adaptive"
    problem = problems.read(h.sub("problem"), adaptive)
    tolerance = None if problem.tolerance is None else Tolerance(problem.tolerance, problems.ULP_TOLERANCE, problems.ABSOLUTE_TOLERANCE)
    optimizer = optimizers.read(h.sub("optimizer"), problem)
    initial = h.doubles("initial_point")
    if len(initial) != problem.dimension:
        header_fail("initial_point", "length %d, but the problem has dimension %d" % (len(initial), problem.dimension))
    steps = h.int("steps")

    for index, expected in enumerate(records(problem, optimizer, initial, steps), start=1):
        kind = "step %d" % index if index <= steps else "end line"
        if index >= len(lines):
            raise GoldenError(name, index + 1, kind, None,
                              "the file ends after line %d: it is truncated (the header declares %d steps and an end line)" % (len(lines), steps))
        node = lines[index]
        fail = failer(index + 1, kind)
        validate_doubles(node, fail)
        if index <= steps and isinstance(node, dict) and "end" in node:
            fail(None, "the end line comes after step %d, but the header declares %d steps (truncated?)" % (index - 1, steps))
        difference = first_difference(expected, node, tolerance=tolerance)
        if difference:
            field, want, found, structural = difference
            fail(field, ("expected %s, found %s" if structural else "mismatch: the replay computes %s, the file has %s") % (want, found))
    if len(lines) > steps + 2:
        raise GoldenError(name, steps + 3, line_kind(lines[steps + 2]), None, "unexpected line after the end line")
    return Scenario(name, lines, header, problem, optimizer, initial, steps, tolerance)
