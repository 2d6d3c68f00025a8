namespace Verification.Properties.Gpu;

/// <summary>
/// When an accelerator test may skip: with the reason when its backend cannot load, except on CI (CI set to anything
/// but empty, 0 or false), where it runs and fails.
/// </summary>
public sealed class AcceleratorTestPolicyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData(" False ")]
    public void Outside_CI_an_unusable_backend_skips_with_its_reason(string? ci) =>
        Assert.Equal("no device", AcceleratorTestPolicy.SkipReason("no device", ci));

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("yes")]
    public void On_CI_an_unusable_backend_does_not_skip(string ci) =>
        Assert.Null(AcceleratorTestPolicy.SkipReason("no device", ci));

    [Fact]
    public void A_usable_backend_never_skips() =>
        Assert.Null(AcceleratorTestPolicy.SkipReason(null, null));

    [Fact]
    public void The_failure_on_CI_names_the_reason_and_the_policy()
    {
        InvalidOperationException e = AcceleratorTestPolicy.Unavailable("No OpenCL device: no ICD file");
        Assert.StartsWith("No OpenCL device: no ICD file", e.Message, StringComparison.Ordinal);
        Assert.Contains("CI is set", e.Message, StringComparison.Ordinal);
    }
}
