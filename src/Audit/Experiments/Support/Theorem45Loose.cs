using Verification.Audit.Experiments.Runs;
using Verification.Audit.Experiments.Statistics;

namespace Verification.Audit.Experiments.Support;

/// <summary>
/// The loose Theorem 4.5 instance (s = 0.8) over the evaluation seeds' masks: R(T), (57) and its terms on the horizon
/// grid as geometric means with 95% bands (positive quantities spanning orders of magnitude), bound/R(T) as a paired
/// ratio over the same seeds.
/// </summary>
internal sealed class Theorem45Loose
{
    private static readonly string[] TermColumns = ["term1", "term2", "term3"];
    private static readonly string[] TermNames = ["term 1: D²√(T v̂_T)/(2α(1−β₁))", "term 2: α(1+β₁)G_∞‖φ_1:T‖/((1−β₁)√(1−β₂)(1−γ)²)", "term 3: D²G_∞√(1−β₂)/(2α(1−β₁)(1−λ)²)"];
    private readonly double[] _x;
    private readonly IReadOnlyList<RunSeed> _seeds;
    private readonly RunRecord[] _records;

    public Theorem45Loose(long[] grid, IReadOnlyList<RunSeed> seeds, RunRecord[] records)
    {
        _x = grid.Select(t => (double)t).ToArray();
        _seeds = seeds;
        _records = records;
        foreach (RunRecord r in records)
        {
            // The loose runs record the grid only (R never crosses (57) there); a crossing row would misalign the curves.
            if (!r.Column("T").SequenceEqual(_x))
            {
                throw new InvalidOperationException("A loose-instance run recorded a horizon off the grid: R(T) crossed (57) on the loose instance.");
            }
        }
    }

    private ulong[] SeedValues => _seeds.Select(s => s.Value).ToArray();

    private double[][] Curves(string column) => _records.Select(r => r.Column(column)).ToArray();

    private SeedInterval[] Pointwise(string column) => SeedStatistics.Pointwise(Curves(column), geometric: true);

    /// <summary>bound/R(T) at grid point <paramref name="k"/>, paired over seeds.</summary>
    private SeedInterval Ratio(int k) => SeedStatistics.PairedRatio(_records.Select(r => r.Rows[k][2]).ToArray(), _records.Select(r => r.Rows[k][1]).ToArray());

    public Figure Figure()
    {
        var series = new List<Series>
        {
            BandedSeries.From("realised R(T)", _x, Curves("regret"), SeedValues, geometric: true),
            BandedSeries.From("bound (57)", _x, Curves("bound"), SeedValues, geometric: true),
        };
        series.AddRange(TermColumns.Select((c, k) => BandedSeries.From(TermNames[k], _x, Curves(c), SeedValues, geometric: true)));
        return new Figure(
            "bound-vs-regret", Text.Inv($"Loose instance: R(T) and (57) with measured constants (proof's D); {SgaTheorem45.Loose.Constants}, mask seed = evaluation seed"),
            "horizon T", "regret", series, LogX: true, LogY: true)
        { BandMeaning = SeedStatistics.GeometricBand(_seeds.Count) };
    }

    public Table Table()
    {
        SeedInterval[] regret = Pointwise("regret"), bound = Pointwise("bound");
        SeedInterval[][] terms = TermColumns.Select(Pointwise).ToArray();
        SeedInterval[] d = Pointwise("D");
        int[] rows = Enumerable.Range(0, _x.Length).Where(k => IsPowerOfTen(_x[k]) || k == _x.Length - 1).Distinct().ToArray();
        return new Table(
            Text.Inv($"Loose instance: R(T), bound (57), bound/R(T) (paired over seeds) and the terms; {SeedStatistics.GeometricBand(_seeds.Count)}"),
            ["T", "R(T)", "bound (57)", "bound / R(T)", "term 1", "term 2", "term 3", "D = max ‖θ_t − θ*‖₂"],
            rows.Select(k => new[]
            {
                Text.N((long)_x[k]), regret[k].Format(), bound[k].Format(), Ratio(k).Format(), terms[0][k].Format(), terms[1][k].Format(), terms[2][k].Format(), d[k].Format(),
            }).ToArray());
    }

    /// <summary>Whether (57) held on every seed and horizon, with the smallest paired bound/R(T).</summary>
    public string HoldsText()
    {
        bool holds = _records.All(r => r.Rows.All(row => row[1] <= row[2]));
        int tightest = Enumerable.Range(0, _x.Length).MinBy(k => Ratio(k).Centre);
        return Text.Inv($"loose instance ({SgaTheorem45.Loose.Constants}, {_seeds.Count} mask seeds): R(T) ≤ (57) {(holds ? "on every seed at every horizon" : "NOT on every seed and horizon")} from T = {Text.N((long)_x[0])} to {Text.N((long)_x[^1])}; the smallest bound/R(T) is {Ratio(tightest).Format()} at T = {Text.N((long)_x[tightest])}");
    }

    /// <summary>The per-seed least-squares slope of log R against log T over the last two decades, as an interval over seeds.</summary>
    public string SlopeText()
    {
        double from = _x[^1] / 100.0;
        SeedInterval regret = SeedStatistics.Mean(_records.Select(r => LogSlope(_x, r.Column("regret"), from)).ToArray());
        SeedInterval bound = SeedStatistics.Mean(_records.Select(r => LogSlope(_x, r.Column("bound"), from)).ToArray());
        return Text.Inv($"slope of log R(T) against log T over T ∈ [{Text.N((long)from)}, {Text.N((long)_x[^1])}]: {regret.Format()}, of log (57): {bound.Format()} ({SeedStatistics.MeanBand(_seeds.Count)})");
    }

    public string Finding()
    {
        SeedInterval[][] terms = TermColumns.Select(Pointwise).ToArray();
        string Dominant(int k) => TermNames[Enumerable.Range(0, 3).MaxBy(j => terms[j][k].Centre)].Split(':')[0];
        return Text.Inv($"""
            The printed bound with measured constants against the realised regret, {HoldsText()}; {SlopeText()}. The bound is dominated by {Dominant(0)} at T = {Text.N((long)_x[0])} and by {Dominant(_x.Length - 1)} at T = {Text.N((long)_x[^1])} (term 3 = {terms[2][^1].Format()} is a constant set by (1 − λ)^−2 = 10⁴; term 2 grows with ‖φ_1:T‖₂ ≈ √(sT)·G and carries 1/(1 − γ)² = {Text.G(1 / ((1 - SgaTheorem45.Loose.Gamma) * (1 - SgaTheorem45.Loose.Gamma)), 3)}), so on this instance the bound is far from tight; that it holds here says nothing about the proof.
            """);
    }

    /// <summary>Least-squares slope of log y against log x over the points with x ≥ <paramref name="from"/> and y &gt; 0.</summary>
    public static double LogSlope(double[] x, double[] y, double from)
    {
        var points = Enumerable.Range(0, x.Length).Where(i => x[i] >= from && y[i] > 0).Select(i => (X: Math.Log(x[i]), Y: Math.Log(y[i]))).ToArray();
        if (points.Length < 2)
        {
            return double.NaN;
        }

        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }

    private static bool IsPowerOfTen(double x) => Math.Abs(Math.Log10(x) - Math.Round(Math.Log10(x))) < 1e-12;
}
