"""A double with a bound on how far another faithful implementation of the same arithmetic can be from it.

Two implementations that follow docs/golden-format.md operation by operation get the same bits from every +, -, *, /
and sqrt (IEEE 754 rounds them correctly, so equal inputs give equal results), but not from exp and log, which a libm
rounds only faithfully: within 1 ULP of the exact value, so two libms may disagree in the last bit. A Bounded holds
this checker's value v and a bound d such that any implementation whose exp and log are faithful, and whose other
operations are the documented ones on the same inputs, gets a value v' with |v - v'| <= d to first order (a running
error analysis in Wilkinson's sense, propagated operation by operation beside the value itself). An operation whose
inputs are all exact is exact (d = 0), so d is non-zero only downstream of an exp or a log.

Rules, with u = 2^-53 (a correctly rounded result is within u|x| of its exact value x, or 2^-1075 when subnormal), for
c = fl(x) here and c' = fl(x') there with |x - x'| <= p:
    |c - c'| <= p + u(|x| + |x'|) + 2^-1074 <= p + u(2|c| + p) + 2^-1074   (to first order)
and twice u for exp and log (faithful: within 1 ULP <= 2u|x|). The propagated p of each operation:
    a + b, a - b: da + db         a * b: |b|da + |a|db + da*db         a / b: (|a|db + |b|da) / (|b|(|b| - db))
    sqrt(a): min(da / sqrt(a), sqrt(da))     exp(a): exp(a)(e^da - 1)     log(a): da / (a - da)
Comparing a Bounded (in a branch, a max or a min) raises: the documented arithmetic never branches on a value
computed with exp/log, and a bound could not follow a branch that went the other way elsewhere.
"""

import math

import libm

U = 2.0 ** -53
SUBNORMAL = 2.0 ** -1074

# Checks allow MARGIN times the first-order bound: the neglected second-order terms (products of two deviations, each
# below 2^-40 relative here) and the rounding of the bound's own arithmetic are far below this factor.
MARGIN = 2.0


def _spread(c, p, per_result):
    """The bound for c = fl(x), c' = fl(x') when |x - x'| <= p and each result is within per_result*|x| of x."""
    return p + per_result * (2.0 * abs(c) + p) + SUBNORMAL


def parts(x):
    """(value, bound) of a float or a Bounded."""
    return (x.v, x.d) if isinstance(x, Bounded) else (x, 0.0)


class Bounded:
    __slots__ = ("v", "d")

    def __init__(self, v, d):
        self.v, self.d = v, d

    def _exact_or(self, c, p):
        return Bounded(c, 0.0 if p == 0.0 else _spread(c, p, U))

    def __add__(self, other):
        b, db = parts(other)
        return self._exact_or(self.v + b, self.d + db)

    __radd__ = __add__   # IEEE addition is commutative: a + b and b + a are the same bits

    def __sub__(self, other):
        b, db = parts(other)
        return self._exact_or(self.v - b, self.d + db)

    def __rsub__(self, other):
        return self._exact_or(other - self.v, self.d)

    def __mul__(self, other):
        b, db = parts(other)
        return self._exact_or(self.v * b, abs(b) * self.d + abs(self.v) * db + self.d * db)

    __rmul__ = __mul__

    def __truediv__(self, other):
        b, db = parts(other)
        return self._exact_or(self.v / b, _quotient(self.v, self.d, b, db))

    def __rtruediv__(self, other):
        return self._exact_or(other / self.v, _quotient(other, 0.0, self.v, self.d))

    def __neg__(self):
        return Bounded(-self.v, self.d)

    def __abs__(self):
        return Bounded(abs(self.v), self.d)

    def _branch(self, other):
        raise TypeError("a comparison of %r, which depends on exp/log: the bound cannot follow a branch" % self.v)

    __lt__ = __le__ = __gt__ = __ge__ = _branch

    def __repr__(self):
        return "Bounded(%r, %r)" % (self.v, self.d)


def _quotient(a, da, b, db):
    if da == 0.0 and db == 0.0:
        return 0.0
    if not db < abs(b):
        return math.inf
    return (abs(a) * db + abs(b) * da) / (abs(b) * (abs(b) - db))


def exp(x):
    a, da = parts(x)
    c = libm.exp(a)
    p = abs(c) * (1.0 + 4.0 * U) * math.expm1(da) if da > 0.0 else 0.0
    return Bounded(c, _spread(c, p, 2.0 * U))


def log(x):
    a, da = parts(x)
    c = libm.log(a)
    p = 0.0 if da == 0.0 else (da / (a - da) if da < a else math.inf)
    return Bounded(c, _spread(c, p, 2.0 * U))


def sqrt(x):
    if not isinstance(x, Bounded):
        return math.sqrt(x)
    c = math.sqrt(x.v)
    if x.d == 0.0:
        return Bounded(c, 0.0)
    p = math.sqrt(x.d) if c == 0.0 else min(x.d / c, math.sqrt(x.d))
    return Bounded(c, _spread(c, p, U))


class Floats:
    """Plain binary64: what the free computation uses (exp and log from libm.py)."""

    @staticmethod
    def exp(x):
        return libm.exp(x)

    @staticmethod
    def log(x):
        return libm.log(x)

    sqrt = staticmethod(math.sqrt)


class Tracked:
    """The same operations returning Bounded values: every exp and log result carries its libm bound."""

    exp = staticmethod(exp)
    log = staticmethod(log)
    sqrt = staticmethod(sqrt)
