#!/usr/bin/env python3
"""One table of ULP drift from the golden trajectories: torch.optim on the CPU, torch.optim on CUDA, and optax (JAX).

Usage: /usr/bin/python3 tools/golden/device_compare.py [--device cpu|cuda] [--optax] [FILE ...]

Runs every quadratic golden scenario (default: tests/Golden/Verified) that the libraries can express -- Adam,
AMSGrad (PyTorch convention), StochGradAdam's masked_adam (Adam on the file's masked gradient), RMSProp, AdaGrad,
SGD -- in float64, each fed the problem's gradient at its own parameters, and prints per scenario the largest and the
median ULP distance of theta and the optimizer state from the golden file, over all steps.

  torch cpu    torch.optim, foreach=False, on the CPU (always, when torch imports)
  torch cuda   the same on CUDA (--device cuda); without CUDA in torch this is an error, exit code 3
  optax        optax on JAX with jax_enable_x64, eagerly, on the CPU or (--device cuda) the GPU (--optax); skipped
               with the reason when jax/optax cannot be imported or JAX has no such device

Exit code 0 when every measured distance is within 2^20 ULPs (beyond it means a different algorithm, not a rounding
order), except where a note says the library's algorithm differs (such drift is reported, not judged); 1 otherwise;
2 for a usage error; 3 when --device cuda cannot run.
"""

import argparse
import sys

import optax_compare
from drift import ULP_LIMIT, quadratic_scenarios, short_name

NOT_RUN = "-"


def cell(result):
    return "%d / %d" % (result.maximum(), result.median())


def table(headers, rows):
    widths = [max(len(r[c]) for r in [headers] + rows) for c in range(len(headers))]
    lines = []
    for k, row in enumerate([headers] + rows):
        lines.append("  ".join(row[c].ljust(widths[c]) if c == 0 else row[c].rjust(widths[c]) for c in range(len(row))).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def main(argv, out=sys.stdout, err=sys.stderr):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu", help="also run torch (and optax) on CUDA")
    parser.add_argument("--optax", action="store_true", help="add the optax column (JAX, float64)")
    parser.add_argument("paths", nargs="*", help="golden files (default: every quadratic scenario)")
    args = parser.parse_args(argv)

    try:
        import torch_compare
        torch_problem = None
    except ImportError as e:
        torch_compare, torch_problem = None, "torch cannot be imported (%s)" % e
    if args.device == "cuda":
        problem = torch_problem or torch_compare.device_problem("cuda")
        if problem is not None:
            err.write("error: --device cuda: %s\n" % problem)
            return 3

    optax_platform = "gpu" if args.device == "cuda" else "cpu"
    loaded, optax_problem = None, None
    if args.optax:
        try:
            loaded = optax_compare.load(args.device)
        except optax_compare.Unavailable as e:
            optax_problem = str(e)

    devices = ["cpu"] + (["cuda"] if args.device == "cuda" else [])
    if torch_compare is not None:
        for device in devices:
            out.write("torch %s: %s, %s\n" % (device, torch_compare.torch.__version__, torch_compare.device_name(device)))
    else:
        out.write("torch: skipped: %s\n" % torch_problem)
    if loaded is not None:
        jax, _, optax, target = loaded
        out.write("optax (%s): optax %s, JAX %s on %s, float64, eager\n" % (optax_platform, optax.__version__, jax.__version__, target))
    elif args.optax:
        out.write("optax (%s): skipped: %s\n" % (optax_platform, optax_problem))

    headers = ["scenario", "torch cpu", "torch cuda", "optax (%s)" % optax_platform]
    rows, notes, failures, measured = [], [], 0, 0
    for scenario in quadratic_scenarios(args.paths):
        row = [short_name(scenario)]
        for device in ["cpu", "cuda"]:
            result = torch_compare.compare(scenario, device) if torch_compare is not None and device in devices else None
            row.append(NOT_RUN if result is None else cell(result))
            if result is not None:
                measured += 1
                failures += not result.ok
        compared = optax_compare.compare(scenario, loaded) if loaded is not None else None
        if compared is None:
            row.append(NOT_RUN)
        else:
            result, note = compared
            measured += 1
            row.append(cell(result) + (" *" if note else ""))
            if note:
                notes.append("* %s (%s): %s" % (short_name(scenario), result.label, note))
            else:
                failures += not result.ok
        if row[1:] != [NOT_RUN] * 3:
            rows.append(row)

    if measured == 0:
        err.write("error: nothing to compare: %s\n" % "; ".join(p for p in [torch_problem, optax_problem] if p))
        return 3
    out.write("ULP distance from the golden trajectories, max / median over theta and state at every step (%s: not run):\n" % NOT_RUN)
    for line in table(headers, rows) + notes:
        out.write(line + "\n")
    out.write("result: %s\n" % ("every measured value within %d ULPs" % ULP_LIMIT if failures == 0
                                 else "%d scenario(s) beyond %d ULPs: a different algorithm, not a rounding order" % (failures, ULP_LIMIT)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
