using Spectre.Console;
using Verification.Audit.Cli;
using Verification.Golden.Format;
using Verification.Golden.Recording;

namespace Verification.Audit.Commands;

/// <summary>
/// <c>golden [--dir DIR]</c>: replays every golden file with the reference and prints, per file, whether it is
/// reproduced bit for bit or the first differing step and field.
/// </summary>
internal static class GoldenCommand
{
    public static int Run(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"no golden folder at {Path.GetFullPath(directory)} (run from the repository root, or pass --dir).");
        }

        string[] files = Directory.GetFiles(directory, "*.verified.jsonl").Order(StringComparer.Ordinal).ToArray();
        int failures = 0;
        AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            ProgressTask task = ctx.AddTask($"golden files ({files.Length})", maxValue: files.Length);
            foreach (string file in files)
            {
                string name = Path.GetFileName(file);
                try
                {
                    GoldenReplay.Check(File.ReadAllText(file), name);
                    AnsiConsole.MarkupLine($"[green]reproduced[/] {Markup.Escape(name)}");
                }
                catch (Exception e) when (e is GoldenFormatException or GoldenMismatchException or IOException)
                {
                    failures++;
                    AnsiConsole.MarkupLine($"[red]FAILED[/]     {Markup.Escape(name)}: {Markup.Escape(e.Message)}");
                }

                task.Increment(1);
            }
        });

        Console.WriteLine($"{files.Length - failures} of {files.Length} golden files reproduced bit for bit by the reference.");
        return failures == 0 && files.Length > 0 ? 0 : 1;
    }
}
