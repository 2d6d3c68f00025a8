namespace Verification.Convex.Data.Download;

/// <summary>
/// One URL did not deliver its file: an HTTP status, a network error, a timeout or a cut connection. The message is
/// the reason shown to the user; <see cref="BytesWritten"/> tells whether the transfer made progress worth resuming.
/// </summary>
internal sealed class TransferFailedException(string reason, long bytesWritten, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>Bytes this attempt added to the partial file before it failed.</summary>
    public long BytesWritten { get; } = bytesWritten;
}
