using System.Globalization;
using System.Text;
using Verification.Convex.Data;

namespace Verification.Convex.Features;

/// <summary>
/// An ordered token list with a token → index map. The official <c>imdb.vocab</c> lists 89,527 tokens in decreasing
/// corpus frequency, so its first K entries are the K most frequent tokens; <see cref="Top"/> relies on that order.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates a vocabulary from distinct tokens, index = position.</summary>
    /// <exception cref="ArgumentException">Empty, or a token is repeated.</exception>
    public Vocabulary(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
        {
            throw new ArgumentException("A vocabulary needs at least one token.", nameof(tokens));
        }

        _index = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!_index.TryAdd(tokens[i], i))
            {
                throw new ArgumentException($"Token '{tokens[i]}' appears twice (positions {_index[tokens[i]].ToString(CultureInfo.InvariantCulture)} and {i.ToString(CultureInfo.InvariantCulture)}).", nameof(tokens));
            }
        }

        Tokens = tokens.ToArray();
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The tokens, in index order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The number of tokens.</summary>
    public int Count => Tokens.Count;

    /// <summary>The index of <paramref name="token"/>, or -1 when it is not in the vocabulary.</summary>
    public int IndexOf(ReadOnlySpan<char> token) => _lookup.TryGetValue(token, out int index) ? index : -1;

    /// <summary>The first <paramref name="k"/> tokens (all of them when k ≥ <see cref="Count"/>).</summary>
    public Vocabulary Top(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return k >= Count ? this : new Vocabulary(Tokens.Take(k).ToArray());
    }

    /// <summary>Reads a vocabulary file (gzipped or raw): one token per line, UTF-8, a final newline optional.</summary>
    /// <exception cref="EmptyVocabularyException">The file holds no tokens.</exception>
    /// <exception cref="MalformedLineException">A blank line or a repeated token.</exception>
    public static Vocabulary Load(string path)
    {
        var tokens = new List<string>(90_000);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        using Stream stream = PositionedReader.OpenMaybeGzip(path);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        long lineNumber = 0;
        try
        {
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                lineNumber++;
                if (line.Length == 0 || line.Trim().Length != line.Length)
                {
                    throw new MalformedLineException(path, lineNumber, "a vocabulary line must hold one token without surrounding white space");
                }

                if (!seen.TryAdd(line, lineNumber))
                {
                    throw new MalformedLineException(path, lineNumber, $"token '{line}' repeats line {seen[line].ToString(CultureInfo.InvariantCulture)}");
                }

                tokens.Add(line);
            }
        }
        catch (InvalidDataException e)
        {
            throw new TruncatedDataException(path, lineNumber + 1, DataPositionKind.Line, $"compressed stream is corrupt or cut short after line {lineNumber.ToString(CultureInfo.InvariantCulture)} ({e.Message})", e);
        }

        if (tokens.Count == 0)
        {
            throw new EmptyVocabularyException(path, lineNumber, "the vocabulary holds no tokens");
        }

        return new Vocabulary(tokens);
    }
}
