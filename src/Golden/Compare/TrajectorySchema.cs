namespace Verification.Golden.Compare;

/// <summary>The fields of a golden file's step lines (or of its end line), in file order, each with its kind and length.</summary>
internal sealed class TrajectorySchema
{
    private readonly Dictionary<string, (ValueKind Kind, int? Length)> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The end line's schema: <c>final_loss</c> only (<c>end</c> and <c>steps</c> are structure, not values).</summary>
    public static TrajectorySchema EndLine { get; } = Create(("final_loss", ValueKind.Double, null));

    /// <summary>The field paths in file order.</summary>
    public IReadOnlyList<string> Order => _order;

    /// <summary>Adds a field the first time it is seen.</summary>
    public void Add(string field, ValueKind kind, int? length)
    {
        if (_fields.TryAdd(field, (kind, length)))
        {
            _order.Add(field);
        }
    }

    /// <summary>The kind and length (null for one value) of a field, if it has one.</summary>
    public bool TryGet(string field, out (ValueKind Kind, int? Length) shape) => _fields.TryGetValue(field, out shape);

    /// <summary>The position of a field in file order; fields it lacks come after all of them.</summary>
    public int Rank(string field)
    {
        int i = _order.IndexOf(field);
        return i < 0 ? _order.Count : i;
    }

    private static TrajectorySchema Create(params (string Field, ValueKind Kind, int? Length)[] fields)
    {
        var schema = new TrajectorySchema();
        foreach ((string field, ValueKind kind, int? length) in fields)
        {
            schema.Add(field, kind, length);
        }

        return schema;
    }
}
