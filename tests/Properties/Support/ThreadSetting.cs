using Verification.Reference.Threading;

namespace Verification.Properties.Support;

/// <summary>
/// Runs code under a given <see cref="ReferenceParallelism.MaxDegreeOfParallelism"/> and puts the default (every core)
/// back. The setting is process-wide, so the classes that change it share <see cref="ThreadSettingCollection"/> and
/// never run at the same time.
/// </summary>
public static class ThreadSetting
{
    /// <summary>The result of <paramref name="run"/> with at most <paramref name="degree"/> threads per pass.</summary>
    public static T With<T>(int degree, Func<T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ReferenceParallelism.MaxDegreeOfParallelism = degree;
        try
        {
            return run();
        }
        finally
        {
            ReferenceParallelism.MaxDegreeOfParallelism = -1;
        }
    }

    /// <summary>Runs <paramref name="run"/> with at most <paramref name="degree"/> threads per pass.</summary>
    public static void With(int degree, Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        With(degree, () =>
        {
            run();
            return 0;
        });
    }
}

/// <summary>The test classes that change the process-wide thread setting; xunit runs a collection's classes one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ThreadSettingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process-wide thread setting";
}
