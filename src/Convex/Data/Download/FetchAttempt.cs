namespace Verification.Convex.Data.Download;

/// <summary>One source that was tried for a data file and why it was not used.</summary>
/// <param name="Source">The URL (or local archive path) tried.</param>
/// <param name="Reason">What went wrong: an HTTP status, a network error, a timeout or a digest mismatch.</param>
public sealed record FetchAttempt(string Source, string Reason);
