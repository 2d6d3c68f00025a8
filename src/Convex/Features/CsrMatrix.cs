using System.Globalization;

namespace Verification.Convex.Features;

/// <summary>
/// A sparse matrix in compressed sparse row form: row i holds the entries
/// <c>RowPointers[i] .. RowPointers[i+1]-1</c> of <see cref="ColumnIndices"/> and <see cref="Values"/>, with strictly
/// increasing column indices (so that dot products visit coordinates in a fixed order).
/// </summary>
public sealed class CsrMatrix
{
    /// <summary>Creates the matrix after checking the structure.</summary>
    /// <exception cref="ArgumentException">Pointers not monotone, columns out of range or not strictly increasing, or non-finite values.</exception>
    public CsrMatrix(int rowCount, int columnCount, int[] rowPointers, int[] columnIndices, double[] values)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        if (rowPointers.Length != rowCount + 1 || rowPointers[0] != 0 || rowPointers[rowCount] != columnIndices.Length
            || columnIndices.Length != values.Length)
        {
            throw new ArgumentException("CSR arrays are inconsistent: need rowPointers of length rows+1 from 0 to nnz, and as many values as column indices.", nameof(rowPointers));
        }

        for (int i = 0; i < rowCount; i++)
        {
            if (rowPointers[i + 1] < rowPointers[i])
            {
                throw new ArgumentException($"Row pointers decrease at row {i.ToString(CultureInfo.InvariantCulture)}.", nameof(rowPointers));
            }

            for (int k = rowPointers[i]; k < rowPointers[i + 1]; k++)
            {
                int column = columnIndices[k];
                if (column < 0 || column >= columnCount || (k > rowPointers[i] && column <= columnIndices[k - 1]))
                {
                    throw new ArgumentException($"Row {i.ToString(CultureInfo.InvariantCulture)}: column indices must be in [0, {columnCount.ToString(CultureInfo.InvariantCulture)}) and strictly increasing.", nameof(columnIndices));
                }

                if (!double.IsFinite(values[k]))
                {
                    throw new ArgumentException($"Row {i.ToString(CultureInfo.InvariantCulture)}: value {k.ToString(CultureInfo.InvariantCulture)} is not finite.", nameof(values));
                }
            }
        }

        RowCount = rowCount;
        ColumnCount = columnCount;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>Number of rows (examples).</summary>
    public int RowCount { get; }

    /// <summary>Number of columns (features).</summary>
    public int ColumnCount { get; }

    /// <summary>Row start offsets, length <see cref="RowCount"/> + 1.</summary>
    public int[] RowPointers { get; }

    /// <summary>Column index of each stored entry.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>Value of each stored entry.</summary>
    public double[] Values { get; }

    /// <summary>The number of stored entries.</summary>
    public int NonZeroCount => Values.Length;

    /// <summary>The column indices of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> RowColumns(int row) => ColumnIndices.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>The values of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> RowValues(int row) => Values.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>‖row‖₂², summed in column order.</summary>
    public double RowSquaredNorm(int row)
    {
        double sum = 0.0;
        foreach (double v in RowValues(row))
        {
            sum += v * v;
        }

        return sum;
    }

    /// <summary>⟨row, dense⟩ over the first <see cref="ColumnCount"/> entries of <paramref name="dense"/>, summed in column order.</summary>
    public double RowDot(int row, ReadOnlySpan<double> dense)
    {
        ReadOnlySpan<int> columns = RowColumns(row);
        ReadOnlySpan<double> values = RowValues(row);
        double sum = 0.0;
        for (int k = 0; k < columns.Length; k++)
        {
            sum += values[k] * dense[columns[k]];
        }

        return sum;
    }

    /// <summary>dense += scale · row.</summary>
    public void AddScaledRow(int row, double scale, Span<double> dense)
    {
        ReadOnlySpan<int> columns = RowColumns(row);
        ReadOnlySpan<double> values = RowValues(row);
        for (int k = 0; k < columns.Length; k++)
        {
            dense[columns[k]] += scale * values[k];
        }
    }

    /// <summary>The rows <paramref name="rows"/>, in the order given, as a new matrix.</summary>
    public CsrMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pointers = new int[rows.Count + 1];
        for (int k = 0; k < rows.Count; k++)
        {
            pointers[k + 1] = pointers[k] + (RowPointers[rows[k] + 1] - RowPointers[rows[k]]);
        }

        var columns = new int[pointers[^1]];
        var values = new double[pointers[^1]];
        for (int k = 0; k < rows.Count; k++)
        {
            RowColumns(rows[k]).CopyTo(columns.AsSpan(pointers[k]));
            RowValues(rows[k]).CopyTo(values.AsSpan(pointers[k]));
        }

        return new CsrMatrix(rows.Count, ColumnCount, pointers, columns, values);
    }
}
