namespace Verification.Properties.Support;

/// <summary>Finds the repository root (the folder holding Verification.sln) from the test binaries.</summary>
public static class RepositoryRoot
{
    /// <summary>The root folder.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Verification.sln above {AppContext.BaseDirectory}.");
    }
}
