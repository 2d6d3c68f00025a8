namespace Verification.Convex.Data.Download;

/// <summary>An environment setting of the data fetch (mirror list, timeout) has a value that cannot be used; the message names it.</summary>
public sealed class DataSettingException : Exception
{
    /// <summary>Creates the exception for <paramref name="variable"/> with the message naming it and its value.</summary>
    public DataSettingException(string variable, string message)
        : base(message)
    {
        Variable = variable;
    }

    /// <summary>The environment variable whose value was refused.</summary>
    public string Variable { get; }
}
