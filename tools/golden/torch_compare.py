"""Runs the golden scenarios that torch.optim can express through PyTorch (float64) and measures the agreement in ULPs.

torch.optim orders the arithmetic differently (Adam folds the bias corrections into the step size and takes beta^t
with pow), so agreement is a few ULPs, not bit for bit. Importing this module fails without torch; check.py then
skips the comparison. Each scenario gets its own torch trajectory: torch's parameters, the problem's gradient at them
(the mask of the file for masked_adam), torch's step.
"""

import struct

import torch

import optimizers
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
