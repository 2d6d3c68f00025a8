"""Runs the golden scenarios that optax can express through JAX (float64, jax_enable_x64) and measures the ULP drift.

The counterpart of torch_compare.py for optax: adam (also on the file's masked gradient for masked_adam), amsgrad,
sgd, adagrad and rmsprop, on the same quadratic scenarios, fed the problem's gradient at optax's own parameters. The
update functions run eagerly, one JAX operation at a time (no jit), so XLA does not fuse across operations. Where
optax's algorithm is not the golden file's, the result carries a note saying how it differs, and its drift is
reported, not judged. Importing this module needs nothing; `load` imports jax and optax and says why when it cannot.
"""

import inspect

import optimizers
from drift import Result, doubles

# Where optax's update differs from the golden file's section 6.2 by more than rounding.
AMSGRAD_NOTE = "optax takes the maximum of the bias-corrected v (the golden file and PyTorch: of the raw v, corrected after)"
ADAGRAD_NOTE = "optax adds eps inside the square root and multiplies by rsqrt (the golden file: g / (sqrt(s) + eps))"
RMSPROP_NOTE = "this optax has no eps_in_sqrt and adds eps inside the square root (the golden file: g / (sqrt(v) + eps))"


class Unavailable(Exception):
    """jax or optax cannot be used here; the message says why, in one line."""


def load(device):
    """(jax, jax.numpy, optax, the JAX device) for `device` ('cpu' or 'cuda'), with 64-bit floats enabled."""
    try:
        import jax
        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
        import optax
    except ImportError as e:
        raise Unavailable("jax/optax cannot be imported (%s)" % e)
    platform = "gpu" if device == "cuda" else "cpu"
    try:
        target = jax.devices(platform)[0]
    except RuntimeError as e:
        raise Unavailable("JAX %s has no %s backend (%s)" % (jax.__version__, platform, str(e).splitlines()[0]))
    return jax, jnp, optax, target


def build(scenario, optax):
    """(optax transformation, {state field: golden buffer}, label, note) for a scenario optax can run, else None."""
    o = scenario.optimizer
    if isinstance(o, optimizers.Adam):
        if not o.bias or o.placement != "outside" or o.decay != "constant" or o.lam != 1.0 or o.box is not None:
            return None
        return optax.adam(o.rate, b1=o.beta1, b2=o.beta2, eps=o.eps, eps_root=0.0), {"mu": "m", "nu": "v"}, "optax.adam", None
    if isinstance(o, optimizers.AmsGrad):
        if o.convention != "pytorch" or o.decay != "constant" or o.lam != 1.0 or o.box is not None:
            return None
        return (optax.amsgrad(o.rate, b1=o.beta1, b2=o.beta2, eps=o.eps, eps_root=0.0), {"mu": "m", "nu": "v"},
                "optax.amsgrad", AMSGRAD_NOTE)
    if isinstance(o, optimizers.StochGradAdam):
        if (o.variant != "masked_adam" or o.wd != 0.0 or o.decay != "constant" or o.lam != 1.0 or o.box is not None
                or o.placement != "outside"):
            return None
        return (optax.adam(o.rate, b1=o.beta1, b2=o.beta2, eps=o.eps, eps_root=0.0), {"mu": "m", "nu": "v"},
                "optax.adam on the file's masked gradient", None)
    if isinstance(o, optimizers.RmsProp) and o.box is None:
        if "eps_in_sqrt" in inspect.signature(optax.rmsprop).parameters:
            return optax.rmsprop(o.rate, decay=o.rho, eps=o.eps, eps_in_sqrt=False), {"nu": "v"}, "optax.rmsprop(eps_in_sqrt=False)", None
        return optax.rmsprop(o.rate, decay=o.rho, eps=o.eps), {"nu": "v"}, "optax.rmsprop", RMSPROP_NOTE
    if isinstance(o, optimizers.AdaGrad) and o.box is None:
        return (optax.adagrad(o.rate, initial_accumulator_value=0.0, eps=o.eps), {"sum_of_squares": "sum_sq"},
                "optax.adagrad", ADAGRAD_NOTE)
    if isinstance(o, optimizers.Sgd) and o.box is None and o.decay == "constant":
        return optax.sgd(o.rate), {}, "optax.sgd", None
    return None


def field(state, name):
    """The array called `name` anywhere in an optax state (named tuples nested in the tuples of optax.chain), or None."""
    if name in getattr(state, "_fields", ()):
        return getattr(state, name)
    if isinstance(state, (tuple, list)):
        for part in state:
            found = field(part, name)
            if found is not None:
                return found
    return None


def compare(scenario, loaded):
    """(Result, note) for a scenario optax can run, else None; `loaded` is what `load` returned."""
    jax, jnp, optax, target = loaded
    if not hasattr(scenario.problem, "h"):
        return None
    built = build(scenario, optax)
    if built is None:
        return None
    transformation, buffers, label, note = built
    result = Result(label)
    with jax.default_device(target):
        params = jax.device_put(jnp.asarray(scenario.initial, dtype=jnp.float64), target)
        state = transformation.init(params)
        for t in range(1, scenario.steps + 1):
            line = scenario.lines[t]
            gradient = scenario.problem.gradient([float(x) for x in jax.device_get(params)])
            if "mask" in line:
                gradient = [g if bit == "1" else 0.0 for g, bit in zip(gradient, line["mask"])]
            grads = jax.device_put(jnp.asarray(gradient, dtype=jnp.float64), target)
            updates, state = transformation.update(grads, state, params)
            params = optax.apply_updates(params, updates)
            result.add("theta", doubles(line["theta"]), [float(x) for x in jax.device_get(params)], t)
            for key, name in buffers.items():
                values = field(state, key)
                result.add("state", doubles(line["state"]["buffers"][name]), [float(x) for x in jax.device_get(values)], t)
    return result, note
