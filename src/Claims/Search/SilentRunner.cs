using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Verification.Claims.Search;

/// <summary>An FsCheck runner that prints nothing: the search reads its outcome from the property's own record.</summary>
internal sealed class SilentRunner : IRunner
{
    public static SilentRunner Instance { get; } = new();

    public void OnStartFixture(Type t)
    {
    }

    public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
    {
    }

    public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
    {
    }

    public void OnFinished(string name, TestResult testResult)
    {
    }
}
