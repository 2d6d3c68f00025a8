namespace Verification.Convex.Data.Download;

/// <summary>A download arrived but its bytes are not the published file (a digest mismatch, a malformed archive); the message is the reason.</summary>
internal sealed class ContentRejectedException(string reason, Exception inner) : Exception(reason, inner);
