using Verification.Convex.Data;
using Verification.Convex.Data.Checksums;
using Verification.Convex.Data.Download;

namespace Verification.Properties.Convex.Download;

/// <summary>Which root the data comes from and where missing files are fetched to, and the environment variables that steer a fetch.</summary>
[Collection(LocalServerCollection.Name)]
public sealed class DataProvisioningTests
{
    private const string Labels = "t10k-labels-idx1-ubyte.gz";

    [Fact]
    public async Task A_root_holding_every_file_is_used_without_any_request()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Labels, bytes);
        using var tree = new TempDirectory();
        string shared = Path.Combine(tree.Path, "shared", "data");
        tree.WriteBytes(Path.Combine("shared", "data", info.RelativePath), bytes);
        DataFetchOptions options = FetchSetup.Options(new DataCatalog([info], null), tree.Path, mirror.Base("m"));

        Assert.Equal(shared, await DataProvisioning.ProvideAsync(null, new StringWriter(), options, verifyPresent: false));
        Assert.Equal(shared, await DataProvisioning.ProvideAsync(null, new StringWriter(), options, verifyPresent: true));
        Assert.Empty(mirror.Requests);
    }

    [Fact]
    public async Task Missing_files_are_fetched_into_the_cache_never_into_a_found_shared_data()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Labels, bytes);
        using var tree = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(tree.Path, "shared", "data", "mnist"));
        DataFetchOptions options = FetchSetup.Options(new DataCatalog([info], null), tree.Path, mirror.Base("m"));
        string cache = Path.Combine(options.HomeDirectory!, ".cache", "optaudit", "data");

        string root = await DataProvisioning.ProvideAsync(null, new StringWriter(), options, verifyPresent: false);

        Assert.Equal(cache, root);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(cache, info.RelativePath)));
        Assert.Empty(Directory.GetFiles(Path.Combine(tree.Path, "shared", "data", "mnist")));
        // The next run finds the cache through the locator's last candidate.
        Assert.Equal(Path.Combine(cache, info.RelativePath), options.Locator(null).Locate(info.RelativePath));
    }

    [Fact]
    public async Task The_environment_folder_takes_the_download_and_an_explicit_folder_overrides_it()
    {
        (DataFileInfo info, byte[] bytes) = FetchSetup.Mnist(Labels);
        using var mirror = new LocalMirror();
        mirror.Serve("/m/" + Labels, bytes);
        using var tree = new TempDirectory();
        string environmentRoot = Path.Combine(tree.Path, "from-env"), explicitRoot = Path.Combine(tree.Path, "explicit");
        DataFetchOptions options = FetchSetup.Options(new DataCatalog([info], null), tree.Path, mirror.Base("m")) with
        {
            EnvironmentLookup = name => name switch
            {
                MirrorList.EnvironmentVariable => mirror.Base("m"),
                DataLocator.EnvironmentVariable => environmentRoot,
                _ => null,
            },
        };

        Assert.Equal(environmentRoot, await DataProvisioning.ProvideAsync(null, new StringWriter(), options, verifyPresent: false));
        Assert.Equal(explicitRoot, await DataProvisioning.ProvideAsync(explicitRoot, new StringWriter(), options, verifyPresent: false));
        Assert.True(File.Exists(Path.Combine(environmentRoot, info.RelativePath)));
        Assert.True(File.Exists(Path.Combine(explicitRoot, info.RelativePath)));
        Assert.Equal(2, mirror.Requests.Count);
    }

    [Fact]
    public void The_timeout_variable_sets_the_inactivity_timeout_and_a_bad_value_is_named()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), DataFetchOptions.FromEnvironment(_ => null).InactivityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), DataFetchOptions.FromEnvironment(n => n == DataFetchOptions.TimeoutEnvironmentVariable ? "2.5" : null).InactivityTimeout);
        foreach (string bad in new[] { "0", "-3", "soon", "NaN" })
        {
            var e = Assert.Throws<DataSettingException>(() => DataFetchOptions.FromEnvironment(n => n == DataFetchOptions.TimeoutEnvironmentVariable ? bad : null));
            Assert.Contains($"{DataFetchOptions.TimeoutEnvironmentVariable} is '{bad}'", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_mirror_variable_replaces_every_files_list_with_one_url_per_base()
    {
        DataFileInfo labels = OfficialDataFiles.Mnist.Single(f => f.RelativePath.EndsWith(Labels, StringComparison.Ordinal));
        IReadOnlyList<Uri>? bases = MirrorList.ParseBases(" http://127.0.0.1:8000,https://example.org/data/\n\thttp://host/a/b ");

        Assert.Equal(
            [$"http://127.0.0.1:8000/{Labels}", $"https://example.org/data/{Labels}", $"http://host/a/b/{Labels}"],
            MirrorList.UrlsFor(labels, bases).Select(u => u.AbsoluteUri));
        Assert.Equal(
            ["http://127.0.0.1:8000/aclImdb_v1.tar.gz"],
            MirrorList.UrlsFor(OfficialDataFiles.AclImdbTarball, MirrorList.ParseBases("http://127.0.0.1:8000")).Select(u => u.AbsoluteUri));
        Assert.Same(labels.Urls, MirrorList.UrlsFor(labels, MirrorList.ParseBases(" , ")));
        var e = Assert.Throws<DataSettingException>(() => MirrorList.ParseBases("http://ok ftp://no"));
        Assert.Contains($"{MirrorList.EnvironmentVariable} entry 'ftp://no'", e.Message, StringComparison.Ordinal);
    }
}
