namespace Verification.Golden.Compare;

/// <summary>Every value one file records, keyed by step, field and index, with the steps that hold any.</summary>
/// <param name="Name">The file name messages and the report use.</param>
/// <param name="Form">"golden JSON Lines" or "CSV".</param>
internal sealed record Trajectory(string Name, string Form)
{
    private readonly Dictionary<TrajectoryKey, RecordedValue> _values = [];
    private readonly HashSet<int> _steps = [];

    /// <summary>The recorded values.</summary>
    public IReadOnlyDictionary<TrajectoryKey, RecordedValue> Values => _values;

    /// <summary>The steps with at least one value (<see cref="TrajectoryKey.EndStep"/> for the end line).</summary>
    public IReadOnlySet<int> Steps => _steps;

    /// <summary>The scenario id of a golden file's header.</summary>
    public string? Scenario { get; init; }

    /// <summary>A golden file's step count.</summary>
    public int StepCount { get; init; }

    /// <summary>Adds a value.</summary>
    /// <exception cref="TrajectoryFormatException">The key is already recorded (at <paramref name="line"/>).</exception>
    public void Put(TrajectoryKey key, RecordedValue value, int line)
    {
        if (!_values.TryAdd(key, value))
        {
            string index = key.Index is int i ? $", index {i}" : "";
            throw new TrajectoryFormatException(Name, line, $"step {(key.AtEnd ? "end" : key.Step.ToString(System.Globalization.CultureInfo.InvariantCulture))}, field {key.Field}{index} is recorded twice");
        }

        _steps.Add(key.Step);
    }
}
