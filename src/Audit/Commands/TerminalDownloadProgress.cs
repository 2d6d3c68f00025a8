using Spectre.Console;
using Verification.Convex.Data.Download;

namespace Verification.Audit.Commands;

/// <summary>Download progress as a live Spectre.Console bar on standard error (bytes, total, rate, time left), keeping standard output clean.</summary>
internal sealed class TerminalDownloadProgress : IDownloadProgress
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public Task TrackAsync(string label, Func<ITransferMeter, Task> transfer) =>
        _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(label), maxValue: 1);
                task.IsIndeterminate = true;
                await transfer(new Meter(task, _console, label)).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            });

    private sealed class Meter(ProgressTask task, IAnsiConsole console, string label) : ITransferMeter
    {
        public void Begin(long startBytes, long? totalBytes)
        {
            task.IsIndeterminate = totalBytes is null;
            task.MaxValue = Math.Max(1, totalBytes ?? startBytes);
            task.Value = startBytes;
        }

        public void Advance(long bytesOnDisk)
        {
            if (bytesOnDisk > task.MaxValue)
            {
                task.MaxValue = bytesOnDisk;
            }

            task.Value = bytesOnDisk;
        }

        public void Note(string message) => console.MarkupLine(Markup.Escape($"{label}: {message}"));
    }
}
