using System.Diagnostics;
using System.Globalization;

namespace Verification.Convex.Data.Download;

/// <summary>
/// Download progress as plain lines, for logs and pipes where a redrawn bar would be noise: one line each time a tenth
/// of the file more is on disk (every 10 MB when the size is unknown), with the bytes, the total and the rate, and one
/// when the transfer ends.
/// </summary>
public sealed class TextDownloadProgress : IDownloadProgress
{
    private readonly TextWriter _log;

    /// <summary>Writes progress lines to <paramref name="log"/>.</summary>
    public TextDownloadProgress(TextWriter log) => _log = log ?? throw new ArgumentNullException(nameof(log));

    /// <inheritdoc />
    public async Task TrackAsync(string label, Func<ITransferMeter, Task> transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var meter = new Meter(_log, label);
        await transfer(meter).ConfigureAwait(false);
        meter.Finish();
    }

    /// <summary><paramref name="bytes"/> in decimal units with three significant figures or so ("28.9 kB", "9.63 MB").</summary>
    public static string FormatBytes(double bytes) => bytes switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB"),
    };

    private sealed class Meter(TextWriter log, string label) : ITransferMeter
    {
        private const long UnknownTotalStep = 10_000_000;
        private readonly Stopwatch _clock = new();
        private long _start;
        private long? _total;
        private long _bytes;
        private long _nextReport;

        public void Begin(long startBytes, long? totalBytes)
        {
            _start = _bytes = startBytes;
            _total = totalBytes;
            _nextReport = NextReportAfter(startBytes);
            _clock.Restart();
        }

        public void Advance(long bytesOnDisk)
        {
            _bytes = bytesOnDisk;
            if (bytesOnDisk < _nextReport || (_total is { } total && bytesOnDisk >= total))
            {
                return;
            }

            string of = _total is { } t
                ? string.Create(CultureInfo.InvariantCulture, $"{100.0 * bytesOnDisk / t:0}% ({FormatBytes(bytesOnDisk)} of {FormatBytes(t)}")
                : $"{FormatBytes(bytesOnDisk)} (size unknown";
            log.WriteLine($"  {label}: {of}, {Rate()})");
            _nextReport = NextReportAfter(bytesOnDisk);
        }

        public void Note(string message) => log.WriteLine($"  {label}: {message}");

        public void Finish() =>
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label}: {FormatBytes(_bytes)} on disk, {FormatBytes(_bytes - _start)} transferred in {_clock.Elapsed.TotalSeconds:0.0} s ({Rate()})"));

        private string Rate()
        {
            double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
            return FormatBytes((_bytes - _start) / seconds) + "/s";
        }

        private long NextReportAfter(long bytes)
        {
            if (_total is not { } total || total <= 0)
            {
                return (bytes / UnknownTotalStep + 1) * UnknownTotalStep;
            }

            // The next whole tenth of the file strictly above what is already on disk.
            long tenth = Math.Max(1, total / 10);
            return (bytes / tenth + 1) * tenth;
        }
    }
}
