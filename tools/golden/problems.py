"""The golden problems with the arithmetic order of docs/golden-format.md section 3.1 (Python floats are binary64)."""

import math


class Quadratic:
    """f(theta) = 1/2 sum_j h_j (theta_j - c_j)^2."""

    def __init__(self, h, c):
        self.h, self.c = h, c
        self.dimension = len(h)

    def loss(self, theta):
        s = 0.0
        for j in range(self.dimension):
            delta = theta[j] - self.c[j]
            s += (self.h[j] * delta) * delta
        return 0.5 * s

    def gradient(self, theta):
        return [self.h[j] * (theta[j] - self.c[j]) for j in range(self.dimension)]


class LeastSquares:
    """f(theta) = (1/n) sum_i 1/2 (a_i . theta - b_i)^2, seen one example at a time by the samplers."""

    def __init__(self, a, b):
        self.a, self.b = a, b
        self.examples = len(a)
        self.dimension = len(a[0])

    def residual(self, i, theta):
        dot = 0.0
        for j in range(self.dimension):
            dot += self.a[i][j] * theta[j]
        return dot - self.b[i]

    def example_loss(self, i, theta):
        r = self.residual(i, theta)
        return (0.5 * r) * r

    def example_gradient(self, i, theta):
        r = self.residual(i, theta)
        return [r * self.a[i][j] for j in range(self.dimension)]

    def example_gradient_norm(self, i, theta):
        sq = 0.0
        for value in self.a[i]:
            sq += value * value
        return abs(self.residual(i, theta)) * math.sqrt(sq)

    def loss(self, theta):
        s = 0.0
        for i in range(self.examples):
            s += self.example_loss(i, theta)
        return s / self.examples

    def gradient(self, theta):
        total = [0.0] * self.dimension
        for i in range(self.examples):
            g = self.example_gradient(i, theta)
            for j in range(self.dimension):
                total[j] += g[j]
        return [value / self.examples for value in total]


def read(fields):
    """The problem of a header's `problem` object (a goldenfile.Fields)."""
    kind = fields.string("kind", ["quadratic", "least_squares"])
    dimension = fields.int("dimension")
    if kind == "quadratic":
        problem = Quadratic(fields.doubles("h"), fields.doubles("c"))
        if len(problem.c) != len(problem.h):
            fields.fail(fields.field + ".c", "length differs from h's")
    else:
        n = fields.int("examples")
        a, b = fields.matrix("a"), fields.doubles("b")
        if n == 0 or len(a) != n or len(b) != n or any(len(row) != len(a[0]) for row in a):
            fields.fail(fields.field + ".examples", "declares %d examples; a has %d rows and b %d entries" % (n, len(a), len(b)))
        problem = LeastSquares(a, b)
    if problem.dimension != dimension:
        fields.fail(fields.field + ".dimension", "declares %d but the data have dimension %d" % (dimension, problem.dimension))
    return problem
