namespace Verification.Convex.Data.Download;

/// <summary>Shows the progress of downloads: a live bar on a terminal, lines in a log otherwise.</summary>
public interface IDownloadProgress
{
    /// <summary>Runs <paramref name="transfer"/>, showing what it reports to its meter under <paramref name="label"/>.</summary>
    Task TrackAsync(string label, Func<ITransferMeter, Task> transfer);
}
