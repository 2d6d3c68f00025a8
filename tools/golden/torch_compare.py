"""Runs the golden scenarios that torch.optim can express through PyTorch (float64) and measures the agreement in ULPs.

torch.optim orders the arithmetic differently (Adam folds the bias corrections into the step size and takes beta^t
with pow), so agreement is a few ULPs, not bit for bit. Importing this module fails without torch; check.py then
skips the comparison. Each scenario gets its own torch trajectory: torch's parameters, the problem's gradient at them
(the mask of the file for masked_adam), torch's step.
"""

import os
import struct
import sys
from fractions import Fraction

import torch

import optimizers
import replay
from goldenfile import from_hex

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


class Result:
    def __init__(self, label):
        self.label, self.theta, self.state, self.ok = label, 0, 0, True
        self.first_step = 0

    def add(self, which, file_values, torch_values, t):
        for f, v in zip(file_values, torch_values):
            d = ulps(f, v)
            if t == 1:
                self.first_step = max(self.first_step, d)
            if which == "theta":
                self.theta = max(self.theta, d)
            else:
                self.state = max(self.state, d)
            if d > ULP_LIMIT:
                self.ok = False

    def summary(self):
        verdict = "" if self.ok else " (beyond the %d-ULP limit)" % ULP_LIMIT
        return "%s, step 1 within %d ULP; over all steps theta within %d ULP, state within %d ULP%s" % (
            self.label, self.first_step, self.theta, self.state, verdict)


def doubles(array):
    return [from_hex(v["x"]) for v in array]


def build(scenario, params):
    """The torch optimizer and the (torch state key -> golden buffer) pairs, or None when torch cannot express it."""
    o = scenario.optimizer
    if isinstance(o, optimizers.Adam):
        if not o.bias or o.placement != "outside" or o.decay != "constant" or o.lam != 1.0 or o.box is not None:
            return None
        opt = torch.optim.Adam(params, lr=o.rate, betas=(o.beta1, o.beta2), eps=o.eps, foreach=False)
        return opt, {"exp_avg": "m", "exp_avg_sq": "v"}, "torch.optim.Adam"
    if isinstance(o, optimizers.AmsGrad):
        if o.convention != "pytorch" or o.decay != "constant" or o.lam != 1.0 or o.box is not None:
            return None
        opt = torch.optim.Adam(params, lr=o.rate, betas=(o.beta1, o.beta2), eps=o.eps, amsgrad=True, foreach=False)
        return opt, {"exp_avg": "m", "exp_avg_sq": "v", "max_exp_avg_sq": "vhat"}, "torch.optim.Adam(amsgrad=True)"
    if isinstance(o, optimizers.StochGradAdam):
        if (o.variant != "masked_adam" or o.wd != 0.0 or o.decay != "constant" or o.lam != 1.0 or o.box is not None
                or o.placement != "outside"):
            return None
        opt = torch.optim.Adam(params, lr=o.rate, betas=(o.beta1, o.beta2), eps=o.eps, foreach=False)
        return opt, {"exp_avg": "m", "exp_avg_sq": "v"}, "torch.optim.Adam on the file's masked gradient"
    if isinstance(o, optimizers.RmsProp) and o.box is None:
        return torch.optim.RMSprop(params, lr=o.rate, alpha=o.rho, eps=o.eps, foreach=False), {"square_avg": "v"}, "torch.optim.RMSprop"
    if isinstance(o, optimizers.AdaGrad) and o.box is None:
        return torch.optim.Adagrad(params, lr=o.rate, eps=o.eps, foreach=False), {"sum": "sum_sq"}, "torch.optim.Adagrad"
    if isinstance(o, optimizers.Sgd) and o.box is None and o.decay == "constant":
        return torch.optim.SGD(params, lr=o.rate, foreach=False), {}, "torch.optim.SGD"
    return None


def compare(scenario):
    """A Result for a scenario torch can run, else None."""
    if not hasattr(scenario.problem, "h"):
        return None   # the importance-sampled scenarios have no torch.optim counterpart
    param = torch.tensor(scenario.initial, dtype=torch.float64)
    built = build(scenario, [param])
    if built is None:
        return None
    opt, buffers, label = built
    result = Result(label)
    for t in range(1, scenario.steps + 1):
        line = scenario.lines[t]
        gradient = scenario.problem.gradient(param.tolist())
        if "mask" in line:
            gradient = [g if bit == "1" else 0.0 for g, bit in zip(gradient, line["mask"])]
        param.grad = torch.tensor(gradient, dtype=torch.float64)
        opt.step()
        result.add("theta", doubles(line["theta"]), param.tolist(), t)
        state = opt.state[param]
        for key, name in buffers.items():
            result.add("state", doubles(line["state"]["buffers"][name]), state[key].tolist(), t)
    return result


def fma(a, b, c):
    """a*b + c rounded once: Fraction arithmetic is exact and float() of a Fraction rounds correctly."""
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def cpu_capability():
    """The kernels torch dispatches to ('AVX2', 'NO AVX', ...; ATEN_CPU_CAPABILITY=default selects 'NO AVX')."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def update_rounding(verified):
    """How torch.optim rounds its updates, step by step on quadratic-sgd and quadratic-adam (docs/golden-format.md
    section 8.2): [(what, how many torch values equal it, how many values)], each candidate computed from torch's own
    previous values and the gradient it was fed."""
    counts = {}

    def tally(what, hit):
        matched, total = counts.get(what, (0, 0))
        counts[what] = (matched + bool(hit), total + 1)

    sgd = replay.check(os.path.join(verified, "quadratic-sgd.verified.jsonl"))
    lr = sgd.optimizer.rate
    param = torch.tensor(sgd.initial, dtype=torch.float64)
    opt = torch.optim.SGD([param], lr=lr, foreach=False)
    for _ in range(sgd.steps):
        theta = param.tolist()
        g = sgd.problem.gradient(theta)
        param.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        for before, gj, after in zip(theta, g, param.tolist()):
            tally("SGD theta = fma(-lr, g, theta), one rounding", after == fma(-lr, gj, before))
            tally("SGD theta = theta - lr*g, two roundings (the file's section 6.2)", after == before - lr * gj)

    adam = replay.check(os.path.join(verified, "quadratic-adam.verified.jsonl"))
    o = adam.optimizer
    param = torch.tensor(adam.initial, dtype=torch.float64)
    opt = torch.optim.Adam([param], lr=o.rate, betas=(o.beta1, o.beta2), eps=o.eps, foreach=False)
    m, v = [0.0] * len(adam.initial), [0.0] * len(adam.initial)
    for _ in range(adam.steps):
        g = adam.problem.gradient(param.tolist())
        param.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        m2, v2 = opt.state[param]["exp_avg"].tolist(), opt.state[param]["exp_avg_sq"].tolist()
        for j, gj in enumerate(g):
            tally("Adam m = fma(1 - beta1, g, beta1*m)", m2[j] == fma(1.0 - o.beta1, gj, o.beta1 * m[j]))
            tally("Adam m = beta1*m + (1 - beta1)*g (the file's section 6.1)", m2[j] == o.beta1 * m[j] + (1.0 - o.beta1) * gj)
            tally("Adam v = fma((1 - beta2)*g, g, beta2*v)", v2[j] == fma((1.0 - o.beta2) * gj, gj, o.beta2 * v[j]))
            tally("Adam v = beta2*v + ((1 - beta2)*g)*g", v2[j] == o.beta2 * v[j] + ((1.0 - o.beta2) * gj) * gj)
            tally("Adam v = beta2*v + (1 - beta2)*(g*g) (the file's section 6.1)", v2[j] == o.beta2 * v[j] + (1.0 - o.beta2) * (gj * gj))
        m, v = m2, v2
    return [(what, matched, total) for what, (matched, total) in counts.items()]


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    print("torch %s, float64, foreach=False, CPU capability %s:" % (torch.__version__, cpu_capability()))
    for what, matched, total in update_rounding(os.path.join(here, "..", "..", "tests", "Golden", "Verified")):
        print("%4d of %d  %s" % (matched, total, what))
    sys.exit(0)
