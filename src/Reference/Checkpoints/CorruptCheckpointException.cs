namespace Verification.Reference.Checkpoints;

/// <summary>A saved optimizer state cannot be read: the message names the line and what is wrong with it.</summary>
public sealed class CorruptCheckpointException : FormatException
{
    /// <summary>Creates the exception for 1-based line <paramref name="line"/>.</summary>
    public CorruptCheckpointException(int line, string problem)
        : base($"Corrupt optimizer checkpoint at line {line}: {problem}")
    {
        Line = line;
    }

    /// <summary>The 1-based line where reading failed.</summary>
    public int Line { get; }
}
