"""The checker itself: damaged golden files give errors naming file, line and field (python3 -m unittest)."""

import glob
import json
import math
import os
import random
import struct
import unittest
from unittest import mock

import libm
from scratch import ScratchFolder
import problems
import replay
import sampler
from goldenfile import GoldenError

VERIFIED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Golden", "Verified")
MASKED = "quadratic-stochgradadam-masked_update.verified.jsonl"
SAMPLED = "least-squares-dasgrad.verified.jsonl"
REDDI = "reddi-adam.verified.jsonl"
MNIST = "mnist-stochgradadam-masked_adam.verified.jsonl"
IMDB = "imdb-dasgrad.verified.jsonl"


def bumped(node, ulps):
    """The golden double `node` moved by `ulps` units in the last place."""
    old = struct.unpack(">q", bytes.fromhex(node["x"]))[0]
    new = struct.unpack(">d", struct.pack(">q", old + ulps))[0]
    return {"r": repr(new), "x": struct.pack(">d", new).hex()}


class DamagedFiles(ScratchFolder, unittest.TestCase):
    def lines(self, name):
        with open(os.path.join(VERIFIED, name), newline="") as f:
            return f.read().split("\n")[:-1]

    def edited(self, name, line_number, edit):
        lines = self.lines(name)
        node = json.loads(lines[line_number - 1])
        edit(node)
        lines[line_number - 1] = json.dumps(node, separators=(",", ":"))
        return self.write(name, "\n".join(lines) + "\n")

    def fails(self, path, *fragments):
        with self.assertRaises(GoldenError) as caught:
            replay.check(path)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))

    def test_intact_files_pass(self):
        replay.check(os.path.join(VERIFIED, MASKED))
        replay.check(os.path.join(VERIFIED, SAMPLED))

    def test_truncated_inside_a_line(self):
        lines = self.lines(MASKED)
        path = self.write(MASKED, "\n".join(lines[:10]) + "\n" + lines[10][:100])
        self.fails(path, MASKED + " line 11", "truncated")

    def test_truncated_at_a_line_boundary(self):
        path = self.write(MASKED, "\n".join(self.lines(MASKED)[:12]) + "\n")
        self.fails(path, "line 13 (step 12)", "truncated")

    def test_flipped_bit_disagrees_with_the_text(self):
        def flip(node):
            x = node["theta"][2]["x"]
            node["theta"][2]["x"] = "%016x" % (int(x, 16) ^ 1)
        self.fails(self.edited(MASKED, 8, flip), "line 8 (step 7), field 'theta[2]'", "r and x disagree")

    def test_consistently_changed_value_is_a_mismatch(self):
        def bump(node):
            old = struct.unpack(">d", bytes.fromhex(node["state"]["buffers"]["m"][1]["x"]))[0]
            new = struct.unpack(">d", struct.pack(">q", struct.unpack(">q", struct.pack(">d", old))[0] + 1))[0]
            node["state"]["buffers"]["m"][1] = {"r": repr(new), "x": struct.pack(">d", new).hex()}
        self.fails(self.edited(MASKED, 6, bump), "line 6 (step 5), field 'state.buffers.m[1]'", "mismatch")

    def test_changed_sampled_index(self):
        def change(node):
            node["indices"][0] = (node["indices"][0] + 1) % 5
        self.fails(self.edited(SAMPLED, 5, change), "line 5 (step 4), field 'indices[0]'")

    def test_missing_fields(self):
        self.fails(self.edited(MASKED, 4, lambda n: n.pop("mask")), "line 4 (step 3), field 'mask'", "missing")
        self.fails(self.edited(MASKED, 1, lambda n: n["optimizer"].pop("beta2")), "line 1 (header), field 'optimizer.beta2'", "missing")


    def test_reddi_is_exact(self):
        def bump(node):
            node["theta"][0] = bumped(node["theta"][0], 1)
        self.fails(self.edited(REDDI, 5, bump), "line 5 (step 4), field 'theta[0]'", "mismatch")

    def test_data_problem_value_computed_with_exp_is_within_its_bound(self):
        def bump(node):
            node["loss"] = bumped(node["loss"], 3)
        scenario = replay.check(self.edited(MNIST, 3, bump))
        self.assertIn("1 of", scenario.agreement())
        self.assertIn("max 3 ULPs", scenario.agreement())

    def test_data_problem_value_computed_with_exp_beyond_its_bound_fails(self):
        def bump(node):
            node["gradient"][7] = bumped(node["gradient"][7], 1 << 30)
        self.fails(self.edited(MNIST, 3, bump), "line 3 (step 2), field 'gradient[7]'", "mismatch", "error bound")

    def test_data_problem_update_from_the_files_gradient_is_exact(self):
        # theta and m depend on exp only through the recorded gradient, from which they are recomputed: 1 ULP fails.
        def bump_m(node):
            node["state"]["buffers"]["m"][7] = bumped(node["state"]["buffers"]["m"][7], 1)
        self.fails(self.edited(MNIST, 3, bump_m), "line 3 (step 2), field 'state.buffers.m[7]'", "exactly")

        def bump_theta(node):
            node["theta"][7] = bumped(node["theta"][7], -1)
        self.fails(self.edited(MNIST, 3, bump_theta), "line 3 (step 2), field 'theta[7]'", "exactly")

    def test_data_problem_scores_and_tree_must_agree(self):
        # A score within its bound is accepted, but the tree built from it must then be the file's tree.
        def bump(node):
            node["state"]["buffers"]["scores"][5] = bumped(node["state"]["buffers"]["scores"][5], 1)
        self.fails(self.edited(IMDB, 2, bump), "line 2 (step 1), field 'state.buffers.tree[")

        def far(node):
            node["state"]["buffers"]["scores"][5] = bumped(node["state"]["buffers"]["scores"][5], 1 << 30)
        self.fails(self.edited(IMDB, 2, far), "line 2 (step 1), field 'state.buffers.scores[5]'", "error bound")

    def test_data_problem_step_powers_and_masks_stay_exact(self):
        def bump(node):
            node["state"]["scalars"]["beta2_pow"] = bumped(node["state"]["scalars"]["beta2_pow"], 1)
        self.fails(self.edited(MNIST, 2, bump), "field 'state.scalars.beta2_pow'", "mismatch")

        def flip(node):
            node["mask"] = ("0" if node["mask"][0] == "1" else "1") + node["mask"][1:]
        self.fails(self.edited(MNIST, 4, flip), "line 4 (step 3), field 'mask'")

    def test_data_problem_sampled_indices_stay_exact(self):
        def change(node):
            node["indices"][0] = (node["indices"][0] + 1) % 512
        self.fails(self.edited(IMDB, 2, change), "line 2 (step 1), field 'indices[0]'")

    def test_data_problem_digests_are_checked(self):
        def damage(node):
            node["problem"]["features_sha256"] = "0" * 64
        self.fails(self.edited(IMDB, 1, damage), "field 'problem.features_sha256'", "different data")

        def move(node):
            node["problem"]["indices"][3] += 1
        self.fails(self.edited(MNIST, 1, move), "field 'problem.subset_sha256'")


def moved(value, ulps):
    """`value` moved by `ulps` representable doubles (towards +inf for ulps > 0), across zero if need be."""
    ordered = struct.unpack(">q", struct.pack(">d", value))[0]
    ordered = ordered if ordered >= 0 else -(ordered & 0x7FFFFFFFFFFFFFFF)
    ordered += ulps
    pattern = ordered if ordered >= 0 else (-ordered) | (1 << 63)
    return struct.unpack(">d", struct.pack(">Q", pattern))[0]


class WrongFormulas(unittest.TestCase):
    """Formulas that differ from the documented ones by one rounding fail, naming the field, although each moves a
    value by about 1 ULP, as a different libm would (docs/golden-format.md section 7.1)."""

    def fails(self, name, *fragments):
        with self.assertRaises(GoldenError) as caught:
            replay.check(os.path.join(VERIFIED, name))
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))

    def test_pixel_times_the_reciprocal_of_255_fails_at_the_features_digest(self):
        with mock.patch.object(problems, "scale_pixel", lambda byte: byte * (1.0 / 255.0)):
            self.fails("mnist-sgd.verified.jsonl", "line 1 (header), field 'problem.features_sha256'", "different data")

    def test_weight_one_over_n_p_fails_at_the_weights(self):
        with mock.patch.object(sampler, "importance_weight", lambda total, n, leaf: 1.0 / (n * (leaf / total))):
            self.fails("mnist-dasgrad.verified.jsonl", "line 2 (step 1), field 'weights[2]'", "exactly")
            self.fails("imdb-dasgrad.verified.jsonl", "line 2 (step 1), field 'weights[0]'", "exactly")

    def test_the_documented_formulas_pass(self):
        # The control for both tests above: the same files with the checker's own formulas.
        for name in ("mnist-sgd.verified.jsonl", "mnist-dasgrad.verified.jsonl", "imdb-dasgrad.verified.jsonl"):
            self.assertIn("bit for bit", replay.check(os.path.join(VERIFIED, name)).agreement())


class FaithfulLibm(unittest.TestCase):
    """Another libm: every exp and log result moved by one ULP, up or down at random (seeded). Two faithful libms
    differ by at most that much, so every data file must still pass; a libm 128 ULPs off must not."""

    def libm(self, ulps, seed):
        rng = random.Random(seed)
        return (mock.patch.object(libm, "exp", lambda x: moved(math.exp(x), rng.choice(ulps))),
                mock.patch.object(libm, "log", lambda x: moved(math.log(x), rng.choice(ulps))))

    def test_every_data_file_passes_with_every_exp_and_log_one_ulp_off(self):
        names = sorted(glob.glob(os.path.join(VERIFIED, "mnist-*.verified.jsonl")) + glob.glob(os.path.join(VERIFIED, "imdb-*.verified.jsonl")))
        self.assertEqual(26, len(names))
        exp_patch, log_patch = self.libm((-1, 1), 20261125)
        with exp_patch, log_patch:
            for name in names:
                scenario = replay.check(name)
                # Not vacuous: the other libm did change values that the file records.
                self.assertGreater(scenario.tally.differed, 0, name)

    def test_an_exp_128_ulps_off_fails(self):
        exp_patch, log_patch = self.libm((128,), 1)
        with exp_patch, log_patch:
            with self.assertRaises(GoldenError) as caught:
                replay.check(os.path.join(VERIFIED, "imdb-sgd.verified.jsonl"))
        self.assertIn("line 2 (step 1), field 'gradient[", str(caught.exception))
        self.assertIn("error bound", str(caught.exception))


class Tokenizer(unittest.TestCase):
    def test_documented_rules(self):
        import datasets
        self.assertEqual(
            datasets.tokenize("Don't<br />STOP!!Sci-Fi 'quoted' a--b x-ray? <b>bold</b> 10/10 caf\u00e9 \U0001F600ok"),
            ["don't", "stop", "!", "!", "sci-fi", "quoted", "a", "b", "x-ray", "?", "b", "bold", "b", "10", "10", "caf\u00e9", "ok"])


try:
    import torch_compare
    NO_TORCH = None
except ImportError as e:
    torch_compare, NO_TORCH = None, "torch is not installed (%s); CI has none, and these tests measure torch itself" % e


@unittest.skipIf(torch_compare is None, NO_TORCH)
class TorchArithmetic(unittest.TestCase):
    """How torch.optim rounds (docs/golden-format.md section 8.2), per step on quadratic-sgd and quadratic-adam."""

    def test_updates_round_as_the_kernels_torch_dispatches_to(self):
        counts = {what: (matched, total) for what, matched, total in torch_compare.update_rounding(VERIFIED)}
        everything = lambda what: counts[what][0] == counts[what][1] == 125
        capability = torch_compare.cpu_capability()
        if capability in ("AVX2", "AVX512"):
            # The vectorised kernels fuse: add_(g, alpha=-lr) is one fused multiply-add, and so is exp_avg's update.
            self.assertTrue(everything("SGD theta = fma(-lr, g, theta), one rounding"), counts)
            self.assertTrue(everything("Adam m = fma(1 - beta1, g, beta1*m)"), counts)
            self.assertTrue(everything("Adam v = fma((1 - beta2)*g, g, beta2*v)"), counts)
            self.assertFalse(everything("SGD theta = theta - lr*g, two roundings (the file's section 6.2)"), counts)
        elif capability == "NO AVX":
            # The scalar kernels (ATEN_CPU_CAPABILITY=default) round each operation, as the golden files do.
            self.assertTrue(everything("SGD theta = theta - lr*g, two roundings (the file's section 6.2)"), counts)
            self.assertTrue(everything("Adam m = beta1*m + (1 - beta1)*g (the file's section 6.1)"), counts)
            self.assertTrue(everything("Adam v = beta2*v + ((1 - beta2)*g)*g"), counts)
        else:
            self.skipTest("no measurement for torch's CPU capability %r" % capability)


def load_tests(loader, tests, pattern):
    """CI runs `python3 -m unittest test_check`; the tests of compare.py (test_compare.py) and of device_compare.py
    (test_device_compare.py) run with these."""
    import test_compare
    import test_device_compare
    tests.addTests(loader.loadTestsFromModule(test_compare))
    tests.addTests(loader.loadTestsFromModule(test_device_compare))
    return tests


if __name__ == "__main__":
    unittest.main()
