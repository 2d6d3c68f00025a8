using System.Collections.Concurrent;

namespace Verification.Audit.Experiments.Runs;

/// <summary>
/// Where run results live: each run's CSV under <c>runs/&lt;experiment&gt;/</c> of the output folder, written the moment the
/// run finishes (to a temporary file, then renamed, so a killed process never leaves half a file). A later audit into
/// the same folder reuses a result whose recorded settings equal the new run's exactly and recomputes every other.
/// Without a folder, results are kept in memory only.
/// </summary>
public sealed class RunStore
{
    private const string SettingsPrefix = "settings: ";

    /// <summary>The comment naming the columns that hold wall-clock measurements (they differ between two runs of the same settings).</summary>
    public const string WallClockPrefix = "wall-clock columns: ";
    private readonly string? _directory;
    private readonly ConcurrentDictionary<string, Lazy<RunRecord>> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _notes = new();
    private int _reused, _computed;

    /// <summary>A store writing under <paramref name="directory"/> (the <c>runs</c> folder of a report), or in memory when null.</summary>
    public RunStore(string? directory) => _directory = directory;

    /// <summary>Results read back from files instead of being computed.</summary>
    public int Reused => _reused;

    /// <summary>Results computed in this process.</summary>
    public int Computed => _computed;

    /// <summary>Files that were found but not reused, and why (changed settings, unreadable content).</summary>
    public IReadOnlyCollection<string> Notes => _notes.ToArray();

    /// <summary>The file of run <paramref name="key"/> of <paramref name="experiment"/>, or null in memory.</summary>
    public string? PathOf(string experiment, string key) =>
        _directory is null ? null : Path.Combine(_directory, Safe(experiment), Safe(key.Replace("/", "__", StringComparison.Ordinal)) + ".csv");

    /// <summary>
    /// The result of run <paramref name="key"/>: read back when its file records exactly <paramref name="settings"/>,
    /// else computed by <paramref name="compute"/> and written. Each key is computed at most once per process, however
    /// many threads ask for it at once.
    /// </summary>
    /// <param name="experiment">The experiment's name.</param>
    /// <param name="key">The run within the experiment, e.g. <c>mnist/Adam/alpha=0.01/eval-03</c>.</param>
    /// <param name="settings">Everything the result depends on, as one line (compared as text).</param>
    /// <param name="wallClockColumns">Columns holding wall-clock measurements.</param>
    /// <param name="compute">Runs the experiment's configuration.</param>
    /// <exception cref="InvalidOperationException">The same key was asked for with two different settings in one process (a bug in the experiment).</exception>
    public RunRecord GetOrRun(string experiment, string key, string settings, IReadOnlyCollection<string> wallClockColumns, Func<RunRecord> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (settings.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("Settings must be one line.", nameof(settings));
        }

        string id = experiment + "|" + key;
        string recorded = _settings.GetOrAdd(id, settings);
        if (recorded != settings)
        {
            throw new InvalidOperationException($"Run {experiment}/{key} was asked for with two different settings: '{recorded}' and '{settings}'.");
        }

        Lazy<RunRecord> lazy = _runs.GetOrAdd(id, _ => new Lazy<RunRecord>(() => Load(experiment, key, settings, wallClockColumns, compute), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (OperationCanceledException)
        {
            // A cancelled run must not stay cached as cancelled: a later request in the same process computes it again.
            _runs.TryRemove(new KeyValuePair<string, Lazy<RunRecord>>(id, lazy));
            throw;
        }
    }

    /// <summary>Whether run <paramref name="key"/> is already available (in memory, or on disk with the same settings) without computing.</summary>
    public bool IsAvailable(string experiment, string key, string settings)
    {
        string id = experiment + "|" + key;
        if (_runs.TryGetValue(id, out Lazy<RunRecord>? lazy) && lazy.IsValueCreated)
        {
            return true;
        }

        return PathOf(experiment, key) is { } path && File.Exists(path) && ReadSettings(path) == settings;
    }

    private RunRecord Load(string experiment, string key, string settings, IReadOnlyCollection<string> wallClockColumns, Func<RunRecord> compute)
    {
        string? path = PathOf(experiment, key);
        if (path is not null && File.Exists(path))
        {
            try
            {
                RunRecord stored = RunRecord.Parse(File.ReadAllText(path), wallClockColumns, out List<string> comments);
                if (comments.Contains(SettingsPrefix + settings))
                {
                    Interlocked.Increment(ref _reused);
                    return stored;
                }

                _notes.Enqueue($"{Relative(path)}: recomputed, its settings differ from this run's");
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException)
            {
                _notes.Enqueue($"{Relative(path)}: recomputed, the file is unreadable ({e.Message})");
            }
        }

        RunRecord record = compute();
        Interlocked.Increment(ref _computed);
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temporary = path + ".partial";
            File.WriteAllText(temporary, record.ToCsv([$"experiment: {experiment}", $"run: {key}", SettingsPrefix + settings, WallClockPrefix + string.Join(' ', record.Columns.Where(record.WallClockColumns.Contains))]));
            File.Move(temporary, path, overwrite: true);
        }

        return record;
    }

    private static string? ReadSettings(string path)
    {
        foreach (string line in File.ReadLines(path))
        {
            if (!line.StartsWith("# ", StringComparison.Ordinal))
            {
                break;
            }

            if (line.StartsWith("# " + SettingsPrefix, StringComparison.Ordinal))
            {
                return line[(2 + SettingsPrefix.Length)..];
            }
        }

        return null;
    }

    private string Relative(string path) => _directory is null ? path : Path.GetRelativePath(Path.GetDirectoryName(_directory) ?? _directory, path);

    // Keys become file names: a character outside this set would have to be replaced, and two keys could then share a file.
    private static string Safe(string s) => s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '=' or '_')
        ? s
        : throw new ArgumentException($"Run key or experiment name '{s}' holds a character outside A–Z, a–z, 0–9, '-', '.', '=', '_' and '/'.", nameof(s));
}
