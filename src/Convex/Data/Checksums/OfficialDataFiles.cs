namespace Verification.Convex.Data.Checksums;

/// <summary>
/// The official download locations and SHA-256 digests of MNIST and aclImdb v1, and the digests of the staged files
/// in <c>../shared/data</c> (see its README) so that a local copy can be checked without a network.
/// </summary>
public static class OfficialDataFiles
{
    private static readonly Uri[] MnistBases =
    [
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
        new("http://yann.lecun.com/exdb/mnist/"),
    ];

    /// <summary>The four MNIST files (official .gz digests, and digests of their decompressed IDX content).</summary>
    public static IReadOnlyList<DataFileInfo> Mnist { get; } =
    [
        MnistFile("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        MnistFile("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        MnistFile("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        MnistFile("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    /// <summary>The official aclImdb v1 tarball (Maas et al. 2011), to be unpacked into the folder layout.</summary>
    public static DataFileInfo AclImdbTarball { get; } = new(
        Path.Combine("imdb", "aclImdb_v1.tar.gz"),
        [new Uri("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz")],
        "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe",
        null);

    /// <summary>The staged IMDB files of <c>../shared/data/imdb</c> (not downloadable: built from the official release).</summary>
    public static IReadOnlyList<DataFileInfo> StagedImdb { get; } =
    [
        new(Path.Combine("imdb", "aclImdb_train.tsv.gz"), [], "258b43f3b2858ba336c47e0be27010af2b7f26f287c7909361a88995d5b7cc8b", "bb4135515b428ad2e76645c05d0d99ed15b51a9132671ddaaeadd7f49869b0d7"),
        new(Path.Combine("imdb", "aclImdb_test.tsv.gz"), [], "06d6ee0cae3556b75a487073b0db4d11de308c6ae8aeb63cf0815506b9cedf9d", "4c29f0606f05921d8915b939b121b98b30d50ad67db6241d9354e9a4e571629f"),
        new(Path.Combine("imdb", "imdb.vocab.gz"), [], "9800447b3b470230d3ecc186fcbb1c698be189456bf9e41f067030d153edd386", "01a13a306bd9e5a7826b8a0fc25a7a6017f143d86c1582f17857bb731fd252dc"),
    ];

    private static DataFileInfo MnistFile(string name, string sha256, string contentSha256) =>
        new(Path.Combine("mnist", name), MnistBases.Select(b => new Uri(b, name)).ToArray(), sha256, contentSha256);
}
