"""The DASGrad / ap-SGD sampler (docs/golden-format.md section 6.3; docs/rng.md section 4): sum tree, refresh, draws."""

import philox


def probability(leaf, total):
    """p = leaf / Total, as the step line records it."""
    return leaf / total


def importance_weight(total, n, leaf):
    """w = Total / (n * leaf): one rounding fewer than 1 / (n * p), and exactly 1 for uniform leaves."""
    return total / (n * leaf)


class SumTree:
    """A view of the `tree` buffer: 2C nodes, node 1 the root, leaf i at C + i, node k = node 2k + node 2k+1."""

    def __init__(self, nodes, n):
        self.nodes, self.n = nodes, n
        self.capacity = len(nodes) // 2

    @staticmethod
    def capacity_for(n):
        c = 1
        while c < n:
            c *= 2
        return c

    def total(self):
        return self.nodes[1]

    def leaf(self, i):
        return self.nodes[self.capacity + i]

    def build(self, leaves):
        c = self.capacity
        for i in range(c):
            self.nodes[c + i] = leaves[i] if i < self.n else 0.0
        for k in range(c - 1, 0, -1):
            self.nodes[k] = self.nodes[2 * k] + self.nodes[2 * k + 1]

    def update(self, i, value):
        k = self.capacity + i
        self.nodes[k] = value
        k //= 2
        while k >= 1:
            self.nodes[k] = self.nodes[2 * k] + self.nodes[2 * k + 1]
            k //= 2

    def find(self, x):
        if not self.nodes[1] > 0.0:
            raise ValueError("cannot sample from a tree whose total is %r" % self.nodes[1])
        k = 1
        while k < self.capacity:
            left, right = self.nodes[2 * k], self.nodes[2 * k + 1]
            if (x < left and left > 0.0) or right == 0.0:
                k = 2 * k
            else:
                x = x - left
                k = 2 * k + 1
        return k - self.capacity


class Sampler:
    def __init__(self, f, n):
        self.n = n
        self.source = f.string("source", ["adaptive", "uniform", "fixed"])
        fixed = f.raw("fixed_probabilities")
        self.fixed = None if fixed is None else f.doubles("fixed_probabilities")
        if (self.source == "fixed") != (self.fixed is not None) or (self.fixed is not None and len(self.fixed) != n):
            f.fail(f.field + ".fixed_probabilities", "must be n probabilities exactly when source is 'fixed'")
        self.batch = f.int("batch_size")
        self.period = f.int("refresh_period")
        if self.batch < 1 or self.period < 1:
            f.fail(f.field + ".batch_size", "batch_size and refresh_period must be >= 1")
        self.floor = f.double("floor")
        self.floor_mode = f.string("floor_mode", ["add_to_score", "mix_with_uniform"])
        self.refresh_mode = f.string("refresh_mode", ["full_pass", "seen_only"])
        self.replacement = f.string("replacement", ["with_replacement", "without_replacement"])
        self.normalization = f.string("weight_normalization", ["none", "max_in_batch"])
        self.stream = philox.Stream(f.uint64("seed"), philox.EXAMPLE_SAMPLING)

    def init(self, state):
        b = state["buffers"]
        b["pending_scores"] = [-1.0] * self.n
        b["scores"] = [0.0] * self.n
        b["tree"] = [0.0] * (2 * SumTree.capacity_for(self.n))
        tree = SumTree(b["tree"], self.n)
        if self.source == "uniform":
            tree.build([1.0] * self.n)
        elif self.source == "fixed":
            tree.build(list(self.fixed))

    def refresh(self, state, t, theta, problem):
        b = state["buffers"]
        scores, pending, tree = b["scores"], b["pending_scores"], SumTree(b["tree"], self.n)
        full = t == 1 or self.refresh_mode == "full_pass"
        evaluations, changed = 0, []
        for i in range(self.n):
            if full:
                scores[i] = problem.example_gradient_norm(i, theta)
                evaluations += 1
                pending[i] = -1.0
            elif pending[i] >= 0.0:
                scores[i] = pending[i]
                pending[i] = -1.0
                changed.append(i)
        if self.floor_mode == "add_to_score" and not full:
            for i in changed:
                tree.update(i, scores[i] + self.floor)
        elif self.floor_mode == "add_to_score":
            tree.build([s + self.floor for s in scores])
        else:
            total = 0.0
            for s in scores:
                total += s
            share = self.floor / self.n
            leaves = []
            for i in range(self.n):
                optimal = scores[i] / total if total > 0.0 else 1.0 / self.n
                leaves.append((1.0 - self.floor) * optimal + share)
            tree.build(leaves)
        return evaluations

    def sample(self, state, t, theta, problem):
        refreshed = self.source == "adaptive" and (t - 1) % self.period == 0
        evaluations = self.refresh(state, t, theta, problem) if refreshed else 0
        tree = SumTree(state["buffers"]["tree"], self.n)
        n = float(self.n)
        total = tree.total()
        indices, weights, probabilities, removed = [], [], [], []
        for b in range(self.batch):
            i = tree.find(self.stream.uniform(t, b) * tree.total())
            leaf = tree.leaf(i)
            indices.append(i)
            probabilities.append(probability(leaf, total))
            weights.append(importance_weight(total, n, leaf))
            if self.replacement == "without_replacement":
                removed.append((i, leaf))
                tree.update(i, 0.0)
        for i, leaf in reversed(removed):
            tree.update(i, leaf)
        if self.normalization == "max_in_batch":
            top = max(weights)
            weights = [w / top for w in weights]
        fed = [0.0] * problem.dimension
        for b, i in enumerate(indices):
            g = problem.example_gradient(i, theta)
            for j in range(problem.dimension):
                fed[j] += weights[b] * g[j]
        fed = [value / self.batch for value in fed]
        if self.source == "adaptive" and self.refresh_mode == "seen_only":
            pending = state["buffers"]["pending_scores"]
            for i in indices:
                pending[i] = problem.example_gradient_norm(i, theta)
        return {"refreshed": refreshed, "norm_evaluations": evaluations, "indices": indices,
                "probabilities": probabilities, "weights": weights, "fed_gradient": fed}
