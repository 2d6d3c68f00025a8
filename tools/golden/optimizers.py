"""Every optimizer of docs/golden-format.md section 6.2, one step at a time, in the documented arithmetic order.

A state is {"step": int, "scalars": {name: float}, "buffers": {name: [float]}}; parameters are a list of floats
updated in place. Only + - * / sqrt max min and selects appear, each a single correctly rounded binary64 operation.
"""

import math

import philox
import sampler as sampling

DECAYS = ["constant", "inverse_sqrt"]
PLACEMENTS = ["outside", "inside"]
VARIANTS = ["masked_adam", "paper_alg1", "paper_alg1_tf", "paper_eqs", "code_port", "theorem", "masked_update"]


def net_max(a, b):
    """.NET Math.Max: NaN wins; max(-0, +0) = +0."""
    if a != a or b != b:
        return math.nan
    if a > b:
        return a
    if b > a:
        return b
    return b if math.copysign(1.0, a) < 0 else a


def net_min(a, b):
    """.NET Math.Min: NaN wins; min(-0, +0) = -0."""
    if a != a or b != b:
        return math.nan
    if a < b:
        return a
    if b < a:
        return b
    return a if math.copysign(1.0, a) < 0 else b


def project(x, box):
    return x if box is None else net_min(net_max(x, box[0]), box[1])


def step_size(rate, decay, t):
    return rate if decay == "constant" else rate / math.sqrt(t)


class Scalars:
    """The per-step scalars of the Adam-family element update (section 6.1)."""

    def __init__(self, b1t, omb1t, b2t, omb2t, bc1, bc2, alpha, eps, placement, amsgrad):
        self.b1t, self.omb1t, self.b2t, self.omb2t = b1t, omb1t, b2t, omb2t
        self.bc1, self.bc2, self.alpha, self.eps = bc1, bc2, alpha, eps
        self.inside, self.amsgrad = placement == "inside", amsgrad


def adam_coordinate(s, theta, m, v, vhat, phi, box):
    """Section 6.1 for one coordinate; returns (theta, m, v, vhat)."""
    m = s.b1t * m + s.omb1t * phi
    v = s.b2t * v + s.omb2t * (phi * phi)
    r = v
    if s.amsgrad:
        vhat = net_max(vhat, v)
        r = vhat
    mh = m / s.bc1
    vh = r / s.bc2
    den = math.sqrt(vh + s.eps) if s.inside else math.sqrt(vh) + s.eps
    u = 0.0 if (den == 0.0 and mh == 0.0) else mh / den
    return project(theta - s.alpha * u, box), m, v, vhat


def adam_apply(s, theta, state, gradient, keep, box):
    m, v = state["buffers"]["m"], state["buffers"]["v"]
    vhat = state["buffers"].get("vhat")
    for j in range(len(theta)):
        phi = gradient[j] if keep is None or keep[j] else 0.0
        theta[j], m[j], v[j], vmax = adam_coordinate(s, theta[j], m[j], v[j], vhat[j] if s.amsgrad else 0.0, phi, box)
        if s.amsgrad:
            vhat[j] = vmax


def powers_state(d, buffers, extra=None):
    state = {"step": 0, "scalars": {"beta1_pow": 1.0, "beta2_pow": 1.0, "lambda_pow": 1.0}, "buffers": {}}
    for name in buffers:
        state["buffers"][name] = [0.0] * d
    for name, value in (extra or {}).items():
        state["buffers"][name] = value
    return state


def end_step(state, p1, p2, decay, t):
    sc = state["scalars"]
    sc["beta1_pow"], sc["beta2_pow"] = p1, p2
    sc["lambda_pow"] = sc["lambda_pow"] * decay
    state["step"] = t


class Sgd:
    def __init__(self, f):
        self.rate, self.decay, self.box = f.double("learning_rate"), f.string("learning_rate_decay", DECAYS), f.box()
        self.name = "sgd"

    def init(self, d):
        return {"step": 0, "scalars": {}, "buffers": {}}

    def step(self, state, theta, g, t):
        alpha = step_size(self.rate, self.decay, t)
        for j in range(len(theta)):
            theta[j] = project(theta[j] - alpha * g[j], self.box)
        state["step"] = t


class AdaGrad:
    def __init__(self, f):
        self.rate, self.eps, self.box = f.double("learning_rate"), f.double("epsilon"), f.box()
        self.name = "adagrad"

    def init(self, d):
        return {"step": 0, "scalars": {}, "buffers": {"sum_sq": [0.0] * d}}

    def step(self, state, theta, g, t):
        s = state["buffers"]["sum_sq"]
        for j in range(len(theta)):
            s[j] = s[j] + g[j] * g[j]
            den = math.sqrt(s[j]) + self.eps
            u = 0.0 if den == 0.0 else g[j] / den
            theta[j] = project(theta[j] - self.rate * u, self.box)
        state["step"] = t


class RmsProp:
    def __init__(self, f):
        self.rate, self.rho, self.eps, self.box = f.double("learning_rate"), f.double("rho"), f.double("epsilon"), f.box()
        self.name = "rmsprop"

    def init(self, d):
        return {"step": 0, "scalars": {}, "buffers": {"v": [0.0] * d}}

    def step(self, state, theta, g, t):
        v = state["buffers"]["v"]
        omr = 1.0 - self.rho
        for j in range(len(theta)):
            v[j] = self.rho * v[j] + omr * (g[j] * g[j])
            den = math.sqrt(v[j]) + self.eps
            u = 0.0 if den == 0.0 else g[j] / den
            theta[j] = project(theta[j] - self.rate * u, self.box)
        state["step"] = t


class Adam:
    def __init__(self, f):
        self.rate, self.decay = f.double("learning_rate"), f.string("learning_rate_decay", DECAYS)
        self.beta1, self.beta2, self.eps = f.double("beta1"), f.double("beta2"), f.double("epsilon")
        self.placement, self.bias = f.string("epsilon_placement", PLACEMENTS), f.bool("bias_correction")
        self.lam, self.box = f.double("beta1_decay"), f.box()
        self.name = "adam"

    def init(self, d):
        return powers_state(d, ["m", "v"])

    def step(self, state, theta, g, t):
        sc = state["scalars"]
        p1, p2 = sc["beta1_pow"] * self.beta1, sc["beta2_pow"] * self.beta2
        b1t = self.beta1 * sc["lambda_pow"]
        s = Scalars(b1t, 1.0 - b1t, self.beta2, 1.0 - self.beta2, 1.0 - p1 if self.bias else 1.0, 1.0 - p2 if self.bias else 1.0,
                    step_size(self.rate, self.decay, t), self.eps, self.placement, False)
        adam_apply(s, theta, state, g, None, self.box)
        end_step(state, p1, p2, self.lam, t)


class AmsGrad:
    def __init__(self, f):
        self.convention = f.string("convention", ["reddi", "pytorch"])
        self.rate, self.decay = f.double("learning_rate"), f.string("learning_rate_decay", DECAYS)
        self.beta1, self.beta2, self.eps = f.double("beta1"), f.double("beta2"), f.double("epsilon")
        self.lam, self.box = f.double("beta1_decay"), f.box()
        self.name = "amsgrad/" + self.convention

    def init(self, d):
        return powers_state(d, ["m", "v", "vhat"])

    def step(self, state, theta, g, t):
        sc = state["scalars"]
        p1, p2 = sc["beta1_pow"] * self.beta1, sc["beta2_pow"] * self.beta2
        b1t = self.beta1 * sc["lambda_pow"]
        corrected = self.convention == "pytorch"
        s = Scalars(b1t, 1.0 - b1t, self.beta2, 1.0 - self.beta2, 1.0 - p1 if corrected else 1.0, 1.0 - p2 if corrected else 1.0,
                    step_size(self.rate, self.decay, t), self.eps, "outside", True)
        adam_apply(s, theta, state, g, None, self.box)
        end_step(state, p1, p2, self.lam, t)


class StochGradAdam:
    def __init__(self, f):
        self.variant = f.string("variant", VARIANTS)
        self.rate_s = f.double("sampling_rate")
        if not (0.0 < self.rate_s <= 1.0):
            f.fail(f.field + ".sampling_rate", "must be in (0, 1]")
        self.threshold = philox.threshold(self.rate_s)
        if f.uint64("threshold") != self.threshold:
            f.fail(f.field + ".threshold", "is not floor(sampling_rate * 2^32) = %d" % self.threshold)
        self.stream = philox.Stream(f.uint64("seed"), philox.GRADIENT_MASK)
        self.rate, self.decay = f.double("learning_rate"), f.string("learning_rate_decay", DECAYS)
        self.beta1, self.beta2, self.eps = f.double("beta1"), f.double("beta2"), f.double("epsilon")
        self.placement, self.lam = f.string("epsilon_placement", PLACEMENTS), f.double("beta1_decay")
        self.wd, self.wd_mode = f.double("weight_decay"), f.string("weight_decay_mode", ["coupled", "decoupled"])
        self.box = f.box()
        self.name = "stochgradadam/" + self.variant

    def init(self, d):
        if self.variant != "masked_update":
            return powers_state(d, ["m", "v"])
        return powers_state(d, ["count", "m", "v"], {"beta1_pow_j": [1.0] * d, "beta2_pow_j": [1.0] * d})

    def mask(self, t, d):
        return [self.stream.word(t, j) < self.threshold for j in range(d)]

    def scalars(self, state, alpha, p1, p2):
        sc = state["scalars"]
        b1, b2 = self.beta1, self.beta2
        before1, before2, scheduled = sc["beta1_pow"], sc["beta2_pow"], b1 * sc["lambda_pow"]
        table = {
            "paper_alg1": (p1, p2, 1.0 - p1 * b1, 1.0 - p2 * b2),
            "paper_alg1_tf": (before1, before2, 1.0 - p1, 1.0 - p2),
            "paper_eqs": (p1, p2, 1.0 - p1, 1.0 - p2),
            "code_port": (scheduled, b2, 1.0 - p1 * b1, 1.0 - p2 * b2),
            "theorem": (scheduled, b2, 1.0 - p1, 1.0 - p2),
            "masked_adam": (scheduled, b2, 1.0 - p1, 1.0 - p2),
        }
        b1t, b2t, bc1, bc2 = table[self.variant]
        return Scalars(b1t, 1.0 - b1t, b2t, 1.0 - b2t, bc1, bc2, alpha, self.eps, self.placement, False)

    def step(self, state, theta, g, t):
        d = len(theta)
        alpha = step_size(self.rate, self.decay, t)
        keep = self.mask(t, d)
        if self.wd != 0.0 and self.wd_mode == "coupled":
            g = [g[j] + self.wd * theta[j] for j in range(d)]
        factor = 1.0 - alpha * self.wd if self.wd != 0.0 and self.wd_mode == "decoupled" else 1.0
        sc = state["scalars"]
        p1, p2 = sc["beta1_pow"] * self.beta1, sc["beta2_pow"] * self.beta2
        if self.variant == "masked_update":
            buf = state["buffers"]
            m, v, count, q1, q2 = buf["m"], buf["v"], buf["count"], buf["beta1_pow_j"], buf["beta2_pow_j"]
            for j in range(d):
                if not keep[j]:
                    continue
                count[j] = count[j] + 1.0
                q1[j] = q1[j] * self.beta1
                q2[j] = q2[j] * self.beta2
                s = Scalars(self.beta1, 1.0 - self.beta1, self.beta2, 1.0 - self.beta2, 1.0 - q1[j], 1.0 - q2[j],
                            alpha, self.eps, self.placement, False)
                theta[j], m[j], v[j], _ = adam_coordinate(s, theta[j] * factor, m[j], v[j], 0.0, g[j], self.box)
        else:
            if factor != 1.0:
                for j in range(d):
                    theta[j] = theta[j] * factor
            adam_apply(self.scalars(state, alpha, p1, p2), theta, state, g, keep, self.box)
        end_step(state, p1, p2, self.lam, t)
        return "".join("1" if k else "0" for k in keep)


class DasGrad:
    def __init__(self, f, examples):
        self.rule = AmsGrad(f.sub("rule"))
        self.sampler = sampling.Sampler(f.sub("sampler"), examples)
        self.name = "dasgrad"

    def init(self, problem):
        state = powers_state(problem.dimension, ["m", "v", "vhat"])
        self.sampler.init(state)
        return state

    def step(self, state, theta, problem, t):
        batch = self.sampler.sample(state, t, theta, problem)
        self.rule.step(state, theta, batch["fed_gradient"], t)
        return batch


class ApSgd:
    def __init__(self, f, examples):
        self.rule = Sgd(f.sub("rule"))
        self.sampler = sampling.Sampler(f.sub("sampler"), examples)
        self.name = "ap-sgd"

    def init(self, problem):
        state = {"step": 0, "scalars": {}, "buffers": {}}
        self.sampler.init(state)
        return state

    def step(self, state, theta, problem, t):
        batch = self.sampler.sample(state, t, theta, problem)
        self.rule.step(state, theta, batch["fed_gradient"], t)
        return batch


GRADIENT = {"sgd": Sgd, "adagrad": AdaGrad, "rmsprop": RmsProp, "adam": Adam, "amsgrad": AmsGrad, "stochgradadam": StochGradAdam}
SAMPLED = {"dasgrad": DasGrad, "ap-sgd": ApSgd}


def read(fields, problem):
    """The optimizer of a header's `optimizer` object; checks `name`."""
    algorithm = fields.string("algorithm", sorted(GRADIENT) + sorted(SAMPLED))
    if algorithm in SAMPLED:
        if not hasattr(problem, "examples"):
            fields.fail(fields.field + ".algorithm", "%s samples examples but the problem has none" % algorithm)
        optimizer = SAMPLED[algorithm](fields, problem.examples)
    else:
        optimizer = GRADIENT[algorithm](fields)
    name = fields.string("name")
    if name != optimizer.name:
        fields.fail(fields.field + ".name", "'%s' does not match the configuration, whose name is '%s'" % (name, optimizer.name))
    return optimizer
