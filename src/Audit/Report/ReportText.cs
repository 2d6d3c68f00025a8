using System.Globalization;
using Verification.Audit.Experiments;
using Verification.Claims.Search;

namespace Verification.Audit.Report;

/// <summary>The sentences shared by the Markdown and HTML renderings.</summary>
public static class ReportText
{
    /// <summary>"N claims: … hold, … falsified, …" with the search budget.</summary>
    public static string VerdictSummary(IReadOnlyList<ClaimResult> claims, SearchBudget budget)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(budget);
        var perPaper = claims.GroupBy(c => c.Info.Paper).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Count()} claims, {g.Count(c => c.Verdict == Claims.Search.Verdict.Holds)} hold, {g.Count(c => c.Verdict == Claims.Search.Verdict.Falsified)} falsified, {g.Count(c => c.Verdict == Claims.Search.Verdict.HoldsOnlyIf)} hold only under a condition, {g.Count(c => c.IsTight)} of the holding ones tight (ratio ≥ {ClaimResult.TightRatio})"));
        return string.Join("; ", perPaper) + string.Create(
            CultureInfo.InvariantCulture,
            $". Each verdict comes from a search at depth {budget.Name}: FsCheck sampling of the named instance families at {budget.Scale}× their base counts, then {budget.TargetedEvaluations} targeted evaluations per claim (Nelder–Mead and discrete moves through the claim's hypothesis domain, maximising left/right; the test gate samples {SearchBudget.Gate.Scale}× with {SearchBudget.Gate.TargetedEvaluations}; seed {budget.Seed}); \"holds\" means no counterexample was found, not a proof. {claims.Count(c => c.Certificate is not null)} claims with small instances are also certified by interval branch and bound on a stated box: {claims.Count(c => c.Certificate?.Kind is Claims.Certification.Boxes.CertificateKind.Certified or Claims.Certification.Boxes.CertificateKind.CertifiedWithin)} certified (a proof on that box), {claims.Count(c => c.Certificate?.Kind == Claims.Certification.Boxes.CertificateKind.Violated)} violated (certified), {claims.Count(c => c.Certificate?.Kind == Claims.Certification.Boxes.CertificateKind.Undecided)} undecided.");
    }

    /// <summary>"k of n experiments failed: …" for the report's header, or null when none failed.</summary>
    public static string? FailureSummary(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ExperimentResult[] failed = model.Experiments.Where(e => e.Failure is not null).ToArray();
        return failed.Length == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{failed.Length} of {model.Experiments.Count} experiments failed and have no figures: {string.Join(", ", failed.Select(e => e.Name))}. Everything else in this report finished; the command exited with code 1.");
    }

    /// <summary>Threads, and how many experiment runs were computed or reused from an earlier audit into the same folder.</summary>
    public static string RunSummary(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string text = string.Create(CultureInfo.InvariantCulture, $"{model.Threads} thread{(model.Threads == 1 ? "" : "s")}; experiment runs: {model.RunsComputed} computed in this audit, {model.RunsReused} reused from an earlier audit into this folder (runs/, one CSV per run; the time above is this audit's only).");
        return model.RunNotes.Count == 0 ? text : text + " Recomputed: " + string.Join("; ", model.RunNotes) + ".";
    }

    /// <summary>What a stopped audit is missing, for the header; null when it finished.</summary>
    public static string? StoppedSummary(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Stopped)
        {
            return null;
        }

        ExperimentResult[] incomplete = model.Experiments.Where(e => e.Missing.Count > 0).ToArray();
        var parts = new List<string>();
        if (model.ClaimsMissing > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{model.ClaimsMissing} claims were not searched (the verdict tables hold only the {model.Claims.Count} that were)"));
        }

        if (incomplete.Length > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{incomplete.Length} experiment{(incomplete.Length == 1 ? " is" : "s are")} incomplete ({string.Join(", ", incomplete.Select(e => $"{e.Name}: {e.Missing.Count} runs missing"))})"));
        }

        return "This audit was stopped (Ctrl-C) before it finished: " + (parts.Count == 0 ? "nothing was left out" : string.Join("; ", parts))
            + ". Run the same command into the same --out (or add --resume) to finish: finished runs are reused, only the missing ones are computed.";
    }

    /// <summary>A reproduction verdict in words.</summary>
    public static string Reproduction(ReproductionVerdict verdict) => verdict switch
    {
        ReproductionVerdict.Reproduced => "reproduced",
        ReproductionVerdict.Partly => "partly",
        ReproductionVerdict.NotReproduced => "not reproduced",
        _ => "not checkable here",
    };

    /// <summary>The caption of a figure: what its bands are, when it has any.</summary>
    public static string BandCaption(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.BandMeaning is { } band && figure.Series.Any(s => s.HasBand) ? $"Lines and bands: {band}. " : "";
    }

    /// <summary>The verdict in words.</summary>
    public static string Verdict(ClaimResult r) => r.Verdict switch
    {
        Claims.Search.Verdict.Holds => "holds",
        Claims.Search.Verdict.Falsified => "falsified",
        _ => $"holds only if {r.Condition}",
    };

    /// <summary>Trials or the counterexample's two sides, and the interval certificate where the claim has one.</summary>
    public static string Evidence(ClaimResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string search = r.Counterexample is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"left {c.Sides.Left:G6} > right {c.Sides.Right:G6} ({c.Family})")
            : string.Create(CultureInfo.InvariantCulture, $"no counterexample in {r.TotalTrials} instances");
        return r.Certificate is { } certificate ? $"{search}; interval certificate: {certificate.Summary()}" : search;
    }

    /// <summary>How close the closest instance came: "ratio …" for an inequality, the relative gap of an identity, or the two sides when a ratio means nothing.</summary>
    public static string Closest(ClaimResult r) => r.Best is { } best ? best.Figure(r.Info.Relation) : "—";

    /// <summary>The command that reruns one experiment exactly.</summary>
    public static string ExperimentCommand(ExperimentResult e, ReportModel model) =>
        string.Create(CultureInfo.InvariantCulture, $"dotnet run --project src/Audit -c Release -- experiment {e.Name} --seed {model.Seed}{(model.Mode.StartsWith("quick", StringComparison.Ordinal) ? "" : " --full")}");
}
