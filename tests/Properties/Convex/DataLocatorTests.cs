using Verification.Convex.Data;

namespace Verification.Properties.Convex;

public sealed class DataLocatorTests
{
    private static readonly string Relative = System.IO.Path.Combine("mnist", "marker.gz");

    [Fact]
    public void Explicit_path_wins_over_the_environment_and_the_default()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        a.WriteBytes(Relative, [1]);
        b.WriteBytes(Relative, [2]);
        var locator = new DataLocator(a.Path, _ => b.Path, [b.Path]);
        Assert.Equal(System.IO.Path.Combine(a.Path, Relative), locator.Locate(Relative));
    }

    [Fact]
    public void Environment_variable_wins_over_the_walk_up_search()
    {
        using var env = new TempDirectory();
        using var tree = new TempDirectory();
        env.WriteBytes(Relative, [1]);
        tree.WriteBytes(System.IO.Path.Combine("shared", "data", Relative), [2]);
        string deep = System.IO.Path.Combine(tree.Path, "repo", "tests", "bin", "Debug");
        Directory.CreateDirectory(deep);
        var locator = new DataLocator(null, name => name == DataLocator.EnvironmentVariable ? env.Path : null, [deep]);
        Assert.Equal(System.IO.Path.Combine(env.Path, Relative), locator.Locate(Relative));
    }

    [Fact]
    public void Walk_up_finds_shared_data_beside_the_repository_root()
    {
        using var tree = new TempDirectory();
        tree.WriteBytes(System.IO.Path.Combine("shared", "data", Relative), [2]);
        string deep = System.IO.Path.Combine(tree.Path, "repo", "tests", "Properties", "bin", "Debug", "net10.0");
        Directory.CreateDirectory(deep);
        var locator = new DataLocator(null, _ => null, [deep]);
        Assert.Equal(System.IO.Path.Combine(tree.Path, "shared", "data", Relative), locator.Locate(Relative));
    }

    [Fact]
    public void Environment_folder_without_the_file_falls_through_to_the_walk_up()
    {
        using var env = new TempDirectory();
        using var tree = new TempDirectory();
        tree.WriteBytes(System.IO.Path.Combine("shared", "data", Relative), [2]);
        var locator = new DataLocator(null, _ => env.Path, [tree.Path]);
        Assert.StartsWith(tree.Path, locator.Locate(Relative), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_data_names_every_place_searched()
    {
        using var env = new TempDirectory();
        using var tree = new TempDirectory();
        string deep = System.IO.Path.Combine(tree.Path, "a", "b");
        Directory.CreateDirectory(deep);
        var locator = new DataLocator(null, _ => env.Path, [deep]);
        var e = Assert.Throws<DataNotFoundException>(() => locator.Locate(Relative));
        Assert.Contains(System.IO.Path.Combine(env.Path, Relative), e.Message, StringComparison.Ordinal);
        Assert.Contains(DataLocator.EnvironmentVariable, e.Message, StringComparison.Ordinal);
        Assert.Contains(System.IO.Path.Combine(deep, "shared", "data", Relative), e.Message, StringComparison.Ordinal);
        Assert.Contains(System.IO.Path.Combine(tree.Path, "shared", "data", Relative), e.Message, StringComparison.Ordinal);
        // One entry for the environment folder plus one per folder from `deep` up to the file-system root.
        Assert.True(e.Searched.Count >= 4, string.Join("\n", e.Searched));
    }

    [Fact]
    public void A_wrong_explicit_path_is_not_silently_replaced()
    {
        using var tree = new TempDirectory();
        tree.WriteBytes(System.IO.Path.Combine("shared", "data", Relative), [2]);
        string missing = System.IO.Path.Combine(tree.Path, "no-such-folder");
        var locator = new DataLocator(missing, _ => null, [tree.Path]);
        var e = Assert.Throws<DataNotFoundException>(() => locator.Locate(Relative));
        Assert.Single(e.Searched);
        Assert.Contains("explicit path", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_user_cache_under_XDG_CACHE_HOME_is_the_last_candidate()
    {
        using var xdg = new TempDirectory();
        using var home = new TempDirectory();
        using var tree = new TempDirectory();
        string cache = System.IO.Path.Combine(xdg.Path, "optaudit", "data");
        xdg.WriteBytes(System.IO.Path.Combine("optaudit", "data", Relative), [3]);
        var locator = new DataLocator(null, name => name == UserDataCache.XdgCacheHomeVariable ? xdg.Path : null, [tree.Path], home.Path);

        Assert.Equal(System.IO.Path.Combine(cache, Relative), locator.Locate(Relative));
        Assert.Equal((cache, "per-user cache", false), locator.Candidates().Last());
        Assert.Equal(cache, locator.DownloadRoot);
    }

    [Fact]
    public void Per_user_cache_falls_back_to_dot_cache_under_the_home_folder()
    {
        using var home = new TempDirectory();
        using var tree = new TempDirectory();
        string cache = System.IO.Path.Combine(home.Path, ".cache", "optaudit", "data");
        home.WriteBytes(System.IO.Path.Combine(".cache", "optaudit", "data", Relative), [3]);

        // Without XDG_CACHE_HOME, and with a relative one (which the XDG specification says to ignore).
        foreach (string? xdg in new[] { null, "relative/cache" })
        {
            var locator = new DataLocator(null, name => name == UserDataCache.XdgCacheHomeVariable ? xdg : null, [tree.Path], home.Path);
            Assert.Equal(System.IO.Path.Combine(cache, Relative), locator.Locate(Relative));
            Assert.Equal(cache, locator.DownloadRoot);
        }

        // HOME from the environment when no home folder is given.
        var fromHome = new DataLocator(null, name => name == "HOME" ? home.Path : null, [tree.Path]);
        Assert.Equal(cache, fromHome.DownloadRoot);
    }

    [Fact]
    public void Walk_up_shared_data_wins_over_the_cache()
    {
        using var home = new TempDirectory();
        using var tree = new TempDirectory();
        home.WriteBytes(System.IO.Path.Combine(".cache", "optaudit", "data", Relative), [3]);
        tree.WriteBytes(System.IO.Path.Combine("shared", "data", Relative), [2]);
        var locator = new DataLocator(null, _ => null, [tree.Path], home.Path);
        Assert.Equal(System.IO.Path.Combine(tree.Path, "shared", "data", Relative), locator.Locate(Relative));
    }

    [Fact]
    public void Downloads_go_to_the_explicit_folder_then_the_environment_folder_then_the_cache_never_a_found_shared_data()
    {
        using var home = new TempDirectory();
        using var env = new TempDirectory();
        using var tree = new TempDirectory();
        Directory.CreateDirectory(System.IO.Path.Combine(tree.Path, "shared", "data"));
        string explicitRoot = System.IO.Path.Combine(tree.Path, "mine");
        string cache = System.IO.Path.Combine(home.Path, ".cache", "optaudit", "data");

        Assert.Equal(explicitRoot, new DataLocator(explicitRoot, _ => env.Path, [tree.Path], home.Path).DownloadRoot);
        Assert.Equal(env.Path, new DataLocator(null, _ => env.Path, [tree.Path], home.Path).DownloadRoot);
        Assert.Equal(cache, new DataLocator(null, _ => null, [tree.Path], home.Path).DownloadRoot);
    }

    [Fact]
    public void Default_locator_finds_the_shared_data_of_this_checkout()
    {
        // CI runs with ../shared beside the repository: not finding it is a failure, not a skip.
        string path = RealData.Path(System.IO.Path.Combine("mnist", "train-labels-idx1-ubyte.gz"));
        Assert.True(File.Exists(path));
    }
}
