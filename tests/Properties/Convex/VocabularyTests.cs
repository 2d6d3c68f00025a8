using System.Text;
using Verification.Convex.Data;
using Verification.Convex.Features;

namespace Verification.Properties.Convex;

public sealed class VocabularyTests
{
    [Fact]
    public void Empty_vocabulary_file_is_an_empty_vocabulary_error()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteGzip("imdb.vocab.gz", []);
        var e = Assert.Throws<EmptyVocabularyException>(() => Vocabulary.Load(path));
        Assert.Equal((path, DataPositionKind.Line), (e.FileName, e.PositionKind));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_line_and_repeated_token_are_malformed_lines()
    {
        using var dir = new TempDirectory();
        string blank = dir.WriteBytes("a.vocab", Encoding.UTF8.GetBytes("the\n\nand\n"));
        Assert.Equal(2L, Assert.Throws<MalformedLineException>(() => Vocabulary.Load(blank)).LineNumber);
        string repeated = dir.WriteBytes("b.vocab", Encoding.UTF8.GetBytes("the\nand\nthe\n"));
        var e = Assert.Throws<MalformedLineException>(() => Vocabulary.Load(repeated));
        Assert.Equal(3L, e.LineNumber);
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_k_keeps_the_first_tokens_in_file_order()
    {
        using var dir = new TempDirectory();
        string path = dir.WriteBytes("v", Encoding.UTF8.GetBytes("the\nand\nsci-fi\n!\n"));
        Vocabulary v = Vocabulary.Load(path);
        Assert.Equal(4, v.Count);
        Assert.Equal(["the", "and"], v.Top(2).Tokens);
        Assert.Equal(2, v.IndexOf("sci-fi"));
        Assert.Equal(-1, v.IndexOf("missing"));
        Assert.Same(v, v.Top(100));
    }

    [Fact]
    public void Official_vocabulary_has_its_published_size()
    {
        Vocabulary v = Vocabulary.Load(RealData.Path(System.IO.Path.Combine("imdb", "imdb.vocab.gz")));
        // The README's 89,527 tokens; the file's last line has no newline.
        Assert.Equal(89_527, v.Count);
        Assert.Equal(["the", "and", "a", "of", "to"], v.Top(5).Tokens);
        Assert.Equal(27, v.IndexOf("!"));
    }
}
