using Verification.Claims.Instances;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Sga = Verification.Reference.Optimizers.StochGradAdam.StochGradAdam;

namespace Verification.Claims.StochGradAdam;

/// <summary>
/// The reference StochGradAdam (<c>theorem</c> variant: α_t = α/√t, β_{1,t} = β₁λ^{t−1}, constant β₂, corrections
/// 1 − β^t, ε = 0, Π_F the box) run on an <see cref="OnlineRun"/>, with every sequence the proof of Theorem 4.5 names.
/// Arrays are indexed by the 1-based t (index 0 is t = 0: m₀ = v₀ = 0).
/// </summary>
internal sealed class OnlineTrace
{
    public OnlineTrace(OnlineRun run)
    {
        Run = run;
        int d = run.Dimension, n = run.T;
        var box = new Box(-run.Radius, run.Radius);
        var sga = new Sga(new StochGradAdamOptions
        {
            Variant = StochGradAdamVariant.Theorem,
            SamplingRate = run.SamplingRate,
            Seed = run.MaskSeed,
            LearningRate = run.Alpha,
            Beta1 = run.Beta1,
            Beta2 = run.Beta2,
            Beta1Decay = run.Lambda,
            Box = box,
        });
        Epsilon = sga.Options.ResolvedEpsilon;
        OptimizerState state = sga.Init(d);
        Theta = new double[n + 2][];
        G = new double[n + 1][];
        Phi = new double[n + 1][];
        Keep = new bool[n + 1][];
        M = new double[n + 1][];
        V = new double[n + 1][];
        MHat = new double[n + 1][];
        VHat = new double[n + 1][];
        AlphaT = new double[n + 1];
        Beta1T = new double[n + 1];
        Beta1Power = new double[n + 1];
        M[0] = new double[d];
        V[0] = new double[d];
        MHat[0] = new double[d];
        VHat[0] = new double[d];
        Beta1Power[0] = 1.0;
        double[] theta = run.Start.Select(x => box.Project(x)).ToArray();
        Theta[1] = (double[])theta.Clone();
        double p1 = 1.0, p2 = 1.0, lambdaPower = 1.0;
        for (int t = 1; t <= n; t++)
        {
            G[t] = Gradient(run, t, theta);
            Keep[t] = sga.Mask(t, d);
            Phi[t] = G[t].Select((g, i) => Keep[t][i] ? g : 0.0).ToArray();
            AlphaT[t] = sga.Options.Schedule.At(t);
            Beta1T[t] = run.Beta1 * lambdaPower;
            sga.Step(state, theta, G[t]);
            p1 *= run.Beta1;
            p2 *= run.Beta2;
            lambdaPower *= run.Lambda;
            Beta1Power[t] = p1;
            M[t] = (double[])state.Buffer("m").Clone();
            V[t] = (double[])state.Buffer("v").Clone();
            MHat[t] = M[t].Select(m => m / (1.0 - p1)).ToArray();
            VHat[t] = V[t].Select(v => v / (1.0 - p2)).ToArray();
            Theta[t + 1] = (double[])theta.Clone();
        }

        ThetaStar = Minimiser(run);
        double regret = 0.0;
        Gap = new double[n + 1];
        for (int t = 1; t <= n; t++)
        {
            Gap[t] = Loss(run, t, Theta[t]) - Loss(run, t, ThetaStar);
            regret += Gap[t];
        }

        Regret = regret;
        GInf = 0.0;
        for (int t = 1; t <= n; t++)
        {
            foreach (double g in G[t])
            {
                GInf = Math.Max(GInf, Math.Abs(g));
            }
        }
    }

    public OnlineRun Run { get; }

    public int T => Run.T;

    public int D => Run.Dimension;

    public double Epsilon { get; }

    /// <summary>θ_t for t = 1..T+1.</summary>
    public double[][] Theta { get; }

    public double[][] G { get; }

    public double[][] Phi { get; }

    public bool[][] Keep { get; }

    public double[][] M { get; }

    public double[][] V { get; }

    public double[][] MHat { get; }

    public double[][] VHat { get; }

    /// <summary>α_t = α/√t.</summary>
    public double[] AlphaT { get; }

    /// <summary>β_{1,t} = β₁λ^{t−1}.</summary>
    public double[] Beta1T { get; }

    /// <summary>β₁^t.</summary>
    public double[] Beta1Power { get; }

    public double[] ThetaStar { get; }

    /// <summary>f_t(θ_t) − f_t(θ*).</summary>
    public double[] Gap { get; }

    /// <summary>R(T) = Σ_t f_t(θ_t) − f_t(θ*).</summary>
    public double Regret { get; }

    /// <summary>The tightest G_∞ the run realises: max_t ‖g_t‖_∞.</summary>
    public double GInf { get; }

    /// <summary>γ = β₁²/√β₂ (0 when β₁ = 0).</summary>
    public double Gamma => Run.Beta1 == 0.0 ? 0.0 : Run.Beta1 * Run.Beta1 / Math.Sqrt(Run.Beta2);

    /// <summary>The statement's D: max_{t ≤ T} ‖θ₁ − θ_t‖₂ (θ₁ the start, the paper's θ₀).</summary>
    public double DStatement => Enumerable.Range(1, T).Select(t => Distance2(Theta[1], Theta[t])).DefaultIfEmpty(0.0).Max();

    /// <summary>The proof's D: max_{t ≤ T} ‖θ_t − θ*‖₂.</summary>
    public double DProof => Enumerable.Range(1, T).Select(t => Distance2(Theta[t], ThetaStar)).DefaultIfEmpty(0.0).Max();

    /// <summary>The loosest valid D: the box's ℓ₂ diameter 2R√d.</summary>
    public double DBox => 2 * Run.Radius * Math.Sqrt(D);

    /// <summary>The statement's D_∞: max_{m,n ≤ T} ‖θ_m − θ_n‖_∞.</summary>
    public double DInfStatement
    {
        get
        {
            double best = 0.0;
            for (int i = 0; i < D; i++)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                for (int t = 1; t <= T; t++)
                {
                    lo = Math.Min(lo, Theta[t][i]);
                    hi = Math.Max(hi, Theta[t][i]);
                }

                best = Math.Max(best, hi - lo);
            }

            return best;
        }
    }

    /// <summary>The proof's D_∞: max_{m,n ≤ T} ‖θ_m − θ_n‖₂.</summary>
    public double DInfProof
    {
        get
        {
            double best = 0.0;
            for (int m = 1; m <= T; m++)
            {
                for (int n = m + 1; n <= T; n++)
                {
                    best = Math.Max(best, Distance2(Theta[m], Theta[n]));
                }
            }

            return best;
        }
    }

    /// <summary>‖φ_{1:T,i}‖₂.</summary>
    public double PhiNorm(int i) => Math.Sqrt(Enumerable.Range(1, T).Sum(t => Phi[t][i] * Phi[t][i]));

    /// <summary>‖g_{1:T,i}‖₂.</summary>
    public double GNorm(int i) => Math.Sqrt(Enumerable.Range(1, T).Sum(t => G[t][i] * G[t][i]));

    private static double Distance2(double[] a, double[] b)
    {
        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>∇f_t(θ): c_t, or θ − x_t.</summary>
    public static double[] Gradient(OnlineRun run, int t, double[] theta)
    {
        ReadOnlySpan<double> row = run.Row(t);
        var g = new double[run.Dimension];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = run.Problem == OnlineRun.Linear ? row[i] : theta[i] - row[i];
        }

        return g;
    }

    /// <summary>f_t(θ).</summary>
    public static double Loss(OnlineRun run, int t, double[] theta)
    {
        ReadOnlySpan<double> row = run.Row(t);
        double sum = 0.0;
        for (int i = 0; i < theta.Length; i++)
        {
            sum += run.Problem == OnlineRun.Linear ? row[i] * theta[i] : 0.5 * (theta[i] - row[i]) * (theta[i] - row[i]);
        }

        return sum;
    }

    /// <summary>θ* = argmin_{θ ∈ F} Σ_t f_t(θ).</summary>
    public static double[] Minimiser(OnlineRun run)
    {
        var star = new double[run.Dimension];
        for (int i = 0; i < star.Length; i++)
        {
            double sum = 0.0;
            for (int t = 1; t <= run.T; t++)
            {
                sum += run.Row(t)[i];
            }

            star[i] = run.Problem == OnlineRun.Linear
                ? (sum > 0 ? -run.Radius : sum < 0 ? run.Radius : 0.0)
                : Math.Clamp(sum / run.T, -run.Radius, run.Radius);
        }

        return star;
    }
}
