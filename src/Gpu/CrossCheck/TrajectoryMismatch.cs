using System.Globalization;

namespace Verification.Gpu.CrossCheck;

/// <summary>Where a device trajectory first left the reference: the step, the quantity, the index and both values.</summary>
/// <param name="Step">The 1-based step after which the values were compared.</param>
/// <param name="Quantity"><c>theta</c>, a state buffer's name (<c>m</c>, <c>v</c>, ...), <c>mask</c>, or <c>scalar NAME</c>.</param>
/// <param name="Index">The coordinate, or −1 for a scalar.</param>
/// <param name="Reference">The reference's value (a mask bit is 1 or 0).</param>
/// <param name="Device">The device's value, widened exactly to double.</param>
public sealed record TrajectoryMismatch(int Step, string Quantity, int Index, double Reference, double Device)
{
    /// <summary>The reference's value as its 64-bit pattern in hexadecimal.</summary>
    public string ReferenceBits => Bits(Reference);

    /// <summary>The device's value as its 64-bit pattern in hexadecimal.</summary>
    public string DeviceBits => Bits(Device);

    /// <summary>One line: step, quantity[index], the device's and the reference's value with their bit patterns.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"step {Step}, {Quantity}{(Index >= 0 ? $"[{Index}]" : string.Empty)}: device {Device:R} (0x{DeviceBits}) vs reference {Reference:R} (0x{ReferenceBits})");

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);
}
