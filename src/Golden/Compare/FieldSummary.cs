using System.Globalization;

namespace Verification.Golden.Compare;

/// <summary>One row of the summary: how the values of one field compared.</summary>
/// <param name="kind">The field's kind (ULPs are measured for doubles only).</param>
internal sealed class FieldSummary(ValueKind kind)
{
    // ULP distances of the doubles compared; null for NaN against a number, which ranks above every distance.
    private readonly List<UInt128?> _distances = [];
    private UInt128? _worst;
    private bool _worstIsNaN;
    private TrajectoryKey? _worstAt;
    private TrajectoryKey? _firstDifference;

    /// <summary>Values compared.</summary>
    public int Compared { get; private set; }

    /// <summary>Values bit-identical (or equal, for integers and booleans).</summary>
    public int Exact { get; private set; }

    /// <summary>Counts one comparison.</summary>
    public void Add(TrajectoryKey key, bool exact, UInt128? distance)
    {
        Compared++;
        if (exact)
        {
            Exact++;
        }
        else
        {
            _firstDifference ??= key;
        }

        if (kind != ValueKind.Double)
        {
            return;
        }

        _distances.Add(distance);
        bool nan = distance is null;
        if (_worstAt is null || (nan && !_worstIsNaN) || (!nan && !_worstIsNaN && distance > _worst))
        {
            (_worst, _worstIsNaN, _worstAt) = (distance, nan, key);
        }
    }

    /// <summary>The row's cells: field, compared, exact, max ULP, at, median ULP.</summary>
    public string[] Cells(string field)
    {
        string compared = Compared.ToString(CultureInfo.InvariantCulture), exact = Exact.ToString(CultureInfo.InvariantCulture);
        if (kind != ValueKind.Double)
        {
            return [field, compared, exact, "-", _firstDifference?.Where() ?? "-", "-"];
        }

        // The lower median: the middle value, or the smaller of the two middle ones.
        UInt128?[] ordered = [.. _distances.OrderBy(d => d is null ? 1 : 0).ThenBy(d => d ?? UInt128.Zero)];
        UInt128? median = ordered[(ordered.Length - 1) / 2];
        return [field, compared, exact, Show(_worstIsNaN ? null : _worst), Exact == Compared ? "-" : _worstAt!.Value.Where(), Show(median)];
    }

    private static string Show(UInt128? distance) => distance is UInt128 d ? d.ToString(CultureInfo.InvariantCulture) : "NaN";
}
