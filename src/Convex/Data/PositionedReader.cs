using System.Buffers.Binary;

namespace Verification.Convex.Data;

/// <summary>
/// Reads exact byte counts from a possibly gzipped file while tracking the decompressed offset, so that every format
/// error can name the file and the position. Gzip is recognised by its magic bytes 1F 8B, not by the file name.
/// </summary>
internal sealed class PositionedReader : IDisposable
{
    private readonly Stream _stream;

    private PositionedReader(string fileName, Stream stream)
    {
        FileName = fileName;
        _stream = stream;
    }

    public string FileName { get; }

    public long Position { get; private set; }

    public static PositionedReader Open(string path) => new(path, OpenMaybeGzip(path));

    /// <summary>Opens <paramref name="path"/> for reading, transparently decompressing it when it is gzipped.</summary>
    public static Stream OpenMaybeGzip(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> head = stackalloc byte[2];
        int got = file.Read(head);
        file.Position = 0;
        if (got == 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            if (file.Length < 18)
            {
                // Shorter than a gzip header plus trailer: nothing valid can follow.
                long length = file.Length;
                file.Dispose();
                throw new TruncatedDataException(path, 0, $"gzip file has only {length} bytes, fewer than a header and trailer");
            }

            return new BufferedStream(new GzipTrailerCheckStream(file), 1 << 16);
        }

        return file;
    }

    public int ReadInt32BigEndian(string what)
    {
        Span<byte> buffer = stackalloc byte[4];
        ReadExactly(buffer, what);
        return BinaryPrimitives.ReadInt32BigEndian(buffer);
    }

    public void ReadExactly(Span<byte> destination, string what)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int got;
            try
            {
                got = _stream.Read(destination[done..]);
            }
            catch (InvalidDataException e)
            {
                // A gzip member cut short or corrupted surfaces here; report it where the good data ended.
                throw new TruncatedDataException(FileName, Position + done, $"compressed stream is corrupt or cut short while reading {what} ({e.Message})", e);
            }

            if (got == 0)
            {
                throw new TruncatedDataException(FileName, Position + done,
                    $"file ends after {done} of the {destination.Length} bytes of {what}");
            }

            done += got;
        }

        Position += done;
    }

    /// <summary>True when the stream has no more bytes (used to reject trailing data).</summary>
    public bool AtEnd()
    {
        Span<byte> one = stackalloc byte[1];
        try
        {
            return _stream.Read(one) == 0;
        }
        catch (InvalidDataException e)
        {
            throw new TruncatedDataException(FileName, Position, $"compressed stream is corrupt after the expected content ({e.Message})", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
