"""A temporary folder per test, for the tests that write damaged or hand-made trajectory files."""

import os
import shutil
import tempfile


class ScratchFolder:
    """unittest mixin: self.dir exists during each test; write(name, text) puts a file in it and returns its path."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", newline="") as f:
            f.write(text)
        return path
