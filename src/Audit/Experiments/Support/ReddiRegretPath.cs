using Verification.Audit.Experiments.Runs;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// One run of StochGradAdam's <c>theorem</c> variant (stochgradadam-paper.txt Theorem 4.5: α_t = α/√t,
/// β_{1,t} = β₁λ^{t−1}, ε = 0, projection onto F = [−1, 1]) on Reddi et al.'s problem.
/// </summary>
/// <param name="Alpha">α of α_t = α/√t.</param>
/// <param name="Beta1">β₁.</param>
/// <param name="Beta2">β₂.</param>
/// <param name="Lambda">λ of β_{1,t} = β₁λ^{t−1}.</param>
/// <param name="SamplingRate">s, the Bernoulli keep probability of the mask.</param>
/// <param name="Start">θ₁ (projected onto F).</param>
/// <param name="MaskSeed">The mask stream's seed (irrelevant when s = 1: every coordinate is kept).</param>
internal sealed record ReddiInstance(double Alpha, double Beta1, double Beta2, double Lambda, double SamplingRate, double Start, ulong MaskSeed)
{
    /// <summary>γ = β₁²/√β₂, 0 when β₁ = 0 (the claims catalogue's reading, so β₂ = 0 with β₁ = 0 gives 0, not 0/0).</summary>
    public double Gamma => Beta1 == 0.0 ? 0.0 : Beta1 * Beta1 / Math.Sqrt(Beta2);

    /// <summary>The constants in words, for titles and settings: α, β₁, β₂, λ, s, θ₁, C.</summary>
    public string Constants => Text.Inv($"α = {Alpha}, β₁ = {Beta1}, β₂ = {Beta2}, λ = {Lambda}, s = {SamplingRate}, θ₁ = {Start}, C = {ReddiRegretPath.C}");
}

/// <summary>
/// Realised regret R(T) and the right side of Theorem 4.5's bound (57) at every horizon T along one run. The algorithm
/// does not depend on T (α_t, β_{1,t}, the masks and the gradients are functions of t only), so the run to T_max passes
/// through the run of every shorter horizon, and every quantity of (57) can be kept as a running value.
/// </summary>
/// <remarks>
/// The definitions are the claims catalogue's (src/Claims/StochGradAdam/Theorem45.cs, Bound57, and OnlineTrace), term for
/// term and operation for operation (the same products in the same order), so that the values here equal the catalogue's counterexample sides: R(T) = Σ_t
/// f_t(θ_t) − f_t(θ*) summed in t order; D = max_{t ≤ T} ‖θ_t − θ*‖₂ (the proof's reading); G_∞ = max_{t ≤ T} |g_t|;
/// ‖φ_{1:T}‖₂ of the masked gradients; v̂_T = v_T/(1 − β₂^T) with β₂^T a running product.
/// </remarks>
internal static class ReddiRegretPath
{
    /// <summary>Reddi et al.'s constant: f_t(x) = C·x when t mod 3 = 1, −x otherwise.</summary>
    public const double C = 3.0;

    /// <summary>The record's columns.</summary>
    public static readonly string[] Columns = ["T", "regret", "bound", "term1", "term2", "term3", "D", "G_inf", "phi_norm", "sqrt_T_vhat", "on_grid"];

    /// <summary>c_t = ∇f_t.</summary>
    public static double Gradient(long t) => t % 3 == 1 ? C : -1.0;

    /// <summary>
    /// Steps to <paramref name="horizon"/> and hands (R(T), (57) and its parts) to <paramref name="visit"/> after every
    /// step T = 1..horizon.
    /// </summary>
    public static void Walk(ReddiInstance instance, long horizon, Action<RegretPoint> visit, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(visit);
        var box = new Box(-1.0, 1.0);
        var sga = new StochGradAdam(new StochGradAdamOptions
        {
            Variant = StochGradAdamVariant.Theorem, SamplingRate = instance.SamplingRate, Seed = instance.MaskSeed, LearningRate = instance.Alpha,
            Beta1 = instance.Beta1, Beta2 = instance.Beta2, Beta1Decay = instance.Lambda, Box = box,
        });
        OptimizerState state = sga.Init(1);
        double[] theta = [box.Project(instance.Start)];
        double[] gradient = new double[1];

        // Every prefix sum of c_t (3, 2, 1, 4, 3, 2, …) is ≥ 1, so θ* = argmin_F Σ_{t≤T} f_t = −1 for every T and the
        // regret's terms f_t(θ_t) − f_t(θ*) never change once summed.
        const double thetaStar = -1.0;
        double regret = 0.0, d = 0.0, gInf = 0.0, phiSquares = 0.0, beta2Power = 1.0;
        for (long t = 1; t <= horizon; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            double g = Gradient(t);
            double phi = sga.Mask(t, 1)[0] ? g : 0.0;
            regret += g * theta[0] - g * thetaStar;   // f_t(θ_t) − f_t(θ*), the loss evaluated at θ_t (before the step)
            d = Math.Max(d, Math.Sqrt((theta[0] - thetaStar) * (theta[0] - thetaStar)));
            gInf = Math.Max(gInf, Math.Abs(g));
            phiSquares += phi * phi;
            gradient[0] = g;
            sga.Step(state, theta, gradient);
            beta2Power *= instance.Beta2;
            double vHat = state.Buffer("v")[0] / (1.0 - beta2Power);

            // (57): D²/(2α(1−β₁)) Σ_i √(T v̂_{T,i}) + α(β₁+1)G_∞/((1−β₁)√(1−β₂)(1−γ)²) Σ_i ‖φ_{1:T,i}‖₂ + Σ_i D²G_∞√(1−β₂)/(2α(1−β₁)(1−λ)²).
            double sqrtTvHat = Math.Sqrt(t * vHat);
            double phiNorm = Math.Sqrt(phiSquares);
            double term1 = d * d / (2 * instance.Alpha * (1 - instance.Beta1)) * sqrtTvHat;
            double term2 = instance.Alpha * (instance.Beta1 + 1) * gInf / ((1 - instance.Beta1) * Math.Sqrt(1 - instance.Beta2) * Sq(1 - instance.Gamma)) * phiNorm;
            double term3 = d * d * gInf * Math.Sqrt(1 - instance.Beta2) / (2 * instance.Alpha * (1 - instance.Beta1) * Sq(1 - instance.Lambda));
            visit(new RegretPoint(t, regret, term1 + term2 + term3, term1, term2, term3, d, gInf, phiNorm, sqrtTvHat));
        }
    }

    /// <summary>
    /// The run as a record: a row at every horizon of <paramref name="grid"/> (on_grid = 1) and, off the grid, a row at
    /// every T where R(T) > (57) starts or stops holding (on_grid = 0), so the first crossing is exact, not a grid point.
    /// </summary>
    public static RunRecord Record(ReddiInstance instance, IReadOnlyCollection<long> grid, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var onGrid = grid.ToHashSet();
        var record = new RunRecord(Columns);
        bool above = false;
        Walk(instance, grid.Max(), p =>
        {
            bool nowAbove = p.Regret > p.Bound;
            bool changed = nowAbove != above;
            above = nowAbove;
            if (onGrid.Contains(p.T) || changed)
            {
                record.Add(p.T, p.Regret, p.Bound, p.Term1, p.Term2, p.Term3, p.D, p.GInf, p.PhiNorm, p.SqrtTVHat, onGrid.Contains(p.T) ? 1.0 : 0.0);
            }
        }, cancellation);
        return record;
    }

    /// <summary>The point at horizon <paramref name="horizon"/> (one short run; for checks).</summary>
    public static RegretPoint At(ReddiInstance instance, long horizon)
    {
        RegretPoint last = default;
        Walk(instance, horizon, p => last = p, CancellationToken.None);
        return last;
    }

    private static double Sq(double x) => x * x;
}

/// <summary>R(T), the right side of (57) and its three terms, and the measured constants, at one horizon.</summary>
internal readonly record struct RegretPoint(
    long T, double Regret, double Bound, double Term1, double Term2, double Term3, double D, double GInf, double PhiNorm, double SqrtTVHat);
