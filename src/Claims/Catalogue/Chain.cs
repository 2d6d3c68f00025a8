namespace Verification.Claims.Catalogue;

/// <summary>
/// A chained inequality E₀ ≤ E₁ ≤ … ≤ E_n as the paper writes it, turned into claims: each link E_{k−1} ≤ E_k on
/// its own and, because a display that starts every line with "≤" can also be read as bounding the first
/// expression, the reading E₀ ≤ E_k for k ≥ 2.
/// </summary>
/// <typeparam name="T">The instance type.</typeparam>
public sealed class Chain<T>
{
    private readonly List<(string Label, string Formula, Func<T, double> Value)> _terms = [];

    /// <summary>Starts a chain.</summary>
    /// <param name="idPrefix">The claim id prefix (for example <c>SGA-L4.3</c>).</param>
    /// <param name="paper">The paper.</param>
    /// <param name="location">The lemma or theorem, for example <c>Lemma 4.3 (proof)</c>.</param>
    /// <param name="hypotheses">The hypotheses every instance satisfies.</param>
    /// <param name="families">The families every claim of the chain is searched on.</param>
    public Chain(string idPrefix, string paper, string location, IReadOnlyList<string> hypotheses, IReadOnlyList<InstanceFamily<T>> families)
    {
        IdPrefix = idPrefix;
        Paper = paper;
        Location = location;
        Hypotheses = hypotheses;
        Families = families;
    }

    /// <summary>The id prefix.</summary>
    public string IdPrefix { get; }

    /// <summary>The paper.</summary>
    public string Paper { get; }

    /// <summary>The location.</summary>
    public string Location { get; }

    /// <summary>The hypotheses.</summary>
    public IReadOnlyList<string> Hypotheses { get; }

    /// <summary>The families.</summary>
    public IReadOnlyList<InstanceFamily<T>> Families { get; }

    /// <summary>Appends the next expression of the chain, labelled by its equation (for example <c>(19)</c>).</summary>
    public Chain<T> Then(string label, string formula, Func<T, double> value)
    {
        _terms.Add((label, formula, value));
        return this;
    }

    /// <summary>The link claims and the from-the-start claims.</summary>
    public IEnumerable<IClaim> Claims()
    {
        for (int k = 1; k < _terms.Count; k++)
        {
            yield return Claim(k - 1, k, "link");
            if (k >= 2)
            {
                yield return Claim(0, k, "from-start");
            }
        }
    }

    private ExpressionClaim<T> Claim(int from, int to, string reading)
    {
        var (labelA, formulaA, valueA) = _terms[from];
        var (labelB, formulaB, valueB) = _terms[to];
        string id = $"{IdPrefix}-{Slug(labelA)}-to-{Slug(labelB)}-{reading}";
        string where = reading == "link"
            ? $"{Location}, the step from {labelA} to {labelB}"
            : $"{Location}, {labelB} read as a bound on the first expression {labelA}";
        return new ExpressionClaim<T>(
            new ClaimInfo(id, Paper, where, $"{formulaA} ≤ {formulaB}", Hypotheses),
            Families,
            instance => new Sides(valueA(instance), valueB(instance)));
    }

    private static string Slug(string label) => new(label.Where(char.IsAsciiLetterOrDigit).ToArray());
}
