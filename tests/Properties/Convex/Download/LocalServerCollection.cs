namespace Verification.Properties.Convex.Download;

/// <summary>
/// The tests that talk to a <see cref="LocalMirror"/>. They assert timings (a 1 s inactivity timeout, failures within
/// seconds), which a machine saturated by the parallel claim searches can break: a starved thread pool delays the
/// server's answer past the timeout. So they run after the parallel tests, one at a time; that also keeps the one test
/// that sets the mirror variable in the process environment from racing the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalServerCollection
{
    public const string Name = "Local HTTP server";
}
