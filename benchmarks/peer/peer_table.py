#!/usr/bin/env python3
"""The same-run comparison with PyTorch for docs/performance.md, from BenchmarkDotNet's JSON results and
torch_steps.py's JSON, with the goals of the masked step and of the reference against its peer.

Usage: peer_table.py BDN_RESULTS_DIR PEER_JSON|-     (PEER_JSON '-' when PyTorch was not available)
Writes Markdown to standard output.
"""

import glob
import json
import os
import sys

# Goals (docs/performance.md, "Goals"): each is checked per d at 10^6 and 10^7, where launch and loop overheads no
# longer dominate.
GOAL_DIMENSIONS = (1_000_000, 10_000_000)
MASKED_OVER_ADAM = 1.3       # masked_adam step time ≤ 1.3 × Adam step time (reference and OpenCL)
ADAM_SPEEDUP = 1.5           # reference Adam ≥ 1.5× as fast as torch.optim.Adam(foreach=True)
MASKED_SPEEDUP = 3.0         # reference masked_adam ≥ 3× as fast as the masked-gradient Adam in PyTorch
BOUND_RATIO = 1 / 0.7        # Adam-family step at ≥ 70% of the all-cores triad bound: Time/bound ≤ 1/0.7


def benchmark_means(results, cls, threads=None):
    """{(method, d): mean seconds} of one BenchmarkDotNet class, from its full JSON report; with `threads`, only the
    cases of that Threads parameter (-1: every core)."""
    means = {}
    for path in glob.glob(os.path.join(results, "*%s-report-full*.json" % cls)) + glob.glob(os.path.join(results, "*%s-report.json" % cls)):
        with open(path) as f:
            report = json.load(f)
        for b in report.get("Benchmarks", []):
            stats = b.get("Statistics") or {}
            if "Mean" not in stats:
                continue
            params = dict(p.split("=", 1) for p in (b.get("Parameters") or "").split("&") if "=" in p)
            if threads is not None and params.get("Threads") != str(threads):
                continue
            if "Dimension" in params:
                means[(b["Method"], int(params["Dimension"]))] = stats["Mean"] * 1e-9
    return means


def verdict(value, goal, at_least):
    met = value >= goal if at_least else value <= goal
    return "%.2f %s" % (value, "(met)" if met else "(**missed**)")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    results, peer_path = argv[1], argv[2]
    reference = benchmark_means(results, "ReferenceStepBenchmarks", threads=-1)
    device = benchmark_means(results, "OpenClStepBenchmarks")
    peer = None
    if peer_path != "-":
        with open(peer_path) as f:
            peer = json.load(f)
    out = []
    out.append("### Goals and the peer in the same run")
    out.append("")
    if peer is None:
        out.append("PyTorch was not installed, so the peer columns are empty (Debian: `apt-get install python3-torch`).")
    else:
        out.append("Peer: PyTorch %s (CPU kernels %s, %d threads, float64), timed by `benchmarks/peer/torch_steps.py` right after "
                   "the BenchmarkDotNet run on the same machine. Speed-up = peer time / our time (> 1: ours is faster)."
                   % (peer["torch"], peer["cpu_capability"], peer["threads"]))
    out.append("")
    out.append("| d | reference Adam | torch Adam (foreach) | torch Adam (for-loop) | speed-up vs foreach (goal ≥ %.1f) | reference masked_adam | torch masked Adam | speed-up (goal ≥ %.1f) | reference masked/Adam (goal ≤ %.1f) | OpenCL masked/Adam (goal ≤ %.1f) | reference Adam Time/bound, all cores (goal ≤ %.2f) |"
               % (ADAM_SPEEDUP, MASKED_SPEEDUP, MASKED_OVER_ADAM, MASKED_OVER_ADAM, BOUND_RATIO))
    out.append("|---:|---:|---:|---:|---|---:|---:|---|---|---|---|")
    dims = sorted({d for (_, d) in reference})
    for d in dims:
        adam = reference.get(("AdamStepFloat64", d))
        masked = reference.get(("MaskedAdamStepFloat64", d))
        triad = reference.get(("TriadFloat64", d))
        dev_adam = device.get(("AdamStepFloat64", d))
        dev_masked = device.get(("MaskedAdamStepFloat64", d))
        theirs = (peer or {}).get("dimensions", {}).get(str(d), {})
        goal = d in GOAL_DIMENSIONS

        def ms(x):
            return "—" if x is None else "%.3f ms" % (x * 1e3)

        def ratio(num, den, target, at_least):
            if num is None or den is None:
                return "—"
            return verdict(num / den, target, at_least) if goal else "%.2f" % (num / den)

        t_foreach = theirs.get("adam_foreach", {}).get("seconds_per_step")
        t_loop = theirs.get("adam_forloop", {}).get("seconds_per_step")
        t_masked = theirs.get("masked_adam", {}).get("seconds_per_step")
        bound = None if adam is None or triad is None else adam / (triad * 56 / 24)
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            "{:,}".format(d), ms(adam), ms(t_foreach), ms(t_loop), ratio(t_foreach, adam, ADAM_SPEEDUP, True),
            ms(masked), ms(t_masked), ratio(t_masked, masked, MASKED_SPEEDUP, True),
            ratio(masked, adam, MASKED_OVER_ADAM, False), ratio(dev_masked, dev_adam, MASKED_OVER_ADAM, False),
            "—" if bound is None else (verdict(bound, BOUND_RATIO, False) if goal else "%.2f" % bound)))
    out.append("")
    out.append("Goals are judged at d = 10⁶ and 10⁷ only; below that launch and loop overheads dominate. A missed goal is "
               "explained under \"Why the numbers are what they are\".")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
