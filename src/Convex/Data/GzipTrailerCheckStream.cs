using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Verification.Convex.Data;

/// <summary>
/// Decompresses a gzip file and, at the end, compares the number of bytes produced with the ISIZE field of the gzip
/// trailer (RFC 1952, the last four bytes: uncompressed length mod 2^32). <see cref="GZipStream"/> simply reports end
/// of stream when a file is cut off between deflate blocks, so without this check a truncated text file would read as
/// a shorter valid one. The check covers the usual single-member files; a multi-member file is compared against its
/// last member's ISIZE only and is reported as truncated.
/// </summary>
internal sealed class GzipTrailerCheckStream : Stream
{
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly uint _expectedSize;
    private bool _checked;

    public GzipTrailerCheckStream(FileStream file)
    {
        _file = file;
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        _expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        file.Position = 0;
        _gzip = new GZipStream(file, CompressionMode.Decompress);
    }

    /// <summary>Bytes decompressed so far.</summary>
    public long DecompressedBytes { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => DecompressedBytes;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int got = _gzip.Read(buffer);
        DecompressedBytes += got;
        if (got == 0 && buffer.Length > 0 && !_checked)
        {
            _checked = true;
            if ((uint)DecompressedBytes != _expectedSize)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"gzip data ends after {DecompressedBytes} decompressed bytes but the trailer records {_expectedSize} (mod 2^32): the file is cut short"));
            }
        }

        return got;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
