"""Runs the golden scenarios that torch.optim can express through PyTorch (float64) and measures the agreement in ULPs.

torch.optim orders the arithmetic differently (Adam folds the bias corrections into the step size and takes beta^t
with pow), so agreement is a few ULPs, not bit for bit. Importing this module fails without torch; check.py then
skips the comparison. Each scenario gets its own torch trajectory: torch's parameters, the problem's gradient at them
(the mask of the file for masked_adam), torch's step.

Usage: /usr/bin/python3 tools/golden/torch_compare.py                 how torch rounds its updates (section 8.2)
       /usr/bin/python3 tools/golden/torch_compare.py --device cuda   max/median ULPs per scenario, torch on CUDA
"""

import argparse
import os
import sys
from fractions import Fraction

import torch

import optimizers
import replay
from drift import ABS_FLOOR, ULP_LIMIT, VERIFIED, Result, doubles, ordered, quadratic_scenarios, short_name, ulps  # noqa: F401


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


def device_problem(device):
    """None when torch can run on `device` ('cpu' or 'cuda'), else why not, in one line."""
    if device == "cpu":
        return None
    if device != "cuda":
        return "unknown device '%s' (cpu or cuda)" % device
    if torch.version.cuda is None:
        return "torch %s was built without CUDA (torch.version.cuda is None)" % torch.__version__
    if not torch.cuda.is_available():
        return "torch %s (CUDA %s) sees no CUDA device (torch.cuda.is_available() is False; driver missing or no GPU visible)" % (
            torch.__version__, torch.version.cuda)
    return None


def device_name(device):
    """What `device` is, for a report header."""
    if device == "cuda":
        return "%s, CUDA %s" % (torch.cuda.get_device_name(0), torch.version.cuda)
    return "CPU capability %s" % cpu_capability()


def compare(scenario, device="cpu"):
    """A Result for a scenario torch can run, else None; torch's tensors live on `device` ('cpu' or 'cuda')."""
    if not hasattr(scenario.problem, "h"):
        return None   # the importance-sampled scenarios have no torch.optim counterpart
    param = torch.tensor(scenario.initial, dtype=torch.float64, device=device)
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
        param.grad = torch.tensor(gradient, dtype=torch.float64, device=device)
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


def scenarios(paths=None):
    """The golden scenarios torch_compare.build can express, replayed and checked first."""
    return [s for s in quadratic_scenarios(paths) if build(s, [torch.zeros(1, dtype=torch.float64)]) is not None]


def main(argv, out=sys.stdout, err=sys.stderr):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cpu", "cuda"], help="run the golden scenarios on this device and print max/median ULPs")
    args = parser.parse_args(argv)
    if args.device is None:
        out.write("torch %s, float64, foreach=False, CPU capability %s:\n" % (torch.__version__, cpu_capability()))
        for what, matched, total in update_rounding(VERIFIED):
            out.write("%4d of %d  %s\n" % (matched, total, what))
        return 0
    problem = device_problem(args.device)
    if problem is not None:
        err.write("error: --device %s: %s\n" % (args.device, problem))
        return 3
    out.write("torch %s on %s (%s), float64, foreach=False; ULP distance from the golden trajectories:\n" % (
        torch.__version__, args.device, device_name(args.device)))
    failures = 0
    for scenario in scenarios():
        result = compare(scenario, args.device)
        failures += not result.ok
        out.write("%-40s max %6d  median %4d  %s\n" % (short_name(scenario), result.maximum(), result.median(), result.label))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
