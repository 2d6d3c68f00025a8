using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>Which method runs: plain steps (SGD, ap-SGD) or AMSGrad moments (AMSGrad, DASGrad), and which sampling rule.</summary>
/// <param name="Moments">AMSGrad/DASGrad when true; SGD/ap-SGD when false.</param>
/// <param name="Rule">The sampling rule; null takes the instance's.</param>
/// <param name="Alpha">An α that replaces the instance's (a corollary's tuned step), or null.</param>
internal readonly record struct Method(bool Moments, SamplingRule? Rule = null, double? Alpha = null)
{
    public static Method Sgd => new(false, SamplingRule.Uniform);

    public static Method ApSgd => new(false);

    public static Method ApSgdOptimal => new(false, SamplingRule.Optimal);

    public static Method AmsGrad => new(true, SamplingRule.Uniform);

    public static Method DasGrad => new(true);

    public static Method DasGradOptimal => new(true, SamplingRule.Optimal);
}

/// <summary>One step of one index path: everything the proofs' sums are made of.</summary>
internal sealed class StepRecord
{
    public required int T { get; init; }

    public required double AlphaT { get; init; }

    public required double Beta1T { get; init; }

    /// <summary>θ_t.</summary>
    public required double[] Theta { get; init; }

    /// <summary>θ_{t+1}.</summary>
    public required double[] ThetaNext { get; init; }

    /// <summary>The unprojected θ_t − α_t·(step direction).</summary>
    public required double[] ThetaHat { get; init; }

    /// <summary>ĝ_t = g_{t,i_t}/(n p_{t,i_t}).</summary>
    public required double[] GHat { get; init; }

    /// <summary>g_t = ∇f_t(θ_t).</summary>
    public required double[] Full { get; init; }

    public required double[] M { get; init; }

    public required double[] MPrev { get; init; }

    public required double[] VHat { get; init; }

    public required double[] VHatPrev { get; init; }

    /// <summary>f_t(θ_t) − f_t(θ*).</summary>
    public required double Loss { get; init; }

    /// <summary>|f_t(θ_t)| + |f_t(θ*)|.</summary>
    public required double LossScale { get; init; }

    /// <summary>(1/n)Σ_i‖g_{t,i}‖₂ at θ_t.</summary>
    public required double MeanNorm { get; init; }

    /// <summary>(1/n)Σ_i‖g_{t,i}‖₂² at θ_t.</summary>
    public required double MeanSquaredNorm { get; init; }
}

/// <summary>All index paths of a run with their probabilities.</summary>
internal sealed class RunPaths
{
    public required FiniteSumRun Run { get; init; }

    public required double Alpha { get; init; }

    public required double[] ThetaStar { get; init; }

    public required List<(double Weight, StepRecord[] Steps)> Paths { get; init; }

    public int T => Run.Horizon;

    public int D => Run.D;

    public double AlphaAt(int t) => Alpha / Math.Sqrt(t);

    /// <summary>E[h(path)] = Σ_paths P(path)·h(path).</summary>
    public double Expect(Func<StepRecord[], double> h)
    {
        double s = 0.0;
        foreach ((double w, StepRecord[] steps) in Paths)
        {
            s += w * h(steps);
        }

        return s;
    }

    /// <summary>Σ_t E[h(step_t)].</summary>
    public double SumExpect(Func<StepRecord, double> h) => Expect(steps => steps.Sum(h));

    /// <summary>E[R(T)] = E Σ_t f_t(θ_t) − f_t(θ*).</summary>
    public double Regret => SumExpect(s => s.Loss);

    /// <summary>Σ_k E‖ĝ_{1:T,k}‖₂.</summary>
    public double HistoryNorms => Expect(steps => Enumerable.Range(0, D).Sum(k => Math.Sqrt(steps.Sum(s => s.GHat[k] * s.GHat[k]))));

    /// <summary>Σ_k E v̂_{T,k}^{1/2}.</summary>
    public double FinalVHatRoots => Expect(steps => steps[^1].VHat.Sum(Math.Sqrt));

    /// <summary>
    /// The magnitude of the terms that the proofs' sums are made of (distances over step sizes, squared steps, losses,
    /// inner products, the weighted AMSGrad terms): sides are divided by it, so that cancellation in a sum whose terms
    /// are large is not mistaken for a violation.
    /// </summary>
    public double Magnitude => _magnitude ??= SumExpect(s =>
        (DistSq(s.Theta) + DistSq(s.ThetaNext) + DistSq(s.ThetaHat)) / (2 * s.AlphaT) + s.AlphaT / 2 * Vec.Sq(s.GHat)
        + Math.Abs(Vec.Dot(s.Full, Vec.Sub(s.Theta, ThetaStar))) + s.LossScale
        + (WeightedDistSq(s.VHat, s.Theta) + WeightedDistSq(s.VHat, s.ThetaNext) + WeightedDistSq(s.VHatPrev, s.Theta)) / (2 * s.AlphaT * (1 - s.Beta1T))
        + s.AlphaT * (Vec.InverseRootWeighted(s.VHat, s.M) + Vec.InverseRootWeighted(s.VHatPrev, s.MPrev)) / (1 - s.Beta1T));

    private double? _magnitude;

    /// <summary>‖x − θ*‖²</summary>
    public double DistSq(double[] x) => Vec.Sq(Vec.Sub(x, ThetaStar));

    /// <summary>‖V^{1/4}(x − θ*)‖² = Σ_k √v_k (x_k − θ*_k)².</summary>
    public double WeightedDistSq(double[] vhat, double[] x) => Vec.Weighted(vhat.Select(Math.Sqrt).ToArray(), Vec.Sub(x, ThetaStar));
}

/// <summary>Enumerates every index path i_1..i_T of a run (depth-first, in index order: deterministic to the bit).</summary>
internal static class FiniteSumEngine
{
    [ThreadStatic]
    private static List<(FiniteSumRun Run, Method Method, RunPaths Paths)>? _recent;

    /// <summary>
    /// The paths of <paramref name="run"/> under <paramref name="method"/>. The last few results of this thread are
    /// kept (by instance reference), because one claim evaluates several sides on the same instance.
    /// </summary>
    public static RunPaths Run(FiniteSumRun run, Method method)
    {
        _recent ??= [];
        foreach (var (r, m, p) in _recent)
        {
            if (ReferenceEquals(r, run) && m == method)
            {
                return p;
            }
        }

        RunPaths paths = Compute(run, method);
        if (_recent.Count >= 6)
        {
            _recent.RemoveAt(0);
        }

        _recent.Add((run, method, paths));
        return paths;
    }

    private static RunPaths Compute(FiniteSumRun run, Method method)
    {
        double alpha = method.Alpha ?? run.Alpha;
        SamplingRule rule = method.Rule ?? run.Sampling;
        double[] star = run.ThetaStar;
        var paths = new List<(double, StepRecord[])>();
        int d = run.D;
        Visit(run, method.Moments, rule, alpha, star, paths, 1, 1.0, run.Theta1, new double[d], new double[d], new double[d], []);
        return new RunPaths { Run = run, Alpha = alpha, ThetaStar = star, Paths = paths };
    }

    private static void Visit(
        FiniteSumRun run, bool moments, SamplingRule rule, double alpha, double[] star, List<(double, StepRecord[])> paths,
        int t, double weight, double[] theta, double[] m, double[] v, double[] vhat, StepRecord[] prefix)
    {
        if (t > run.Horizon)
        {
            paths.Add((weight, prefix));
            return;
        }

        int n = run.N, d = run.D;
        double[][] grads = Enumerable.Range(0, n).Select(i => run.Gradient(t, i, theta)).ToArray();
        double[] full = Enumerable.Range(0, d).Select(k => grads.Sum(g => g[k]) / n).ToArray();
        double risk = run.Risk(t, theta), riskStar = run.Risk(t, star);
        double loss = risk - riskStar, lossScale = Math.Abs(risk) + Math.Abs(riskStar);
        double meanNorm = grads.Sum(Vec.Norm) / n;
        double meanSq = grads.Sum(Vec.Sq) / n;
        double[] p = run.Probabilities(rule, grads);
        double alphaT = alpha / Math.Sqrt(t);
        double beta1T = run.Beta1At(t);
        for (int i = 0; i < n; i++)
        {
            if (!(p[i] > 0))
            {
                continue;
            }

            double[] ghat = Vec.Scale(grads[i], 1.0 / (n * p[i]));
            double[] mNext = m, vNext = v, vhatNext = vhat, direction;
            if (moments)
            {
                mNext = new double[d];
                vNext = new double[d];
                vhatNext = new double[d];
                direction = new double[d];
                for (int k = 0; k < d; k++)
                {
                    mNext[k] = beta1T * m[k] + (1 - beta1T) * ghat[k];
                    vNext[k] = run.Beta2 * v[k] + (1 - run.Beta2) * ghat[k] * ghat[k];
                    vhatNext[k] = Math.Max(vhat[k], vNext[k]);
                    UnrepresentableInstanceException.ThrowIfSecondMomentLost(ghat[k], vhatNext[k], $"step {t}, example {i}, coordinate {k}");
                    direction[k] = Vec.Ratio(mNext[k], Math.Sqrt(vhatNext[k]));
                }
            }
            else
            {
                direction = ghat;
            }

            double[] thetaHat = theta.Select((x, k) => x - alphaT * direction[k]).ToArray();
            double[] next = thetaHat.Select(run.Clip).ToArray();
            var record = new StepRecord
            {
                T = t,
                AlphaT = alphaT,
                Beta1T = beta1T,
                Theta = theta,
                ThetaNext = next,
                ThetaHat = thetaHat,
                GHat = ghat,
                Full = full,
                M = mNext,
                MPrev = m,
                VHat = vhatNext,
                VHatPrev = vhat,
                Loss = loss,
                LossScale = lossScale,
                MeanNorm = meanNorm,
                MeanSquaredNorm = meanSq,
            };
            Visit(run, moments, rule, alpha, star, paths, t + 1, weight * p[i], next, mNext, vNext, vhatNext, [.. prefix, record]);
        }
    }
}
