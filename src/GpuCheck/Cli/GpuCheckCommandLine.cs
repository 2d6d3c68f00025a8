using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using Verification.Gpu.Devices;
using Verification.Gpu.Interop;

namespace Verification.GpuCheck.Cli;

/// <summary>
/// The command line of <c>gpu-check</c>: parses and validates every option before any device work, and maps what the
/// run throws to <see cref="GpuCheckExitCodes"/> (one line for a mistake, the stack trace only for a bug).
/// </summary>
public static class GpuCheckCommandLine
{
    /// <summary>The program's name in help and messages.</summary>
    public const string ProgramName = "gpu-check";

    /// <summary>Runs the command line <paramref name="args"/>; the report goes to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    /// <returns>One of <see cref="GpuCheckExitCodes"/>.</returns>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Build(output);
        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            error.WriteLine($"error: {ParseError(parse)}");
            return GpuCheckExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (GpuCheckUsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return GpuCheckExitCodes.UsageError;
        }
        catch (NoOpenClDeviceException e)
        {
            error.WriteLine($"error: {e.Message}");
            return GpuCheckExitCodes.NoDevice;
        }
#pragma warning disable CA1031 // The top of the program: anything else is a bug, reported with its stack trace and exit code 70.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine("internal error: this is a bug, not a mistake in the command; please report it with the text below.");
            error.WriteLine(e.ToString());
            return GpuCheckExitCodes.InternalError;
        }
    }

    private static Command Build(TextWriter output)
    {
        var device = new Option<string?>("--device") { Description = $"Device whose name, vendor or platform contains this (default: ${OpenClDevices.SelectionVariable}, else an NVIDIA GPU, another GPU, an accelerator, a CPU)" };
        var library = new Option<string?>("--opencl-library") { Description = $"Load OpenCL from this file instead of {OpenClLibrary.LoaderName} (for example NVIDIA's {OpenClLibrary.NvidiaDriverName}; default: ${OpenClLibrary.PathVariable})" };
        var outFolder = new Option<string>("--out") { Description = "Folder for gpu-check.md and gpu-check.json", DefaultValueFactory = _ => Path.Combine("out", "gpu-check") };
        var quick = new Option<bool>("--quick") { Description = "Quick scale: the same cross-check, a 10^6-element benchmark with 4 timings (about 25 s on 2 CPU cores with PoCL)" };
        var sizes = new Option<string?>("--sizes") { Description = "Comma-separated cross-check dimensions (default 0,1,7,257,100003,1000000)" };
        var steps = new Option<int>("--steps") { Description = "Steps per cross-check run; step 2 has an all-zero gradient", DefaultValueFactory = _ => GpuCheckSettings.DefaultSteps };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every input", DefaultValueFactory = _ => GpuCheckSettings.DefaultSeed };
        var benchSize = new Option<int?>("--bench-size") { Description = "Benchmark dimension (default 10^7; --quick 10^6)" };
        var benchReps = new Option<int?>("--bench-reps") { Description = "Timings of Adam and masked_adam (the others get a quarter); 0 skips the benchmark (default 20; --quick 4)" };
        var root = new Command(ProgramName, "Check the OpenCL device against the reference for every optimizer of the catalogue (float64 bit for bit, float32 within 2^-19), time the steps against a STREAM triad, and write gpu-check.md and gpu-check.json")
        {
            new HelpOption(), new VersionOption(), device, library, outFolder, quick, sizes, steps, seed, benchSize, benchReps,
        };
        root.SetAction(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            var settings = new GpuCheckSettings(
                parse.GetValue(device),
                parse.GetValue(library),
                parse.GetValue(outFolder)!,
                isQuick,
                ParseSizes(parse.GetValue(sizes)),
                Positive(parse.GetValue(steps), "--steps"),
                parse.GetValue(seed),
                Positive(parse.GetValue(benchSize) ?? (isQuick ? GpuCheckSettings.QuickBenchmarkSize : GpuCheckSettings.DefaultBenchmarkSize), "--bench-size"),
                NonNegative(parse.GetValue(benchReps) ?? (isQuick ? GpuCheckSettings.QuickBenchmarkRepetitions : GpuCheckSettings.DefaultBenchmarkRepetitions), "--bench-reps"));
            return GpuCheckRun.Execute(settings, output);
        });
        return root;
    }

    /// <summary>The sizes of <c>--sizes</c>, or the defaults.</summary>
    /// <exception cref="GpuCheckUsageException">An entry is not a whole number in [0, 2^31 − 1].</exception>
    internal static IReadOnlyList<int> ParseSizes(string? text)
    {
        if (text is null)
        {
            return GpuCheckSettings.DefaultSizes;
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new List<int>();
        foreach (string part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                throw new GpuCheckUsageException($"--sizes '{text}': '{part}' is not a dimension (a whole number from 0 to {int.MaxValue}, comma-separated).");
            }

            values.Add(value);
        }

        return values;
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new GpuCheckUsageException($"{option} must be at least 1, not {value}.");

    private static int NonNegative(int value, string option) =>
        value >= 0 ? value : throw new GpuCheckUsageException($"{option} must be 0 or more, not {value}.");

    /// <summary>The first parse error on one line, with where help is.</summary>
    private static string ParseError(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            return token.StartsWith('-')
                ? $"unknown option '{token}' (see '{ProgramName} --help')."
                : $"unexpected argument '{token}' (see '{ProgramName} --help').";
        }

        string message = parse.Errors.Count > 0 ? string.Join(' ', parse.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : "the command line does not parse";
        return $"{message.TrimEnd('.')} (see '{ProgramName} --help').";
    }
}
