using Verification.Audit.Experiments.Runs;
using Verification.Audit.Experiments.Statistics;
using Verification.Audit.Experiments.Support;

namespace Verification.Audit.Experiments;

/// <summary>
/// StochGradAdam Theorem 4.5: the right side of the bound (57), evaluated with the constants measured along each run
/// (the proof's D), against the realised regret R(T) on Reddi et al.'s online problem (C = 3, x ∈ [−1, 1]) as T grows,
/// on two instances: one where the bound holds loosely (s = 0.8, over the evaluation seeds' masks) and the claims
/// catalogue's instance where R(T) crosses it (s = 1, one deterministic path), with the first crossing marked.
/// </summary>
public sealed class SgaTheorem45 : IExperiment
{
    /// <summary>The instance where (57) holds by orders of magnitude (the mask seed is each evaluation seed).</summary>
    internal static readonly ReddiInstance Loose = new(Alpha: 0.1, Beta1: 0.9, Beta2: 0.999, Lambda: 0.99, SamplingRate: 0.8, Start: 0.0, MaskSeed: 0);

    /// <summary>
    /// The instance the catalogue's search found for SGA-T4.5-eq57-reddi-long-D-proof (docs/audit.md: "Reddi T=1714
    /// θ₁=0.791 α=0.5 β=(0, 0.1) λ=0.308 s=1 seed=566", ratio 1.86987): β₂ = 1/(1 + C²) as its family draws it,
    /// β₁ = 0 so γ = 0 &lt; 1, inside every hypothesis of the theorem.
    /// </summary>
    internal static readonly ReddiInstance Falsifying = new(Alpha: 0.5, Beta1: 0.0, Beta2: 1.0 / (1.0 + ReddiRegretPath.C * ReddiRegretPath.C), Lambda: 0.308, SamplingRate: 1.0, Start: 0.791, MaskSeed: 566);

    /// <summary>The horizon at which the catalogue's search found <see cref="Falsifying"/>.</summary>
    internal const long FalsifyingCatalogueT = 1714;

    /// <summary>
    /// The committed counterexample docs/counterexamples/SGA-T4.5-eq57-reddi-long-D-proof.json: <see cref="Falsifying"/>
    /// after the catalogue's shrinker (T = 428, θ₁ = 0, β₂ = 0, λ = 0.5, seed 0), left 291.187… > right 190.225….
    /// β₂ = 0 makes γ = β₁²/√β₂ a 0/0 that the catalogue reads as 0, so it sits on the edge of the hypotheses.
    /// </summary>
    internal static readonly ReddiInstance Stored = new(Alpha: 0.5, Beta1: 0.0, Beta2: 0.0, Lambda: 0.5, SamplingRate: 1.0, Start: 0.0, MaskSeed: 0);

    /// <summary>The stored counterexample's horizon.</summary>
    internal const long StoredT = 428;

    /// <inheritdoc/>
    public string Name => "sga-theorem45";

    /// <inheritdoc/>
    public string Title => "StochGradAdam Theorem 4.5: the regret bound (57) against the realised regret";

    /// <inheritdoc/>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long looseMax = context.Pick(100L, 10_000L, 100_000L);
        long falsifyingMax = context.Pick(3_000L, 10_000L, 100_000L);
        const int perDecade = 10;
        long[] looseGrid = HorizonGrid(10, looseMax, perDecade);
        long[] falsifyingGrid = [.. HorizonGrid(1, falsifyingMax, perDecade).Append(FalsifyingCatalogueT).Append(StoredT).Distinct().Order()];
        IReadOnlyList<RunSeed> seeds = context.Seeds.Evaluation;

        var batch = new RunBatch(context, Name);
        string Settings(ReddiInstance i, long max) => Text.Inv($"v2 reddi C={ReddiRegretPath.C} theorem-variant {i.Constants} mask-seed={i.MaskSeed} T-max={max} grid=log{perDecade}/decade device={context.Device}");
        foreach (RunSeed seed in seeds)
        {
            ReddiInstance instance = Loose with { MaskSeed = seed.Value };
            batch.Add($"loose/{seed.Label}", Settings(instance, looseMax), looseMax, token => ReddiRegretPath.Record(instance, looseGrid, token));
        }

        batch.Add("falsifying/search", Settings(Falsifying, falsifyingMax), falsifyingMax, token => ReddiRegretPath.Record(Falsifying, falsifyingGrid, token));
        batch.Add("falsifying/stored", Settings(Stored, falsifyingMax), falsifyingMax, token => ReddiRegretPath.Record(Stored, falsifyingGrid, token));

        string setup = Text.Inv($"""
            {context.ScaleName()}, base seed {context.Seed}. Problem: Reddi et al.'s deterministic online problem f_t(x) = {ReddiRegretPath.C}x if t mod 3 = 1 else −x on F = [−1, 1] (d = 1); comparator x* = −1, the best fixed point in hindsight for every T (every prefix sum of c_t is ≥ 1). Optimizer: StochGradAdam, variant `theorem` (what Section 4 analyses): α_t = α/√t, β_(1,t) = β₁λ^(t−1), constant β₂, ε = 0, bias-corrected moments, projection onto F, mask Ω_t ~ Bernoulli(s).
            Bound (57) is evaluated exactly as the claims catalogue evaluates it (src/Claims/StochGradAdam/Theorem45.cs): with what the run realises up to T: D = max_(t≤T) ‖θ_t − θ*‖₂ (the proof's reading; the statement's is ‖θ₀ − θ_t‖₂), G_∞ = max_(t≤T) |g_t|, ‖φ_1:T‖₂ of the masked gradients fed, v̂_T = v_T/(1 − β₂^T), γ = β₁²/√β₂ (0 when β₁ = 0). The algorithm does not depend on T, so one run to T_max gives R(T) and (57) at every T ≤ T_max; (57) is evaluated after every step and the first T with R(T) > (57) is exact, not a grid point.
            Loose instance: {Loose.Constants} (γ = {Text.G(Loose.Gamma)}); every one of the {seeds.Count} evaluation seeds is a mask seed, horizons {looseGrid[0]}…{Text.N(looseMax)} ({perDecade} per decade); curves and table show {SeedStatistics.GeometricBand(seeds.Count)}; bound/R(T) is a paired ratio over the same seeds. No tuning (no tuning seeds used): the hyperparameters are fixed above.
            Falsifying instance: the one the catalogue's search found for SGA-T4.5-eq57-reddi-long-D-proof (docs/audit.md), {Falsifying.Constants}, at T = {FalsifyingCatalogueT}; with s = 1 every mask keeps every coordinate, so the mask seed has no effect and the run is one deterministic path (no seeds, no band). Shown to T = {Text.N(falsifyingMax)}. The committed counterexample file (after the catalogue's shrinker: {Stored.Constants}, T = {StoredT}) is run too (table). The paper gives no horizon; these were chosen to bracket the crossing.
            """) + (context.Device != ComputeDevice.Reference ? " Runs are one-dimensional and use the CPU reference optimizer whatever the device." : string.Empty);

        BatchResult result = batch.Execute();
        if (!result.Complete)
        {
            return ExperimentResult.Partial(this, setup, result.Records.Count, result.Missing, clock.Elapsed.TotalSeconds);
        }

        var loose = new Theorem45Loose(looseGrid, seeds, seeds.Select(s => result[$"loose/{s.Label}"]).ToArray());
        var search = new Theorem45Path(Falsifying, result["falsifying/search"]);
        var stored = new Theorem45Path(Stored, result["falsifying/stored"]);
        Figure[] figures = [loose.Figure(), search.Figure("falsifying-bound-vs-regret", FalsifyingCatalogueT, HorizonGrid(1, falsifyingMax, perDecade))];
        Table[] tables = [loose.Table(), Theorem45Path.Table([("search instance (in the hypotheses)", search, FalsifyingCatalogueT), ("committed counterexample (shrunk)", stored, StoredT)])];
        string findings = string.Join(" ", loose.Finding(), search.Finding(FalsifyingCatalogueT), stored.StoredFinding(StoredT));
        return new ExperimentResult(Name, Title, setup, findings, figures, tables, clock.Elapsed.TotalSeconds)
        {
            PaperComparisons = Theorem45Path.Comparisons(loose, search),
        };
    }

    /// <summary>Horizons from <paramref name="from"/> to <paramref name="to"/>, <paramref name="perDecade"/> log-spaced per decade, rounded, both ends kept.</summary>
    internal static long[] HorizonGrid(long from, long to, int perDecade)
    {
        int count = (int)Math.Ceiling(Math.Log10((double)to / from) * perDecade);
        return Enumerable.Range(0, count + 1)
            .Select(k => (long)Math.Round(from * Math.Pow(10, (double)k / perDecade)))
            .Append(to)
            .Where(t => t >= from && t <= to)
            .Distinct()
            .Order()
            .ToArray();
    }
}
