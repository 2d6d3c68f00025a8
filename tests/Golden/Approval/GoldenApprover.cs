using System.Reflection;
using Verification.Golden.Format;

namespace Verification.Golden.Approval;

/// <summary>
/// A Verify-style approval helper: <c>NAME.verified.jsonl</c> is committed; a run that produces different text writes
/// <c>NAME.received.jsonl</c> beside it (git-ignored) and fails with the first differing line, step and field.
/// Accepting is opt-in (<see cref="AcceptVariable"/> = 1) and refused when the <c>CI</c> variable is set.
/// </summary>
/// <param name="directory">The folder holding the verified files.</param>
/// <param name="environment">Reads an environment variable (injectable for tests).</param>
public sealed class GoldenApprover(string directory, Func<string, string?> environment)
{
    /// <summary>Set to 1 to accept the received text as the new verified file (never on CI).</summary>
    public const string AcceptVariable = "VERIFICATION_ACCEPT_GOLDEN";

    /// <summary>The suffix of committed files.</summary>
    public const string VerifiedSuffix = ".verified.jsonl";

    /// <summary>The suffix of files written on a mismatch.</summary>
    public const string ReceivedSuffix = ".received.jsonl";

    /// <summary>The approver over the project's <c>tests/Golden/Verified</c> folder and the process environment.</summary>
    public static GoldenApprover Default { get; } = new(SourceVerifiedDirectory(), Environment.GetEnvironmentVariable);

    /// <summary>The folder holding the verified files.</summary>
    public string Directory { get; } = directory;

    /// <summary>Whether this run is on CI (the <c>CI</c> variable is set to anything but empty, 0 or false).</summary>
    public bool OnCi => environment("CI") is { Length: > 0 } ci && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of <paramref name="name"/>'s verified file.</summary>
    public string VerifiedPath(string name) => Path.Combine(Directory, name + VerifiedSuffix);

    /// <summary>The path of <paramref name="name"/>'s received file.</summary>
    public string ReceivedPath(string name) => Path.Combine(Directory, name + ReceivedSuffix);

    /// <summary>
    /// Compares <paramref name="received"/> with the verified file of <paramref name="name"/>. Equal: removes any stale
    /// received file. Different: accepts when asked (off CI), else writes the received file and throws.
    /// </summary>
    /// <exception cref="GoldenMismatchException">The texts differ; the message names the first differing field.</exception>
    /// <exception cref="GoldenApprovalException">No verified file exists, or accepting was asked for on CI.</exception>
    public void Verify(string name, string received)
    {
        ArgumentNullException.ThrowIfNull(received);
        string verifiedPath = VerifiedPath(name), receivedPath = ReceivedPath(name);
        bool exists = File.Exists(verifiedPath);
        string? verified = exists ? File.ReadAllText(verifiedPath) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (environment(AcceptVariable) == "1")
        {
            if (OnCi)
            {
                throw new GoldenApprovalException(
                    $"{name}: {AcceptVariable}=1 is refused on CI (CI={environment("CI")}); accept locally and commit the .verified file.");
            }

            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        string how = $"Review {Path.GetFileName(receivedPath)}; if it is right, rename it to {Path.GetFileName(verifiedPath)} "
            + $"or rerun locally with {AcceptVariable}=1.";
        if (!exists)
        {
            throw new GoldenApprovalException($"{name}: no verified file {verifiedPath}. Wrote {receivedPath}. {how}");
        }

        try
        {
            GoldenDiff.Compare(verified!, received, Path.GetFileName(verifiedPath));
        }
        catch (GoldenMismatchException e)
        {
            throw new GoldenMismatchException(e.Location, e.Expected, e.Actual, $"(expected: the verified file; found: this run, written to the received file) {how}");
        }
        catch (GoldenFormatException e)
        {
            throw new GoldenApprovalException($"{name}: the verified file is not well-formed ({e.Message}). Wrote {receivedPath}. {how}", e);
        }

        throw new GoldenApprovalException($"{name}: the texts differ only in formatting. Wrote {receivedPath}. {how}");
    }

    /// <summary>Stems of verified files in the folder that are not in <paramref name="claimed"/>, sorted.</summary>
    public IReadOnlyList<string> Unclaimed(IEnumerable<string> claimed)
    {
        var names = new HashSet<string>(claimed, StringComparer.Ordinal);
        return System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*" + VerifiedSuffix)
                .Select(p => Path.GetFileName(p)[..^VerifiedSuffix.Length])
                .Where(n => !names.Contains(n))
                .Order(StringComparer.Ordinal)]
            : [];
    }

    private static string SourceVerifiedDirectory() =>
        typeof(GoldenApprover).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "GoldenVerifiedDirectory")?.Value
        ?? throw new InvalidOperationException("The test assembly lacks its GoldenVerifiedDirectory metadata (see Golden.csproj).");
}
