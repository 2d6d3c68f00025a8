namespace Verification.Golden.Compare;

/// <summary>Where a value sits in a trajectory: the step (or the end line), the field path and the array index.</summary>
/// <param name="Step">The 1-based step, or <see cref="EndStep"/> for the end line.</param>
/// <param name="Field">The field path as in a step line: <c>theta</c>, <c>state.buffers.m</c>, <c>final_loss</c>.</param>
/// <param name="Index">The 0-based index into an array field; null for a field that holds one value.</param>
internal readonly record struct TrajectoryKey(int Step, string Field, int? Index)
{
    /// <summary>The step number that stands for the end line (after every step).</summary>
    public const int EndStep = int.MaxValue;

    /// <summary>Whether the key is the end line's.</summary>
    public bool AtEnd => Step == EndStep;

    /// <summary>"step 3 [2]", "step 3" or "end", as the summary's <c>at</c> column shows it.</summary>
    public string Where()
    {
        string place = AtEnd ? "end" : $"step {Step}";
        return Index is int i ? $"{place} [{i}]" : place;
    }
}
