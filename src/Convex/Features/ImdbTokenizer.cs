namespace Verification.Convex.Features;

/// <summary>
/// A deterministic tokenizer for IMDB reviews aimed at the tokens of the official <c>imdb.vocab</c>. The original
/// tokenizer of Maas et al. is not published, so this one is a documented approximation:
/// <list type="number">
/// <item>HTML line breaks (<c>&lt;br /&gt;</c>, <c>&lt;br/&gt;</c>, <c>&lt;br&gt;</c>) are separators;</item>
/// <item>text is lower-cased with the invariant culture, one UTF-16 unit at a time;</item>
/// <item>a token is a maximal run of letters and digits, where a single apostrophe or hyphen between two letters or
/// digits joins them (<c>don't</c>, <c>sci-fi</c>, <c>made-for-tv</c>, all in the vocabulary);</item>
/// <item><c>!</c> and <c>?</c> are one-character tokens (ranks 28 and 47 of the vocabulary);</item>
/// <item>every other character separates tokens; emoticons such as <c>:)</c> (34 vocabulary entries) are not produced.</item>
/// </list>
/// The output depends only on the input string (no culture, no locale, no randomness).
/// </summary>
public static class ImdbTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        ForEachToken(text, (ReadOnlySpan<char> token) => tokens.Add(token.ToString()));
        return tokens;
    }

    /// <summary>Receives one token; the span is only valid during the call.</summary>
    public delegate void TokenVisitor(ReadOnlySpan<char> token);

    /// <summary>Calls <paramref name="visit"/> for each token of <paramref name="text"/> without allocating per token.</summary>
    public static void ForEachToken(ReadOnlySpan<char> text, TokenVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        char[] lowered = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            Span<char> low = lowered.AsSpan(0, text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                low[i] = char.ToLowerInvariant(text[i]);
            }

            int start = -1;
            int i2 = 0;
            while (i2 < text.Length)
            {
                char c = low[i2];
                if (char.IsLetterOrDigit(c))
                {
                    if (start < 0)
                    {
                        start = i2;
                    }

                    i2++;
                    continue;
                }

                if ((c == '\'' || c == '-') && start >= 0 && i2 + 1 < text.Length && char.IsLetterOrDigit(low[i2 + 1]))
                {
                    i2++;
                    continue;
                }

                if (start >= 0)
                {
                    visit(low[start..i2]);
                    start = -1;
                }

                if (c == '!' || c == '?')
                {
                    visit(low.Slice(i2, 1));
                    i2++;
                }
                else if (c == '<' && BreakTagLength(low[i2..]) is int tag and > 0)
                {
                    i2 += tag;
                }
                else
                {
                    i2++;
                }
            }

            if (start >= 0)
            {
                visit(low[start..]);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(lowered);
        }
    }

    // Length of "<br>", "<br/>" or "<br />" at the start of s (already lower-cased), else 0.
    private static int BreakTagLength(ReadOnlySpan<char> s)
    {
        if (s.StartsWith("<br>")) { return 4; }
        if (s.StartsWith("<br/>")) { return 5; }
        if (s.StartsWith("<br />")) { return 6; }
        return 0;
    }
}
