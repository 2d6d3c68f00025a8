#!/usr/bin/env python3
"""Times the optimizer steps a PyTorch user would run, for the same-run comparison in docs/performance.md.

float64, one parameter tensor of d elements, every core (torch.set_num_threads(os.cpu_count())):
  adam_forloop   torch.optim.Adam(foreach=False).step()
  adam_foreach   torch.optim.Adam(foreach=True).step()
  masked_adam    p.grad = g * (torch.rand(d) < s), then torch.optim.Adam(foreach=True).step(): the masked-gradient Adam
                 of StochGradAdam as a PyTorch user would write it (a fresh Bernoulli mask every step, s = 0.8)
Each figure is the median over repetitions of the mean time of a batch of steps, after warm-up steps.

Usage: torch_steps.py OUT.json [d ...]      (default d: 10000 100000 1000000 10000000)
Exit code 3 with one line when PyTorch is not installed (Debian: apt-get install python3-torch).
"""

import json
import os
import platform
import statistics
import sys
import time

SAMPLING_RATE = 0.8
DEFAULT_DIMENSIONS = (10_000, 100_000, 1_000_000, 10_000_000)


def steps_per_batch(d):
    # About 20-50 ms per batch whatever d, so that timer resolution and one-off stalls matter little.
    return max(3, min(2000, 20_000_000 // d))


def time_step(step, d, repetitions=7, warmup=3):
    for _ in range(warmup):
        step()
    n = steps_per_batch(d)
    batches = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(n):
            step()
        batches.append((time.perf_counter() - start) / n)
    return statistics.median(batches), min(batches), max(batches)


def measure(torch, d):
    generator = torch.Generator().manual_seed(1)
    g = torch.sin(torch.arange(d, dtype=torch.float64))
    results = {}
    for name, foreach, masked in (("adam_forloop", False, False), ("adam_foreach", True, False), ("masked_adam", True, True)):
        p = torch.zeros(d, dtype=torch.float64, requires_grad=True)
        p.grad = g.clone()
        optimizer = torch.optim.Adam([p], lr=1e-3, foreach=foreach)
        if masked:
            def step():
                p.grad = g * (torch.rand(d, dtype=torch.float64, generator=generator) < SAMPLING_RATE)
                optimizer.step()
        else:
            step = optimizer.step
        median, low, high = time_step(step, d)
        results[name] = {"seconds_per_step": median, "min": low, "max": high}
    return results


def cpu_capability(torch):
    """The kernels torch dispatches to ('AVX2', 'AVX512', ...), from its build configuration report."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed for %s (Debian: apt-get install python3-torch); no peer figures." % sys.executable, file=sys.stderr)
        return 3
    dimensions = [int(a) for a in argv[2:]] or list(DEFAULT_DIMENSIONS)
    threads = os.cpu_count() or 1
    torch.set_num_threads(threads)
    report = {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "threads": threads,
        "cpu_capability": cpu_capability(torch),
        "sampling_rate": SAMPLING_RATE,
        "dimensions": {},
    }
    with torch.no_grad():
        for d in dimensions:
            report["dimensions"][str(d)] = measure(torch, d)
            print("d = %d: %s" % (d, ", ".join("%s %.3f ms" % (k, v["seconds_per_step"] * 1e3) for k, v in report["dimensions"][str(d)].items())), file=sys.stderr)
    with open(argv[1], "w") as f:
        json.dump(report, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
