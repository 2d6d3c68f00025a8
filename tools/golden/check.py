#!/usr/bin/env python3
"""Replays the project's golden files with an implementation written from docs/golden-format.md and docs/rng.md.

Usage: /usr/bin/python3 tools/golden/check.py [--no-torch] [--require-torch] [FILE_OR_DIR ...]
(default: tests/Golden/Verified). Prints PASS/FAIL per scenario and exits 1 if any file fails. The replay needs only
the standard library (Python floats are IEEE binary64 and every operation is done one at a time, so no vectorised or
fused arithmetic can creep in); numpy is not needed and torch is optional. Where PyTorch imports,
the Adam, AMSGrad (PyTorch convention), masked_adam, RMSProp, AdaGrad and SGD scenarios are also run through
torch.optim and the largest difference is reported in ULPs. The mnist_logistic and imdb_logistic files read their
data from ../shared/data (or VERIFICATION_DATA_DIR; datasets.py). Every step is recomputed from the file's previous
line (replay.py); the values whose computation calls exp/log (loss, gradient, fed gradient, per-example norms) are
compared within their error bound (bounded.py, docs/golden-format.md section 7.1), everything else bit for bit.
"""

import argparse
import glob
import os
import sys

import philox
import replay
from goldenfile import GoldenError

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_DIR = os.path.join(ROOT, "tests", "Golden", "Verified")


def files(arguments):
    found = []
    for argument in arguments or [DEFAULT_DIR]:
        if os.path.isdir(argument):
            found.extend(sorted(glob.glob(os.path.join(argument, "*.verified.jsonl"))))
        else:
            found.append(argument)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--no-torch", action="store_true", help="skip the torch.optim comparison")
    parser.add_argument("--require-torch", action="store_true", help="fail if torch cannot be imported")
    args = parser.parse_args()

    philox.self_test()
    torch_compare = None
    if not args.no_torch:
        try:
            import torch_compare
        except ImportError as e:
            if args.require_torch:
                print("FAIL torch is required but cannot be imported: %s" % e)
                return 1
            print("torch not available (%s): replaying with the standard library only" % e)

    paths = files(args.paths)
    if not paths:
        print("FAIL no golden files found under %s" % (args.paths or DEFAULT_DIR))
        return 1
    failures = 0
    for path in paths:
        try:
            scenario = replay.check(path)
        except (GoldenError, OSError, UnicodeDecodeError) as e:
            failures += 1
            print("FAIL %s\n     %s" % (os.path.basename(path), e))
            continue
        note = ""
        if torch_compare is not None:
            result = torch_compare.compare(scenario)
            if result is not None:
                note = "; torch.optim: %s" % result.summary()
                if not result.ok:
                    failures += 1
                    print("FAIL %s (%d steps %s%s)" % (os.path.basename(path), scenario.steps, scenario.agreement(), note))
                    continue
        print("PASS %s (%d steps %s%s)" % (os.path.basename(path), scenario.steps, scenario.agreement(), note))
    print("%d of %d golden files pass" % (len(paths) - failures, len(paths)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
