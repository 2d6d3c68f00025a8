"""compare.py: a flipped bit is found where it is, the CSV form, malformed input, and the committed fixtures' summaries.

The fixtures' expected summaries (fixtures/*.summary.txt) are also what the C# `golden compare` must print
(tests/Golden/Compare/GoldenCompareTests.cs), so the two implementations are held to the same text.
"""

import io
import json
import os
import struct
import unittest

import compare
from scratch import ScratchFolder
from trajectory import parse_hex_float

HERE = os.path.dirname(os.path.abspath(__file__))
VERIFIED = os.path.join(HERE, "..", "..", "tests", "Golden", "Verified")
FIXTURES = os.path.join(HERE, "fixtures")
ADAM = os.path.join(VERIFIED, "quadratic-adam.verified.jsonl")


def run(golden, mine):
    out, err = io.StringIO(), io.StringIO()
    code = compare.run(golden, mine, out, err)
    return code, out.getvalue(), err.getvalue()


def flipped(node, bit):
    """The golden double `node` with bit `bit` of its pattern flipped, r rewritten to match."""
    pattern = int(node["x"], 16) ^ (1 << bit)
    value = struct.unpack(">d", struct.pack(">Q", pattern))[0]
    return {"r": repr(value), "x": "%016x" % pattern}


class Compare(ScratchFolder, unittest.TestCase):
    def adam_with(self, step, edit):
        with open(ADAM) as f:
            lines = f.read().split("\n")
        node = json.loads(lines[step])
        edit(node)
        lines[step] = json.dumps(node, separators=(",", ":"))
        return self.write("mine.jsonl", "\n".join(lines))

    def test_a_file_against_itself_is_bit_identical(self):
        code, out, err = run(ADAM, ADAM)
        self.assertEqual((0, ""), (code, err))
        self.assertIn("first divergence: none", out)
        self.assertIn("result: bit-identical: all 626 values MINE records equal GOLDEN's", out)

    def test_a_flipped_bit_is_found_at_its_step_and_field(self):
        def flip_low(node):
            node["state"]["buffers"]["v"][3] = flipped(node["state"]["buffers"]["v"][3], 0)
        code, out, _ = run(ADAM, self.adam_with(7, flip_low))
        self.assertEqual(1, code)
        self.assertIn("first divergence: step 7, field state.buffers.v, index 3: GOLDEN ", out)
        self.assertRegex(out, r"state\.buffers\.v +125 +124 +1 +step 7 \[3\] +0\n")
        self.assertIn("result: 1 of 626 values differ", out)

        def flip_high(node):
            node["theta"][1] = flipped(node["theta"][1], 20)
        code, out, _ = run(ADAM, self.adam_with(12, flip_high))
        self.assertEqual(1, code)
        self.assertIn("first divergence: step 12, field theta, index 1", out)
        self.assertIn(", 1048576 ULPs\n", out)

    def test_csv_with_decimals_and_hex_floats(self):
        with open(ADAM) as f:
            lines = [json.loads(line) for line in f]
        rows = ["step,field,index,value"]
        for t in range(1, 26):
            for j, node in enumerate(lines[t]["theta"]):
                value = struct.unpack(">d", bytes.fromhex(node["x"]))[0]
                rows.append("%d,theta,%d,%s" % (t, j, value.hex() if (t + j) % 2 else repr(value)))
        rows.append("end,final_loss,,%s" % lines[26]["final_loss"]["r"])
        code, out, err = run(ADAM, self.write("mine.csv", "\r\n".join(rows) + "\r\n"))
        self.assertEqual((0, ""), (code, err), out)
        self.assertIn("MINE   mine.csv: CSV, 126 values at steps 1-25, the end line", out)
        self.assertNotIn("state.buffers", out)    # only what MINE records is compared

        rows[4] = "1,theta,3,0.25"
        code, out, _ = run(ADAM, self.write("mine.csv", "\n".join(rows) + "\n"))
        self.assertEqual(1, code)
        self.assertIn("first divergence: step 1, field theta, index 3: GOLDEN 0.049999999833333336 (3fa99999982b189c), MINE 0.25 (3fd0000000000000), 10808639129708388 ULPs", out)

    def test_missing_and_extra_steps_are_reported(self):
        code, out, _ = run(ADAM, self.write("mine.csv", "step,field,index,value\n1,theta,0,-0.45\n27,theta,0,1\n"))
        self.assertEqual(1, code)
        self.assertIn("missing steps: 2-25 (GOLDEN records them, MINE does not)", out)
        self.assertIn("extra steps: 27 (GOLDEN has 25 steps)", out)

    MALFORMED = [
        ("mine.csv", "", "mine.csv: the file is empty"),
        ("mine.csv", "step,field,value\n", "mine.csv line 1: expected the CSV header 'step,field,index,value'"),
        ("mine.csv", "# only a comment\n", "mine.csv: no CSV header"),
        ("mine.csv", "step,field,index,value\n", "mine.csv: it records no values to compare"),
        ("mine.csv", "step,field,index,value\n1,theta,0\n", "mine.csv line 2: expected 4 comma-separated cells"),
        ("mine.csv", "step,field,index,value\n0,theta,0,1\n", "mine.csv line 2: step '0' is neither a positive integer nor 'end'"),
        ("mine.csv", "step,field,index,value\n1,thetta,0,1\n", "mine.csv line 2: field 'thetta' is not a field of GOLDEN's step lines"),
        ("mine.csv", "step,field,index,value\nend,theta,0,1\n", "mine.csv line 2: field 'theta' is not a field of GOLDEN's end line"),
        ("mine.csv", "step,field,index,value\n1,theta,,1\n", "mine.csv line 2: field theta is an array: the index must be a non-negative integer"),
        ("mine.csv", "step,field,index,value\n1,loss,0,1\n", "mine.csv line 2: field loss holds one value: the index must be empty"),
        ("mine.csv", "step,field,index,value\n1,theta,5,1\n", "mine.csv line 2: index 5 is out of range: GOLDEN's theta has 5 values"),
        ("mine.csv", "step,field,index,value\n1,theta,0,1,5\n", "mine.csv line 2: expected 4 comma-separated cells (step,field,index,value), found 5"),
        ("mine.csv", "step,field,index,value\n1,theta,0,abc\n", "mine.csv line 2: value 'abc' is not a decimal double"),
        ("mine.csv", "step,field,index,value\n1,theta,0,0x1.00000000000008p0\n", "value '0x1.00000000000008p0' is not a decimal double, inf, nan or an exact hex-float"),
        ("mine.csv", "step,field,index,value\n1,state.step,,x\n", "mine.csv line 2: value 'x' of state.step is not a non-negative integer"),
        ("mine.csv", "step,field,index,value\n1,theta,0,1\n1,theta,0,1\n", "mine.csv line 3: step 1, field theta, index 0 is recorded twice"),
        ("mine.jsonl", "{not json\n", "mine.jsonl line 1: not valid JSON"),
        ("mine.jsonl", "{\"step\":1}\n", "mine.jsonl line 1: neither a header, a step line with a positive integer 't' nor an end line"),
        ("mine.jsonl", "{\"t\":1,\"theta\":[1,2]}\n", "mine.jsonl line 1: field theta has 2 values, GOLDEN's has 5"),
        ("mine.jsonl", "{\"t\":1,\"loss\":\"x\"}\n", "mine.jsonl line 1: field loss: expected a double"),
        ("mine.jsonl", "{\"t\":1,\"loss\":{\"r\":\"1\",\"x\":\"3ff0000000000001\"}}\n", "mine.jsonl line 1: field loss: r and x disagree"),
        ("mine.jsonl", "{\"t\":1,\"loss\":1}\n{\"t\":1,\"loss\":1}\n", "mine.jsonl line 2: step 1 is recorded twice"),
        ("mine.jsonl", "{\"format\":\"verification-golden\",\"scenario\":\"quadratic-sgd\"}\n",
         "mine.jsonl line 1: the header names scenario \"quadratic-sgd\", GOLDEN is quadratic-adam"),
    ]

    def test_malformed_mine_is_exit_code_2_with_file_line_and_problem(self):
        for name, text, message in self.MALFORMED:
            with self.subTest(text=text):
                code, out, err = run(ADAM, self.write(name, text))
                self.assertEqual(2, code)
                self.assertEqual("", out)
                self.assertIn(message, err)
                self.assertTrue(err.startswith("error: "), err)
                self.assertNotIn("Traceback", err)

    def test_malformed_golden_and_missing_files_are_exit_code_2(self):
        with open(ADAM) as f:
            truncated = self.write("quadratic-adam.verified.jsonl", "\n".join(f.read().split("\n")[:10]) + "\n")
        code, _, err = run(truncated, ADAM)
        self.assertEqual(2, code)
        self.assertIn("quadratic-adam.verified.jsonl line 10: the header declares 25 steps and an end line, the file has 10 lines", err)
        code, _, err = run(ADAM, os.path.join(self.dir, "absent.csv"))
        self.assertEqual(2, code)
        self.assertIn("absent.csv", err)

    def test_hex_floats_must_name_a_double_exactly(self):
        self.assertEqual(0.1, parse_hex_float("0x1.999999999999ap-4"))
        self.assertEqual("-0x0.0p+0", parse_hex_float("-0x0p+0").hex())
        self.assertEqual(5e-324, parse_hex_float("0x1p-1074"))
        self.assertEqual(5e-324, parse_hex_float("0x0.0000000000001p-1022"))
        self.assertEqual(1.7976931348623157e308, parse_hex_float("0x1.fffffffffffffp+1023"))
        self.assertEqual(3.0, parse_hex_float("0X.Cp2"))
        for inexact in ("0x1p+1024", "0x1p-1075", "0x3p-1075", "0x1.00000000000008p0", "0xp0", "0x1p", "1p0"):
            self.assertIsNone(parse_hex_float(inexact), inexact)


class Fixtures(unittest.TestCase):
    """The committed MINE files and the summary both compare implementations must print for them."""

    CASES = [
        ("quadratic-adam", "quadratic-adam.torch-adam.csv", 1),
        ("least-squares-dasgrad", "least-squares-dasgrad.mine.csv", 1),
        ("quadratic-stochgradadam-masked_adam", "quadratic-stochgradadam-masked_adam.mine.jsonl", 1),
    ]

    def test_summaries_match_the_committed_text(self):
        for scenario, mine, expected_code in self.CASES:
            with self.subTest(mine=mine):
                code, out, err = run(os.path.join(VERIFIED, scenario + ".verified.jsonl"), os.path.join(FIXTURES, mine))
                with open(os.path.join(FIXTURES, mine.rsplit(".", 1)[0] + ".summary.txt")) as f:
                    self.assertEqual(f.read(), out)
                self.assertEqual((expected_code, ""), (code, err))

    def test_torch_adam_figures(self):
        # torch.optim.Adam (torch 1.13, float64) folds the bias corrections into the step size, takes beta^t with pow
        # and computes its moment updates with fused multiply-adds (docs/golden-format.md section 8.2), so it leaves
        # the file's trajectory from step 2 on and the 1-ULP differences compound over 25 steps on the quadratic:
        # theta ends up to 708 ULPs away, m 658, v 12 (v is fed g^2 and forgets slowly at beta2 = 0.999).
        code, out, _ = run(ADAM, os.path.join(FIXTURES, "quadratic-adam.torch-adam.csv"))
        self.assertEqual(1, code)
        self.assertRegex(out, r"\ntheta +125 +24 +708 +step 15 \[1\] +5\n")
        self.assertRegex(out, r"\nstate\.buffers\.m +125 +44 +658 +step 13 \[3\] +2\n")
        self.assertRegex(out, r"\nstate\.buffers\.v +125 +40 +12 +step 16 \[3\] +2\n")
        self.assertIn("first divergence: step 2, field state.buffers.m, index 0", out)
