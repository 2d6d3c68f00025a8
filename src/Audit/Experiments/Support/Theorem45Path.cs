using Verification.Audit.Experiments.Runs;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// One deterministic Theorem 4.5 run on Reddi et al.'s problem (s = 1: the mask keeps everything) as its
/// <see cref="ReddiRegretPath.Record"/> holds it: R(T) and (57) on the horizon grid plus every T where R(T) &gt; (57)
/// starts or stops holding; the figure, table rows, findings and paper comparisons of the falsifying instance.
/// </summary>
internal sealed class Theorem45Path
{
    private readonly RunRecord _record;

    public Theorem45Path(ReddiInstance instance, RunRecord record)
    {
        Instance = instance;
        _record = record;
        T = record.Column("T");
        Regret = record.Column("regret");
        Bound = record.Column("bound");
        int first = Enumerable.Range(0, T.Length).FirstOrDefault(k => Regret[k] > Bound[k], -1);
        FirstCrossing = first < 0 ? null : (long)T[first];
        // The record holds every T where the side changes, so the row after the last row below (57) is the first T of
        // the final stretch above it, and the state between two rows is the earlier row's.
        int lastBelow = Enumerable.Range(0, T.Length).LastOrDefault(k => Regret[k] <= Bound[k], -1);
        AboveFrom = lastBelow == T.Length - 1 ? null : (long)T[lastBelow + 1];
        Crossings = Enumerable.Range(0, T.Length).Count(k => Regret[k] > Bound[k] && (k == 0 || Regret[k - 1] <= Bound[k - 1]));
    }

    public ReddiInstance Instance { get; }

    public double[] T { get; }

    public double[] Regret { get; }

    public double[] Bound { get; }

    /// <summary>The first horizon with R(T) &gt; (57), or null when none up to the run's end.</summary>
    public long? FirstCrossing { get; }

    /// <summary>The first T from which R(T) &gt; (57) at every horizon to the end of the run, or null when the run ends below.</summary>
    public long? AboveFrom { get; }

    /// <summary>How many times R(T) passes from ≤ (57) to &gt; (57) along the run (R rises by 3(θ_t + 1) on every third round, so it can cross back and forth before it stays above).</summary>
    public int Crossings { get; }

    public long Max => (long)T[^1];

    /// <summary>The value of <paramref name="column"/> at horizon <paramref name="t"/> (a grid point or a crossing).</summary>
    public double At(string column, long t) => _record.Column(column)[Array.IndexOf(T, (double)t) is int k and >= 0 ? k : throw new KeyNotFoundException($"T = {t} is not recorded.")];

    /// <summary>Least-squares slope of log R (or log (57)) against log T over the last two decades of the run.</summary>
    public double Slope(bool bound) => Theorem45Loose.LogSlope(T, bound ? Bound : Regret, Max / 100.0);

    public Figure Figure(string id, long catalogueT, IReadOnlyCollection<long> grid)
    {
        string[] columns = ["term1", "term2", "term3"];
        string[] names = ["term 1: D²√(T v̂_T)/(2α(1−β₁))", "term 2: α(1+β₁)G_∞‖φ_1:T‖/((1−β₁)√(1−β₂)(1−γ)²)", "term 3: D²G_∞√(1−β₂)/(2α(1−β₁)(1−λ)²)"];
        // The record also holds every horizon where R crosses (57) (over a hundred between the first crossing and the last,
        // where the period-3 problem makes both sides zigzag); plotted, they would fill that stretch with a solid blot, so
        // the curves use the log grid and the marked horizons only, and the table and findings carry the crossings.
        var keep = new HashSet<long>(grid) { catalogueT };
        if (FirstCrossing is long f)
        {
            keep.Add(f);
        }

        if (AboveFrom is long a)
        {
            keep.Add(a);
        }

        int[] rows = Enumerable.Range(0, T.Length).Where(i => keep.Contains((long)T[i])).ToArray();
        double[] Pick(double[] values) => rows.Select(i => values[i]).ToArray();
        double[] x = Pick(T);
        var series = new List<Series> { new("realised R(T)", x, Pick(Regret)), new("bound (57)", x, Pick(Bound)) };
        series.AddRange(columns.Select((c, k) => new Series(names[k], x, Pick(_record.Column(c)))));
        var markers = new List<VerticalMarker>();
        if (FirstCrossing is long first)
        {
            markers.Add(new VerticalMarker(first, Text.Inv($"first T with R(T) > (57): {first}")));
        }

        if (AboveFrom is long from && from != FirstCrossing)
        {
            markers.Add(new VerticalMarker(from, Text.Inv($"R(T) > (57) at every T ≥ {from}")));
        }

        if (catalogueT != FirstCrossing && catalogueT != AboveFrom)
        {
            markers.Add(new VerticalMarker(catalogueT, Text.Inv($"catalogue's T = {catalogueT}")));
        }

        return new Figure(
            id, Text.Inv($"Falsifying instance (one deterministic path, s = 1): R(T) and (57) with the proof's D; {Instance.Constants}"),
            "horizon T", "regret", series, LogX: true, LogY: true)
        { Markers = markers };
    }

    public string Finding(long catalogueT)
    {
        string crossing = FirstCrossing is long first
            ? Text.Inv($"R(T) first exceeds (57) at T = {first} (R = {Text.G(At("regret", first), 6)}, (57) = {Text.G(At("bound", first), 6)}); it crosses {Crossings} time{(Crossings == 1 ? "" : "s")} in all and {(AboveFrom is long from ? $"is above at every T from {from} to {Text.N(Max)}" : $"is below it again at T = {Text.N(Max)}")}")
            : Text.Inv($"R(T) stays below (57) up to T = {Text.N(Max)}");
        return Text.Inv($"""
            Falsifying instance ({Instance.Constants}; inside the theorem's hypotheses: β₁²/√β₂ = 0 < 1, λ ∈ (0, 1)): {crossing}. At the catalogue's T = {catalogueT}: R = {Text.G(At("regret", catalogueT), 6)}, (57) = {Text.G(At("bound", catalogueT), 6)}, ratio {Text.G(At("regret", catalogueT) / At("bound", catalogueT), 6)} (docs/audit.md: 1.86987). On the last two decades R(T) grows like T^{Text.F(Slope(false), 2)} and (57) like T^{Text.F(Slope(true), 2)}; R(T)/T = {Text.G(Regret[^1] / Max, 3)} at T = {Text.N(Max)}. With β₁ = 0 and a small β₂ the update is close to sign descent, α_t·sign(g_t): the iterate gains α_t twice for every α_t it loses and is pushed to +1, the worst point, so the regret is linear, while every term of (57) grows at most like √T. This is one deterministic path; no seed enters it.
            """);
    }

    /// <summary>The committed (shrunk) counterexample at its T against the file's sides.</summary>
    public string StoredFinding(long storedT) => Text.Inv($"""
        The committed counterexample file ({Instance.Constants}, T = {storedT}) gives R = {At("regret", storedT):R} and (57) = {At("bound", storedT):R} here (the file: left 291.18717088152505, right 190.22532626710586); its first crossing is at T = {(FirstCrossing is long f ? f.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}. Its β₂ = 0 makes γ = β₁²/√β₂ the 0/0 the catalogue reads as 0, which is why the figure shows the unshrunk instance, whose β₂ = 0.1 is plainly inside the hypotheses.
        """);

    public static Table Table(IEnumerable<(string Name, Theorem45Path Path, long CatalogueT)> paths) => new(
        "Falsifying instances: first horizon with R(T) > (57) and the values at the catalogue's horizon (one deterministic path each)",
        ["instance", "constants", "first T with R > (57)", "R > (57) at every T from", "crossings", "catalogue's T", "R(T)", "(57)", "R/(57)", "slope of log R (last 2 decades)", "slope of log (57)"],
        paths.Select(p => new[]
        {
            p.Name, p.Path.Instance.Constants, p.Path.FirstCrossing?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            p.Path.AboveFrom is long from ? Text.Inv($"{from} (to {Text.N(p.Path.Max)})") : "ends below", p.Path.Crossings.ToString(System.Globalization.CultureInfo.InvariantCulture), Text.N(p.CatalogueT),
            Text.G(p.Path.At("regret", p.CatalogueT), 9), Text.G(p.Path.At("bound", p.CatalogueT), 9), Text.G(p.Path.At("regret", p.CatalogueT) / p.Path.At("bound", p.CatalogueT), 6),
            Text.F(p.Path.Slope(false), 3), Text.F(p.Path.Slope(true), 3),
        }).ToArray());

    /// <summary>The paper's statements about Theorem 4.5 beside what the two instances measured.</summary>
    public static IReadOnlyList<PaperComparison> Comparisons(Theorem45Loose loose, Theorem45Path falsifying)
    {
        string crossing = falsifying.FirstCrossing is long first
            ? Text.Inv($"falsifying instance ({falsifying.Instance.Constants}): R(T) > (57) first at T = {first}{(falsifying.AboveFrom is long from ? $" and at every T from {from} to {Text.N(falsifying.Max)}" : ", but below again at the end")}; R/(57) = {Text.G(falsifying.At("regret", SgaTheorem45.FalsifyingCatalogueT) / falsifying.At("bound", SgaTheorem45.FalsifyingCatalogueT), 4)} at T = {SgaTheorem45.FalsifyingCatalogueT} (one deterministic path)")
            : Text.Inv($"falsifying instance: no crossing up to T = {Text.N(falsifying.Max)}");
        return
        [
            new(
                "§4, Theorem 4.5, eqs. (46)–(47) ≡ (57): for every T ≥ 1, R(T) ≤ (57) for StochGradAdam with α_t = α/√t, β_{1,t} = β₁λ^{t−1}, bounded gradients and iterates, β₁²/√β₂ < 1, λ ∈ (0, 1).",
                crossing + "; " + loose.HoldsText(),
                falsifying.FirstCrossing is null ? ReproductionVerdict.Partly : ReproductionVerdict.NotReproduced,
                "One instance inside every hypothesis violates (57) as printed with the proof's D (the tightest D the proof uses; the catalogue's SGA-T4.5-eq57-reddi-long-D-box also violates it with the loosest valid D, 2R√d), so the bound does not hold for the theorem's algorithm as printed. That it holds with a wide margin on the loose instance does not rescue it. Which proof steps fail is audited separately in the claims catalogue."),
            new(
                "§4 (opening and Theorem 4.5): the regret bound shows that convergence is guaranteed; read as R(T) = O(√T), i.e. R(T)/T → 0 (the paper does not write the rate; (57) is O(√T) when v̂ and G_∞ are bounded, since ‖φ_1:T‖₂ ≤ G_∞√T).",
                Text.Inv($"falsifying instance: log R against log T has slope {Text.F(falsifying.Slope(false), 3)} over T ∈ [{Text.N(falsifying.Max / 100)}, {Text.N(falsifying.Max)}] (linear regret), R(T)/T = {Text.G(falsifying.Regret[^1] / falsifying.Max, 3)} at T = {Text.N(falsifying.Max)}; (57) grows with slope {Text.F(falsifying.Slope(true), 3)}. Loose instance: {loose.SlopeText()}."),
                ReproductionVerdict.NotReproduced,
                "On Reddi et al.'s problem the theorem variant with β₁ = 0 and β₂ = 0.1 has linear regret, so no O(√T) bound and no vanishing average regret hold for it; the loose instance's slope below 1 shows only that other hyperparameters can behave, not that the theorem's guarantee does."),
        ];
    }
}
