using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Imdb;

namespace Verification.Convex.Data.Download;

/// <summary>
/// The aclImdb tarball and the three files the readers need, built from it: the two TSVs and the gzipped vocabulary.
/// The built files are checked by the SHA-256 of their uncompressed content, because gzip output differs between
/// compressors while the content pinned by the staged data does not.
/// </summary>
/// <param name="Tarball">The tarball (<c>imdb/aclImdb_v1.tar.gz</c>), its download URLs and its official digest.</param>
/// <param name="TrainTsv">The training TSV built from it (<c>imdb/aclImdb_train.tsv.gz</c>), with its content digest.</param>
/// <param name="TestTsv">The test TSV built from it (<c>imdb/aclImdb_test.tsv.gz</c>), with its content digest.</param>
/// <param name="Vocabulary">The vocabulary gzipped unchanged (<c>imdb/imdb.vocab.gz</c>), with its content digest.</param>
public sealed record AclImdbArchive(DataFileInfo Tarball, DataFileInfo TrainTsv, DataFileInfo TestTsv, DataFileInfo Vocabulary)
{
    /// <summary>The official tarball and the digests of the staged IMDB files.</summary>
    public static AclImdbArchive Official { get; } = new(
        OfficialDataFiles.AclImdbTarball,
        Staged(ImdbLoader.TsvRelativePath(ImdbSplit.Train)),
        Staged(ImdbLoader.TsvRelativePath(ImdbSplit.Test)),
        Staged(ImdbLoader.VocabularyRelativePath));

    /// <summary>The files built from the tarball, in the order train, test, vocabulary.</summary>
    public IReadOnlyList<DataFileInfo> Outputs => [TrainTsv, TestTsv, Vocabulary];

    private static DataFileInfo Staged(string relativePath) =>
        OfficialDataFiles.StagedImdb.Single(f => f.RelativePath == relativePath);
}
