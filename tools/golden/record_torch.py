#!/usr/bin/env python3
"""Records torch.optim's trajectory on a quadratic golden scenario as the CSV that compare.py reads.

Usage: /usr/bin/python3 tools/golden/record_torch.py tests/Golden/Verified/quadratic-adam.verified.jsonl > MINE.csv

The scenario's header gives the problem, the hyperparameters and the initial point; torch.optim (float64,
foreach=False) runs them, fed the problem's gradient at torch's own parameters (the file's mask for masked_adam), as a
library author's implementation would be run. Writes theta and the optimizer buffers torch keeps (exp_avg as
state.buffers.m, exp_avg_sq as v, max_exp_avg_sq as vhat, square_avg as v, sum as sum_sq) for every step, each value
as its shortest round-trip decimal, after comment lines naming the command and the torch version.
"""

import os
import sys

import torch

import replay
import torch_compare


def record(path, out):
    scenario = replay.check(path)
    param = torch.tensor(scenario.initial, dtype=torch.float64)
    built = torch_compare.build(scenario, [param])
    if built is None or not hasattr(scenario.problem, "h"):
        raise SystemExit("%s: torch.optim has no counterpart of this scenario (see torch_compare.build)" % scenario.name)
    opt, buffers, label = built
    out.write("# %s on %s, recorded by: /usr/bin/python3 tools/golden/record_torch.py tests/Golden/Verified/%s\n"
              % (label, scenario.header["scenario"], os.path.basename(path)))
    out.write("# torch %s, CPU capability %s, float64, foreach=False; gradient of the file's problem at torch's parameters\n"
              % (torch.__version__, torch_compare.cpu_capability()))
    out.write("step,field,index,value\n")
    for t in range(1, scenario.steps + 1):
        gradient = scenario.problem.gradient(param.tolist())
        if "mask" in scenario.lines[t]:
            gradient = [g if bit == "1" else 0.0 for g, bit in zip(gradient, scenario.lines[t]["mask"])]
        param.grad = torch.tensor(gradient, dtype=torch.float64)
        opt.step()
        rows = [("theta", param.tolist())]
        state = opt.state[param]
        rows += [("state.buffers." + name, state[key].tolist()) for key, name in sorted(buffers.items(), key=lambda kv: kv[1])]
        for field, values in rows:
            for j, value in enumerate(values):
                out.write("%d,%s,%d,%r\n" % (t, field, j, value))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.strip().splitlines()[2])
    record(sys.argv[1], sys.stdout)
