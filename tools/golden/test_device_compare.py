"""device_compare.py, torch_compare.py --device and optax_compare.py: what can be run without a GPU and without JAX.

The torch CPU column is measured for real (where torch imports); the CUDA and JAX columns cannot run here, so what is
tested is that their absence gives one clear line, and that each golden optimizer maps to the optax transformation
and hyperparameters it should (with a stand-in optax that records the calls; no JAX arithmetic runs).
"""

import collections
import inspect
import io
import os
import sys
import types
import unittest
from unittest import mock

import device_compare
import optax_compare
import replay
from drift import VERIFIED, quadratic_scenarios

try:
    import torch_compare
    NO_TORCH = None
except ImportError as e:
    torch_compare, NO_TORCH = None, "torch is not installed (%s)" % e

TORCH_SCENARIOS = ["quadratic-adagrad", "quadratic-adam", "quadratic-amsgrad-pytorch", "quadratic-rmsprop", "quadratic-sgd",
                   "quadratic-stochgradadam-masked_adam"]


def run(main, argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def scenario(name):
    return replay.check(os.path.join(VERIFIED, name + ".verified.jsonl"))


@unittest.skipIf(torch_compare is None, NO_TORCH)
class TorchCpu(unittest.TestCase):
    def test_the_table_has_one_row_per_scenario_torch_can_run_with_its_max_and_median(self):
        code, out, err = run(device_compare.main, ["--device", "cpu"])
        self.assertEqual((0, ""), (code, err))
        rows = [line.split() for line in out.splitlines() if line.startswith("quadratic-")]
        self.assertEqual(TORCH_SCENARIOS, [r[0] for r in rows])
        adam = torch_compare.compare(scenario("quadratic-adam"))
        self.assertIn(["quadratic-adam", str(adam.maximum()), "/", str(adam.median()), "-", "-"], rows)
        self.assertLess(adam.median(), adam.maximum())
        self.assertIn("result: every measured value within 1048576 ULPs", out)

    def test_torch_compare_device_cpu_prints_the_same_figures(self):
        code, out, err = run(torch_compare.main, ["--device", "cpu"])
        self.assertEqual((0, ""), (code, err))
        sgd = torch_compare.compare(scenario("quadratic-sgd"))
        self.assertRegex(out, r"quadratic-sgd +max +%d +median +%d +torch\.optim\.SGD\n" % (sgd.maximum(), sgd.median()))

    def test_without_cuda_the_cuda_run_is_one_line_and_exit_code_3(self):
        torch = torch_compare.torch
        with mock.patch.object(torch.version, "cuda", "12.1"), mock.patch.object(torch.cuda, "is_available", lambda: False):
            for main in (device_compare.main, torch_compare.main):
                code, out, err = run(main, ["--device", "cuda"])
                self.assertEqual((3, ""), (code, out))
                self.assertEqual("error: --device cuda: torch %s (CUDA 12.1) sees no CUDA device (torch.cuda.is_available() is False; "
                                 "driver missing or no GPU visible)\n" % torch.__version__, err)
        with mock.patch.object(torch.version, "cuda", None):
            code, _, err = run(device_compare.main, ["--device", "cuda"])
            self.assertEqual(3, code)
            self.assertEqual("error: --device cuda: torch %s was built without CUDA (torch.version.cuda is None)\n" % torch.__version__, err)


class MissingLibraries(unittest.TestCase):
    def test_without_jax_the_optax_column_is_skipped_with_the_reason(self):
        with mock.patch.dict(sys.modules, {"jax": None}):
            code, out, err = run(device_compare.main, ["--optax"])
        self.assertIn("optax (cpu): skipped: jax/optax cannot be imported (", out)
        if torch_compare is None:
            self.assertEqual(3, code)
            self.assertTrue(err.startswith("error: nothing to compare: torch cannot be imported"), err)
        else:
            self.assertEqual((0, ""), (code, err))
            rows = [line.split() for line in out.splitlines() if line.startswith("quadratic-adam ")]
            self.assertEqual("-", rows[0][-1])

    def test_without_torch_cuda_is_an_error_and_nothing_to_compare_is_exit_code_3(self):
        with mock.patch.dict(sys.modules, {"torch_compare": None, "jax": None}):
            code, out, err = run(device_compare.main, ["--device", "cuda"])
            self.assertEqual((3, ""), (code, out))
            self.assertTrue(err.startswith("error: --device cuda: torch cannot be imported ("), err)
            code, out, err = run(device_compare.main, ["--optax"])
            self.assertEqual(3, code)
            self.assertIn("torch: skipped: torch cannot be imported", out)
            self.assertEqual(1, len(err.splitlines()))
            self.assertTrue(err.startswith("error: nothing to compare: torch cannot be imported ("), err)

    def test_load_names_jax_when_it_is_missing(self):
        with mock.patch.dict(sys.modules, {"jax": None}):
            with self.assertRaises(optax_compare.Unavailable) as caught:
                optax_compare.load("cuda")
        self.assertTrue(str(caught.exception).startswith("jax/optax cannot be imported ("))


def stand_in_optax(eps_in_sqrt):
    """An optax module whose optimizers record their name and arguments instead of computing."""
    def factory(name):
        def make(learning_rate, **kwargs):
            return (name, learning_rate, kwargs)
        return make

    module = types.SimpleNamespace(**{name: factory(name) for name in ("adam", "amsgrad", "adagrad", "sgd")})
    if eps_in_sqrt:
        def rmsprop(learning_rate, decay=0.9, eps=1e-8, initial_scale=0.0, eps_in_sqrt=True):
            return ("rmsprop", learning_rate, {"decay": decay, "eps": eps, "eps_in_sqrt": eps_in_sqrt})
    else:
        def rmsprop(learning_rate, decay=0.9, eps=1e-8, initial_scale=0.0):
            return ("rmsprop", learning_rate, {"decay": decay, "eps": eps})
    module.rmsprop = rmsprop
    return module


class OptaxMapping(unittest.TestCase):
    def built(self, name, eps_in_sqrt=True):
        return optax_compare.build(scenario(name), stand_in_optax(eps_in_sqrt))

    def test_adam_and_masked_adam_are_optax_adam_with_the_files_hyperparameters_and_no_eps_root(self):
        for name in ("quadratic-adam", "quadratic-stochgradadam-masked_adam"):
            (call, rate, kwargs), buffers, _, note = self.built(name)
            o = scenario(name).optimizer
            self.assertEqual(("adam", o.rate, {"b1": o.beta1, "b2": o.beta2, "eps": o.eps, "eps_root": 0.0}), (call, rate, kwargs))
            self.assertEqual(({"mu": "m", "nu": "v"}, None), (buffers, note))

    def test_the_conventions_optax_does_not_share_carry_a_note(self):
        self.assertEqual(optax_compare.AMSGRAD_NOTE, self.built("quadratic-amsgrad-pytorch")[3])
        (call, _, kwargs), buffers, _, note = self.built("quadratic-adagrad")
        self.assertEqual(("adagrad", 0.0, {"sum_of_squares": "sum_sq"}, optax_compare.ADAGRAD_NOTE),
                         (call, kwargs["initial_accumulator_value"], buffers, note))
        (call, _, kwargs), _, label, note = self.built("quadratic-rmsprop", eps_in_sqrt=True)
        self.assertEqual((False, None, "optax.rmsprop(eps_in_sqrt=False)"), (kwargs["eps_in_sqrt"], note, label))
        self.assertEqual(optax_compare.RMSPROP_NOTE, self.built("quadratic-rmsprop", eps_in_sqrt=False)[3])
        self.assertEqual(("sgd", scenario("quadratic-sgd").optimizer.rate, {}), self.built("quadratic-sgd")[0])

    def test_what_optax_cannot_express_is_left_out(self):
        for name in ("quadratic-adam-theory", "quadratic-amsgrad-reddi", "quadratic-sgd-inverse-sqrt-box",
                     "quadratic-stochgradadam-masked_update", "quadratic-stochgradadam-paper_eqs"):
            self.assertIsNone(self.built(name), name)
        self.assertEqual(len(TORCH_SCENARIOS),
                         sum(optax_compare.build(s, stand_in_optax(True)) is not None for s in quadratic_scenarios()))

    def test_state_fields_are_found_inside_the_tuples_of_a_chain(self):
        Adam = collections.namedtuple("ScaleByAdamState", ["count", "mu", "nu"])
        Empty = collections.namedtuple("EmptyState", [])
        state = (Adam(3, "MU", "NU"), (Empty(),))
        self.assertEqual(("MU", "NU", None), tuple(optax_compare.field(state, k) for k in ("mu", "nu", "nu_max")))
        self.assertIn("eps_in_sqrt", inspect.signature(stand_in_optax(True).rmsprop).parameters)


if __name__ == "__main__":
    unittest.main()
