"""Replays one golden file from its header and compares every line (docs/golden-format.md section 7).

Each step is recomputed from the file's own previous line (teacher forcing): step t starts from the theta and the state
that line t records for step t - 1 (the header's initial point and a fresh state for t = 1), and every field of
step t is computed from the file's values of its inputs. So a difference cannot carry over from one step to the next,
and a field whose computation at this step calls no exp or log must match the file bit for bit. Only the values that
call exp/log themselves (loss, gradient, fed gradient, per-example gradient norms, final loss of the data problems)
are Bounded (bounded.py) and may differ within their error bound; the update then runs on the file's gradient (or
fed gradient, or norms), so everything downstream of them is exact again (section 7.1).
"""

import os

import optimizers
import problems
from goldenfile import Fields, GoldenError, Tally, describe, first_difference, from_hex, line_kind, read_lines, validate_doubles

FORMAT, VERSION = "verification-golden", 1


def snapshot(state):
    return {"step": state["step"],
            "scalars": {k: state["scalars"][k] for k in sorted(state["scalars"])},
            "buffers": {k: list(state["buffers"][k]) for k in sorted(state["buffers"])}}


def doubles(array):
    """The floats of an array of golden doubles that a comparison has already accepted."""
    return [from_hex(v["x"]) for v in array]


def recorded_state(node):
    """The optimizer state a step line records, as the optimizers hold it."""
    return {"step": node["step"],
            "scalars": {k: from_hex(v["x"]) for k, v in node["scalars"].items()},
            "buffers": {k: doubles(v) for k, v in node["buffers"].items()}}


class Line:
    """Compares the fields of one line, in computation order, and then checks that it has no others."""

    def __init__(self, node, fail, tally):
        self.node, self.fail, self.tally, self.seen = node, fail, tally, set()
        if not isinstance(node, dict):
            fail(None, "expected a JSON object")

    def field(self, name, expected):
        self.seen.add(name)
        if name not in self.node:
            self.fail(name, "expected %s, found no such field (missing)" % describe(expected))
        difference = first_difference(expected, self.node[name], name, self.tally)
        if difference:
            field, want, found, structural = difference
            self.fail(field, ("expected %s, found %s" if structural else "mismatch: the replay computes %s, the file has %s") % (want, found))
        return self.node[name]

    def finish(self):
        for name in self.node:
            if name not in self.seen:
                self.fail(name, "no such field expected (unexpected field)")


class RecordedNorms:
    """The problem as the sampler sees it during a forced step: per-example gradients are recomputed (Bounded), and a
    per-example gradient norm is recomputed, checked against the value the file records for it at this step, and then
    the file's value is used, so that the tree, the draws, the probabilities and the weights are exact."""

    def __init__(self, view, line, full_pass):
        self.view, self.line = view, line
        self.buffer = "scores" if full_pass else "pending_scores"
        self.dimension = view.dimension
        self.examples = view.examples

    def example_gradient(self, i, theta):
        return self.view.example_gradient(i, theta)

    def example_gradient_norm(self, i, theta):
        field = "state.buffers.%s[%d]" % (self.buffer, i)
        state = self.line.node.get("state")
        buffers = state.get("buffers") if isinstance(state, dict) else None
        values = buffers.get(self.buffer) if isinstance(buffers, dict) else None
        if not isinstance(values, list) or i >= len(values):
            self.line.fail(field, "missing: the refresh needs the norm the file records for example %d" % i)
        difference = first_difference(self.view.example_gradient_norm(i, theta), values[i], field, self.line.tally)
        if difference:
            self.line.fail(field, "mismatch: the replay computes %s, the file has %s" % (difference[1], difference[2]))
        return from_hex(values[i]["x"])


def forced_gradient_step(line, view, optimizer, state, theta, t):
    line.field("t", t)
    line.field("loss", view.loss_at(t, theta))
    recorded = line.field("gradient", view.gradient_at(t, theta))
    mask = optimizer.step(state, theta, doubles(recorded), t)
    if mask is not None:
        line.field("mask", mask)


def forced_sampled_step(line, view, optimizer, state, theta, t):
    line.field("t", t)
    line.field("loss", view.loss(theta))
    s = optimizer.sampler
    full_pass = s.source == "adaptive" and (t - 1) % s.period == 0 and (t == 1 or s.refresh_mode == "full_pass")
    batch = s.sample(state, t, theta, RecordedNorms(view, line, full_pass))
    for name in ("refreshed", "norm_evaluations", "indices", "probabilities", "weights"):
        line.field(name, batch[name])
    recorded = line.field("fed_gradient", batch["fed_gradient"])
    optimizer.rule.step(state, theta, doubles(recorded), t)


class Scenario:
    """A replayed golden file: its header's objects, its parsed lines and how its exp/log values compared."""

    def __init__(self, name, lines, header, problem, optimizer, initial, steps, tally):
        self.name, self.lines, self.header = name, lines, header
        self.problem, self.optimizer, self.initial, self.steps = problem, optimizer, initial, steps
        self.tally = tally

    def agreement(self):
        """'bit for bit', or how many exp/log-dependent doubles differed and by how much."""
        t = self.tally
        if t.compared == 0:
            return "bit for bit"
        if t.differed == 0:
            return "bit for bit, %d exp/log-dependent doubles included" % t.compared
        return ("%d of %d exp/log-dependent doubles differ within their error bounds (max %d ULPs, %.2g of the allowed "
                "difference), the rest bit for bit" % (t.differed, t.compared, t.max_ulps, t.max_share))


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
    problem = problems.read(h.sub("problem"))
    optimizer = optimizers.read(h.sub("optimizer"), problem)
    initial = h.doubles("initial_point")
    if len(initial) != problem.dimension:
        header_fail("initial_point", "length %d, but the problem has dimension %d" % (len(initial), problem.dimension))
    steps = h.int("steps")

    sampled = isinstance(optimizer, tuple(optimizers.SAMPLED.values()))
    view = problem.tracked()
    tally = Tally()
    theta = list(initial)
    state = optimizer.init(problem) if sampled else optimizer.init(problem.dimension)
    for t in range(1, steps + 1):
        if t >= len(lines):
            raise GoldenError(name, t + 1, "step %d" % t, None,
                              "the file ends after line %d: it is truncated (the header declares %d steps and an end line)" % (len(lines), steps))
        node = lines[t]
        fail = failer(t + 1, "step %d" % t)
        validate_doubles(node, fail)
        if isinstance(node, dict) and "end" in node:
            fail(None, "the end line comes after step %d, but the header declares %d steps (truncated?)" % (t - 1, steps))
        line = Line(node, fail, tally)
        (forced_sampled_step if sampled else forced_gradient_step)(line, view, optimizer, state, theta, t)
        theta = doubles(line.field("theta", theta))
        state = recorded_state(line.field("state", snapshot(state)))
        line.finish()

    end = steps + 1
    if end >= len(lines):
        raise GoldenError(name, end + 1, "end line", None,
                          "the file ends after line %d: it is truncated (the header declares %d steps and an end line)" % (len(lines), steps))
    node = lines[end]
    fail = failer(end + 1, "end line")
    validate_doubles(node, fail)
    line = Line(node, fail, tally)
    line.field("end", True)
    line.field("steps", steps)
    line.field("final_loss", view.loss(theta) if sampled else view.loss_at(steps + 1, theta))
    line.finish()
    if len(lines) > steps + 2:
        raise GoldenError(name, steps + 3, line_kind(lines[steps + 2]), None, "unexpected line after the end line")
    return Scenario(name, lines, header, problem, optimizer, initial, steps, tally)
