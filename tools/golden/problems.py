"""The golden problems with the arithmetic order of docs/golden-format.md section 3.1 (Python floats are binary64).

The quadratic, least-squares and Reddi problems use only + - * / sqrt and are exact. The two data problems also call
exp and log; their `tracked()` view computes the same values as Bounded numbers (bounded.py), each carrying how far
another implementation with a faithful libm can be from it, which is what the checker's tolerance for those fields is.
"""

import copy
import hashlib
import math
import struct

import bounded
import philox
from optimizers import net_max


class Fixed:
    """A problem whose objective does not depend on the step: f_t = f for every t."""

    def tracked(self):
        """The problem computing Bounded values where exp/log enter; an exact problem is its own view."""
        return self

    def loss_at(self, t, theta):
        return self.loss(theta)

    def gradient_at(self, t, theta):
        return self.gradient(theta)


class Quadratic(Fixed):
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


class LeastSquares(Fixed):
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


class Reddi:
    """Reddi et al.'s online problem on [-1, 1]: f_t(x) = C x when step t is large, else -x (no exp, no log: exact)."""

    dimension = 1

    def __init__(self, c, probability=None, seed=None):
        self.c, self.probability = c, probability
        self.stream = None if seed is None else philox.Stream(seed, philox.PROBLEM_DATA)

    def slope(self, t):
        if self.stream is None:
            large = t % 3 == 1
        else:
            large = self.stream.uniform(t, 0) < self.probability
        return self.c if large else -1.0

    def loss_at(self, t, theta):
        return self.slope(t) * theta[0]

    def gradient_at(self, t, theta):
        return [self.slope(t)]

    def tracked(self):
        return self


class Logistic(Fixed):
    """Shared by the two data problems: L2 term, per-example norm, the plain and the tracked arithmetic."""

    ops = bounded.Floats

    def __init__(self, lam):
        self.lam = lam

    def tracked(self):
        view = copy.copy(self)
        view.ops = bounded.Tracked
        return view

    def regularisation(self, theta):
        sq = 0.0
        for value in theta:
            sq += value * value
        return 0.5 * self.lam * sq

    def example_loss(self, i, theta):
        return self.data_loss(i, theta) + self.regularisation(theta)

    def example_gradient_norm(self, i, theta):
        sq = 0.0
        for value in self.example_gradient(i, theta):
            sq += value * value
        return self.ops.sqrt(sq)

    def loss(self, theta):
        s = 0.0
        for i in range(self.examples):
            s += self.data_loss(i, theta)
        return s / self.examples + self.regularisation(theta)


def scale_pixel(byte):
    """A pixel byte as a feature: one correctly rounded division (not byte * (1/255), which rounds twice)."""
    return byte / 255.0


class MnistLogistic(Logistic):
    """Multinomial logistic regression, 10 classes, theta[k*D + j], x = (pixels / 255, 1)."""

    def __init__(self, xs, ys, pixels, lam):
        super().__init__(lam)
        self.features = len(pixels) + 1
        self.x = [[scale_pixel(image[p]) for p in pixels] + [1.0] for image in xs]
        self.y = ys
        self.examples = len(ys)
        self.dimension = 10 * self.features

    def features_sha256(self):
        """SHA-256 of the scaled pixels: per example, per pixel, the value's bits as a little-endian uint64 (no bias)."""
        digest = hashlib.sha256()
        for row in self.x:
            digest.update(struct.pack("<%dd" % (self.features - 1), *row[:-1]))
        return digest.hexdigest()

    def softmax(self, i, theta):
        """(cross-entropy, r = softmax(z) - e_y) of example i."""
        x, d = self.x[i], self.features
        z = []
        mx = -math.inf
        for k in range(10):
            dot = 0.0
            for j in range(d):
                dot += theta[k * d + j] * x[j]
            z.append(dot)
            mx = net_max(mx, dot)
        r = []
        s = 0.0
        for k in range(10):
            e = self.ops.exp(z[k] - mx)
            r.append(e)
            s += e
        r = [e / s for e in r]
        y = self.y[i]
        ce = (mx + self.ops.log(s)) - z[y]
        r[y] -= 1.0
        return ce, r

    def data_loss(self, i, theta):
        return self.softmax(i, theta)[0]

    def example_gradient(self, i, theta):
        _, r = self.softmax(i, theta)
        x, d = self.x[i], self.features
        return [r[k] * x[j] + self.lam * theta[k * d + j] for k in range(10) for j in range(d)]

    def gradient(self, theta):
        d = self.features
        total = [0.0] * self.dimension
        for i in range(self.examples):
            _, r = self.softmax(i, theta)
            x = self.x[i]
            for k in range(10):
                for j in range(d):
                    total[k * d + j] += r[k] * x[j]
        return [total[q] / self.examples + self.lam * theta[q] for q in range(self.dimension)]


def softplus(u, ops):
    return net_max(u, 0.0) + ops.log(1.0 + ops.exp(-abs(u)))


class ImdbLogistic(Logistic):
    """Binary logistic regression on sparse rows (columns ascending) plus a bias theta[K]."""

    def __init__(self, rows, labels, top_k, lam):
        super().__init__(lam)
        self.rows, self.y, self.k = rows, labels, top_k
        self.examples = len(labels)
        self.dimension = top_k + 1

    def logistic(self, i, theta):
        columns, values = self.rows[i]
        z = 0.0
        for c, v in zip(columns, values):
            z += theta[c] * v
        z += theta[self.k]
        a = self.ops.exp(-abs(z))
        sigma = 1.0 / (1.0 + a) if z >= 0 else a / (1.0 + a)
        y = self.y[i]
        loss = softplus(-z, self.ops) if y == 1.0 else softplus(z, self.ops)
        return loss, sigma - y

    def data_loss(self, i, theta):
        return self.logistic(i, theta)[0]

    def example_gradient(self, i, theta):
        _, r = self.logistic(i, theta)
        dense = [0.0] * self.dimension
        columns, values = self.rows[i]
        for c, v in zip(columns, values):
            dense[c] = v
        dense[self.k] = 1.0
        return [r * dense[q] + self.lam * theta[q] for q in range(self.dimension)]

    def gradient(self, theta):
        total = [0.0] * self.dimension
        for i in range(self.examples):
            _, r = self.logistic(i, theta)
            columns, values = self.rows[i]
            for c, v in zip(columns, values):
                total[c] += r * v
            total[self.k] += r
        return [total[q] / self.examples + self.lam * theta[q] for q in range(self.dimension)]


MNIST_IMAGES = ("mnist/train-images-idx3-ubyte.gz", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db")
MNIST_LABELS = ("mnist/train-labels-idx1-ubyte.gz", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")
IMDB_REVIEWS = ("imdb/aclImdb_train.tsv.gz", "bb4135515b428ad2e76645c05d0d99ed15b51a9132671ddaaeadd7f49869b0d7")
IMDB_VOCABULARY = ("imdb/imdb.vocab.gz", "01a13a306bd9e5a7826b8a0fc25a7a6017f143d86c1582f17857bb731fd252dc")


def _data_file(fields, name, known):
    path, sha = fields.string(name), fields.string(name + "_sha256")
    if (path, sha) != known:
        fields.fail(fields.field + "." + name, "this checker knows only %s with decompressed SHA-256 %s" % known)
    return path, sha


def _indices(fields, name, limit):
    values = fields.raw(name)
    if not isinstance(values, list) or any(type(v) is not int or v < 0 or v >= limit for v in values):
        fields.fail(fields.field + "." + name, "expected an array of integers in [0, %d)" % limit)
    return values


def _digest(fields, name, actual):
    declared = fields.string(name)
    if declared != actual:
        fields.fail(fields.field + "." + name, "the data in shared/data give %s, the file declares %s: different data (or features)" % (actual, declared))


def _read_data_problem(kind, fields):
    import datasets
    n = fields.int("examples")
    lam = fields.double("l2")
    data = fields.sub("data")
    features = fields.sub("features")
    try:
        if kind == "mnist_logistic":
            if fields.int("classes") != 10:
                fields.fail(fields.field + ".classes", "must be 10")
            images, labels = _data_file(data, "images", MNIST_IMAGES), _data_file(data, "labels", MNIST_LABELS)
            indices = _indices(fields, "indices", 60000)
            pixels = _indices(features, "pixels", 784)
            if features.double("pixel_scale") != 255.0 or features.string("bias") != "last" or not pixels:
                fields.fail(fields.field + ".features", "this checker knows pixel_scale 255, bias 'last' and a non-empty pixel list only")
            xs, ys, digest = datasets.mnist_subset(images[0], images[1], labels[0], labels[1], indices)
            _digest(fields, "subset_sha256", digest)
            problem = MnistLogistic(xs, ys, pixels, lam)
            _digest(fields, "features_sha256", problem.features_sha256())
        else:
            reviews, vocabulary = _data_file(data, "reviews", IMDB_REVIEWS), _data_file(data, "vocabulary", IMDB_VOCABULARY)
            indices = _indices(fields, "indices", 25000)
            top_k = features.int("top_k")
            if (features.string("tokenizer"), features.string("values"), features.string("normalization"), features.string("bias")) != \
                    ("imdb", "term_frequency", "l2", "last") or top_k < 1:
                fields.fail(fields.field + ".features", "this checker knows tokenizer 'imdb', values 'term_frequency', normalization 'l2', bias 'last' only")
            rows, labels, subset, feature_digest = datasets.imdb_subset(reviews[0], reviews[1], vocabulary[0], vocabulary[1], indices, top_k)
            _digest(fields, "subset_sha256", subset)
            _digest(fields, "features_sha256", feature_digest)
            problem = ImdbLogistic(rows, labels, top_k, lam)
    except datasets.DataError as e:
        fields.fail(fields.field + ".data", str(e))
    if len(indices) != n or n == 0:
        fields.fail(fields.field + ".examples", "declares %d examples but indices has %d" % (n, len(indices)))
    return problem


def read(fields):
    """The problem of a header's `problem` object (a goldenfile.Fields)."""
    kind = fields.string("kind", ["quadratic", "least_squares", "reddi_online", "mnist_logistic", "imdb_logistic"])
    dimension = fields.int("dimension")
    if kind in ("mnist_logistic", "imdb_logistic"):
        problem = _read_data_problem(kind, fields)
    elif kind == "reddi_online":
        if fields.int("period") != 3:
            fields.fail(fields.field + ".period", "must be 3")
        if fields.double("lower") != -1.0 or fields.double("upper") != 1.0:
            fields.fail(fields.field + ".lower", "the feasible interval must be [-1, 1]")
        c = fields.double("c")
        variant = fields.string("variant", ["deterministic", "stochastic"])
        if variant == "deterministic":
            if not c > 2.0 or math.isinf(c):
                fields.fail(fields.field + ".c", "must be finite and > 2")
            problem = Reddi(c)
        else:
            delta, p = fields.double("delta"), fields.double("probability")
            if fields.int("stream") != philox.PROBLEM_DATA:
                fields.fail(fields.field + ".stream", "must be 3 (ProblemData)")
            if not (c > 0 and 0 < delta < c):
                fields.fail(fields.field + ".delta", "need C > 0 and 0 < delta < C")
            expected = (1.0 + delta) / (c + 1.0)
            if p != expected:
                fields.fail(fields.field + ".probability", "%r is not (1 + delta)/(C + 1) = %r" % (p, expected))
            problem = Reddi(c, p, fields.uint64("seed"))
    elif kind == "quadratic":
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
