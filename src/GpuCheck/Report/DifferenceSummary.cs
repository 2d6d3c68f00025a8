using System.Globalization;
using Verification.Gpu.CrossCheck;

namespace Verification.GpuCheck.Report;

/// <summary>Where a device run left the reference, as the summary records it (values as round-trip text and bit patterns).</summary>
/// <param name="Run">The run (entry, size, steps, seeds).</param>
/// <param name="Size">The dimension of the run.</param>
/// <param name="Step">The 1-based step after which the values differed.</param>
/// <param name="Quantity"><c>theta</c>, a state buffer, <c>mask</c> or <c>scalar NAME</c>.</param>
/// <param name="Index">The coordinate, or −1 for a scalar.</param>
/// <param name="Reference">The reference's value (shortest round-trip decimal).</param>
/// <param name="Device">The device's value.</param>
/// <param name="ReferenceBits">The reference's 64-bit pattern in hexadecimal.</param>
/// <param name="DeviceBits">The device's 64-bit pattern (a float widened exactly).</param>
/// <param name="Ratio">float32 only: the error as a multiple of the bound.</param>
internal sealed record DifferenceSummary(
    string Run, int Size, int Step, string Quantity, int Index, string Reference, string Device, string ReferenceBits, string DeviceBits, double? Ratio)
{
    /// <summary>The summary of <paramref name="mismatch"/> in <paramref name="run"/>.</summary>
    public static DifferenceSummary From(CrossCheckCase run, TrajectoryMismatch mismatch, double? ratio = null) => new(
        run.ToString(),
        run.Size,
        mismatch.Step,
        mismatch.Quantity,
        mismatch.Index,
        mismatch.Reference.ToString("R", CultureInfo.InvariantCulture),
        mismatch.Device.ToString("R", CultureInfo.InvariantCulture),
        mismatch.ReferenceBits,
        mismatch.DeviceBits,
        ratio);

    /// <summary>One line: where, and both values.</summary>
    public string Describe() =>
        $"d={Size} step {Step} {Quantity}{(Index >= 0 ? $"[{Index}]" : string.Empty)}: device {Device} (0x{DeviceBits}) vs reference {Reference} (0x{ReferenceBits})";
}
