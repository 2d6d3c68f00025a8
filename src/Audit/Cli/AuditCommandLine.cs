using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Verification.Audit.Commands;
using Verification.Audit.Experiments;
using Verification.Claims.Catalogue;

namespace Verification.Audit.Cli;

/// <summary>
/// The command line: builds every command, turns parse errors into one line with the closest names, and maps what a
/// command throws to the exit codes of <see cref="ExitCodes"/>. Every command validates its options before any work
/// starts, so a mistake costs seconds, not a finished search.
/// </summary>
public static class AuditCommandLine
{
    /// <summary>Runs the command line <paramref name="args"/>; errors go to <paramref name="error"/> (standard error by default).</summary>
    /// <returns>One of <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        error ??= Console.Error;
        Command root = Build(args, error);
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            error.WriteLine($"error: {ParseErrorText.Describe(parse)}");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return ErrorReport.Write(e, error);
        }
    }

    /// <summary>The program's name in help and messages, whatever the host process is called (dotnet, a test host, the tool shim).</summary>
    public const string ProgramName = "optaudit";

    private static Command Build(string[] args, TextWriter error)
    {
        var outOption = new Option<string>("--out") { Description = "Output folder for the report", DefaultValueFactory = _ => Path.Combine("out", "report") };
        var dataOption = new Option<string?>("--data-dir") { Description = "Data folder (default: $VERIFICATION_DATA_DIR, then a shared/data found upward, then the user cache; missing files are fetched there)" };
        var seedOption = new Option<ulong>("--seed") { Description = "Base seed of every random draw", DefaultValueFactory = _ => 20261125UL };
        var fullOption = new Option<bool>("--full") { Description = "Full scale instead of the quick default (much longer)" };
        var quickOption = new Option<bool>("--quick") { Description = "Quick scale (the default; under 10 minutes on 2 cores)" };
        var deviceOption = new Option<ComputeDevice>("--device") { Description = "Where optimizer steps run: Reference, Accelerator (OpenCL) or Torch (TorchSharp: CUDA if present, else CPU)", DefaultValueFactory = _ => ComputeDevice.Reference };
        var runThreadsOption = new Option<int?>("--threads") { Description = "Runs executed at once (default: every core); results do not depend on it" };
        runThreadsOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--threads must be at least 1.");
            }
        });
        var resumeOption = new Option<bool>("--resume") { Description = "Finish an earlier, stopped audit in the same --out: reuse its finished runs (rerunning into the same --out does so too; --resume also fails when there is nothing to resume)" };
        var auditDepthOption = new Option<string>("--depth") { Description = "Claims search depth: gate (the test gate's), default (under 10 minutes on 2 cores with the experiments), deep (hours)", DefaultValueFactory = _ => "default" };
        auditDepthOption.AcceptOnlyFromAmong("gate", "default", "deep");

        var audit = new Command("audit", "Run the proof audit and every experiment, and write the report (HTML, Markdown, SVG, CSV)")
        {
            outOption, dataOption, seedOption, fullOption, quickOption, deviceOption, auditDepthOption, runThreadsOption, resumeOption,
        };
        audit.SetAction(parse => AuditRunner.Run(Settings(parse, "audit"), claims: true, ExperimentCatalog.All));

        var experimentName = new Argument<string>("name") { Description = "The experiment: " + string.Join(", ", ExperimentCatalog.All.Select(e => e.Name)) };
        var experiment = new Command("experiment", "Run one experiment and write its report") { experimentName, outOption, dataOption, seedOption, fullOption, quickOption, deviceOption, runThreadsOption, resumeOption };
        experiment.SetAction(parse =>
        {
            IExperiment chosen = ExperimentCatalog.Find(parse.GetValue(experimentName)!)
                ?? throw new UsageException($"unknown experiment '{parse.GetValue(experimentName)}'; {ClosestNames.Suggestion(parse.GetValue(experimentName)!, ExperimentCatalog.All.Select(e => e.Name).ToArray())}");
            return AuditRunner.Run(Settings(parse, "experiment"), claims: false, [chosen]);
        });

        var idOption = new Option<string?>("--id") { Description = "Search one claim only" };
        var depthOption = new Option<string>("--depth") { Description = "Search depth: gate (the test gate and docs/audit.md), default (the audit command's), deep (hours)", DefaultValueFactory = _ => "gate" };
        depthOption.AcceptOnlyFromAmong("gate", "default", "deep");
        var threadsOption = new Option<int?>("--threads") { Description = "Claims searched in parallel at most (default: every core); the verdicts do not depend on it" };
        var shardOption = new Option<string?>("--shard") { Description = "Search shard k/N of the catalogue only (with --results); join the shards with `claims merge`" };
        var resultsOption = new Option<string?>("--results") { Description = "Write the results as JSON to this file (for `claims merge`)" };
        var writeDocsOption = new Option<bool>("--write-docs") { Description = "Rewrite docs/audit.md and docs/counterexamples/ (gate depth, default seed)" };
        var claims = new Command("claims", "Search the claims catalogue and print every verdict") { idOption, depthOption, seedOption, threadsOption, shardOption, resultsOption, writeDocsOption };
        claims.SetAction(parse => ClaimsCommand.Run(
            parse.GetValue(idOption), parse.GetValue(depthOption)!, parse.GetValue(seedOption), parse.GetValue(threadsOption),
            parse.GetValue(shardOption), parse.GetValue(resultsOption), parse.GetValue(writeDocsOption)));
        var mergeFiles = new Argument<string[]>("files") { Description = "The results files of every shard of one run", Arity = ArgumentArity.OneOrMore };
        var mergeDocsOption = new Option<bool>("--write-docs") { Description = "Rewrite docs/audit.md and docs/counterexamples/ from the merged gate-depth results" };
        var merge = new Command("merge", "Join the results files of a sharded claims search; prints exactly what one machine prints") { mergeFiles, mergeDocsOption };
        merge.SetAction(parse => ClaimsCommand.Merge(parse.GetValue(mergeFiles)!, parse.GetValue(mergeDocsOption)));
        claims.Subcommands.Add(merge);

        var variants = new Command("variants", "Print |Δθ_t|/lr of every StochGradAdam reading and both AMSGrads on g ≡ 1");
        variants.SetAction(_ =>
        {
            VariantTable.Write(Console.Out);
            return ExitCodes.Success;
        });

        var dirOption = new Option<string>("--dir") { Description = "Folder of *.verified.jsonl files", DefaultValueFactory = _ => Path.Combine("tests", "Golden", "Verified") };
        var golden = new Command("golden", "Replay every golden file with the reference and report the first difference, if any") { dirOption };
        golden.SetAction(parse => GoldenCommand.Run(parse.GetValue(dirOption)!));
        golden.Subcommands.Add(GoldenCompareCommand.Create(error));

        var optimaDocsOption = new Option<bool>("--write-docs") { Description = "Replace the measured table in docs/convex.md" };
        var optima = new Command("optima", "Solve the full MNIST and IMDB problems and report times, F* and KKT residuals") { dataOption, optimaDocsOption };
        optima.SetAction(parse => OptimaCommand.Run(parse.GetValue(dataOption), parse.GetValue(optimaDocsOption)));

        // A named root rather than RootCommand, whose name is the host process's ("testhost" under the tests).
        return new Command(ProgramName, "StochGradAdam and DASGrad: proof audit, experiments and report")
        {
            new HelpOption(), new VersionOption(), audit, experiment, claims, golden, optima, variants, DataCommand.Create(),
        };

        AuditSettings Settings(ParseResult parse, string command)
        {
            if (parse.GetValue(fullOption) && parse.GetValue(quickOption))
            {
                throw new UsageException("--full and --quick exclude each other.");
            }

            string output = parse.GetValue(outOption)!;
            if (parse.GetValue(resumeOption) && !Directory.Exists(Path.Combine(output, AuditRunner.RunsFolder)))
            {
                throw new UsageException($"--resume: '{Path.GetFullPath(output)}' holds no runs of an earlier audit ({AuditRunner.RunsFolder}/ is missing); run without --resume to start one.");
            }

            OutputFolder.EnsureWritable(output, "--out");
            return new AuditSettings(
                output,
                parse.GetValue(dataOption),
                parse.GetValue(seedOption),
                Quick: !parse.GetValue(fullOption),
                parse.GetValue(deviceOption),
                command == "audit" ? parse.GetValue(auditDepthOption)! : "gate",
                "dotnet run --project src/Audit -c Release -- " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)),
                parse.GetValue(runThreadsOption));
        }
    }
}
