"""Philox4x32-10 and the project's key/counter layout (docs/rng.md), on Python integers."""

MASK32 = 0xFFFFFFFF
MULTIPLIER0, MULTIPLIER1 = 0xD2511F53, 0xCD9E8D57
BUMP0, BUMP1 = 0x9E3779B9, 0xBB67AE85

GRADIENT_MASK = 1
EXAMPLE_SAMPLING = 2
PROBLEM_DATA = 3

# (counter, key, rounds) -> output, from docs/rng.md section 1.
KNOWN_ANSWERS = [
    ((0, 0, 0, 0), (0, 0), 10, (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((MASK32,) * 4, (MASK32, MASK32), 10, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0), 10,
     (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
    ((0, 0, 0, 0), (0, 0), 7, (0x5F6FB709, 0x0D893F64, 0x4F121F81, 0x4F730A48)),
]


def block(counter, key, rounds=10):
    """One Philox4x32 block: four 32-bit counter words and two key words to four output words."""
    c0, c1, c2, c3 = counter
    k0, k1 = key
    for r in range(rounds):
        if r > 0:
            k0 = (k0 + BUMP0) & MASK32
            k1 = (k1 + BUMP1) & MASK32
        p0 = MULTIPLIER0 * c0
        p1 = MULTIPLIER1 * c2
        hi0, lo0 = p0 >> 32, p0 & MASK32
        hi1, lo1 = p1 >> 32, p1 & MASK32
        c0, c1, c2, c3 = hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0
    return c0, c1, c2, c3


def self_test():
    for counter, key, rounds, expected in KNOWN_ANSWERS:
        got = block(counter, key, rounds)
        if got != expected:
            raise AssertionError("Philox known answer failed for counter %s: %s" % (counter, ["%08x" % w for w in got]))


class Stream:
    """Draws of one (seed, stream): key = (seed mod 2^32, (seed >> 32) XOR stream)."""

    def __init__(self, seed, stream):
        self.key = (seed & MASK32, ((seed >> 32) ^ stream) & MASK32)

    def block(self, step, b):
        return block((b & MASK32, (b >> 32) & MASK32, step & MASK32, (step >> 32) & MASK32), self.key)

    def word(self, step, index):
        """The 32-bit draw of element `index` at `step`: word index mod 4 of block index // 4."""
        return self.block(step, index >> 2)[index & 3]

    def uniform(self, step, index):
        """The uniform double in [0, 1) of slot `index` at `step` (53 bits of words 0 and 1 of block `index`)."""
        w = self.block(step, index)
        return ((w[0] >> 5) * 67108864.0 + (w[1] >> 6)) / 9007199254740992.0


def threshold(rate):
    """T = floor(s * 2^32), exact in binary64; a coordinate is kept when its word is < T."""
    import math
    return int(math.floor(rate * 4294967296.0))
