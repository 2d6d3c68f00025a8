namespace Verification.Convex.Data;

/// <summary>A label outside the dataset's label set (a digit above 9, a sentiment other than 0/1).</summary>
public sealed class UnknownLabelException : DataFormatException
{
    /// <summary>Creates the exception naming the label text as found.</summary>
    public UnknownLabelException(string fileName, long position, DataPositionKind kind, string label, string allowed)
        : base(fileName, position, kind, $"unknown label '{label}' (allowed: {allowed})")
    {
        Label = label;
    }

    /// <summary>The label as it appears in the file.</summary>
    public string Label { get; }
}
