namespace Verification.Convex.Data.Download;

/// <summary>What one transfer reports while it runs.</summary>
public interface ITransferMeter
{
    /// <summary>A request was answered: <paramref name="startBytes"/> are already on disk (a resumed file), of <paramref name="totalBytes"/> when known.</summary>
    void Begin(long startBytes, long? totalBytes);

    /// <summary><paramref name="bytesOnDisk"/> bytes of the file are now on disk.</summary>
    void Advance(long bytesOnDisk);

    /// <summary>A message about the transfer (a restart, a resume), shown without disturbing the progress display.</summary>
    void Note(string message);
}
