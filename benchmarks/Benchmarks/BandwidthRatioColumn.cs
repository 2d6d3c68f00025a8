using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Verification.Benchmarks;

/// <summary>The bytes a benchmark moves per element, for the bandwidth-ratio column.</summary>
/// <param name="bytes">Bytes read plus bytes written per element.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BytesPerElementAttribute(int bytes) : Attribute
{
    /// <summary>Bytes per element.</summary>
    public int Bytes { get; } = bytes;
}

/// <summary>Marks the STREAM triad of a benchmark class: the bandwidth reference of the other methods in the same run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TriadReferenceAttribute : Attribute;

/// <summary>
/// step time / (triad time × bytes_step / 24), from the triad of the same class with the same parameters in the same
/// run: 1.0 means the step moves its bytes at the triad's bandwidth; the goal "70% of the bound" is a ratio ≤ 1.43.
/// </summary>
public sealed class BandwidthRatioColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(BandwidthRatioColumn);

    /// <inheritdoc/>
    public string ColumnName => "Time/bound";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Step time / (same-run triad time × bytes per element / 24); 1 = at the triad's bandwidth, ≤ 1.43 meets a 70% goal";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        MethodInfo method = benchmarkCase.Descriptor.WorkloadMethod;
        if (method.GetCustomAttribute<BytesPerElementAttribute>() is not { } bytes || method.GetCustomAttribute<TriadReferenceAttribute>() is not null)
        {
            return "-";
        }

        BenchmarkCase? triad = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type
            && c.Descriptor.WorkloadMethod.GetCustomAttribute<TriadReferenceAttribute>() is not null
            && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        double? step = summary[benchmarkCase]?.ResultStatistics?.Mean;
        double? reference = triad is null ? null : summary[triad]?.ResultStatistics?.Mean;
        return step is > 0 && reference is > 0
            ? (step.Value / (reference.Value * bytes.Bytes / 24.0)).ToString("F2", CultureInfo.InvariantCulture)
            : "?";
    }
}
