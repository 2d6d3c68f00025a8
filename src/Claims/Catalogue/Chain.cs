using Verification.Claims.Certification.Boxes;

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
    private readonly Dictionary<(int From, int To), (string Description, Func<T, bool> Holds)> _conditions = [];
    private readonly Func<T, double>? _scale;
    private Func<int, int, CertificationTarget>? _certify;

    /// <summary>Starts a chain.</summary>
    /// <param name="idPrefix">The claim id prefix (for example <c>SGA-L4.3</c>).</param>
    /// <param name="paper">The paper.</param>
    /// <param name="location">The lemma or theorem, for example <c>Lemma 4.3 (proof)</c>.</param>
    /// <param name="hypotheses">The hypotheses every instance satisfies.</param>
    /// <param name="families">The families every claim of the chain is searched on.</param>
    /// <param name="scale">
    /// When given, both sides of every claim are divided by this magnitude of their terms (sums that cancel are then
    /// compared relative to the size of what cancelled, with <see cref="RoundingSlack.Scaled"/>).
    /// </param>
    public Chain(string idPrefix, string paper, string location, IReadOnlyList<string> hypotheses, IReadOnlyList<InstanceFamily<T>> families, Func<T, double>? scale = null)
    {
        _scale = scale;
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

    /// <summary>Makes every claim that spans the step into the last added expression conditional on <paramref name="holds"/>.</summary>
    public Chain<T> OnlyIf(string description, Func<T, bool> holds)
    {
        int to = _terms.Count - 1;
        for (int from = 0; from < to; from++)
        {
            _conditions[(from, to)] = (description, holds);
        }

        return this;
    }

    /// <summary>Certifies every claim of the chain: <paramref name="target"/> gives the box for expressions (from, to), numbered from 0.</summary>
    public Chain<T> Certify(Func<int, int, CertificationTarget> target)
    {
        _certify = target;
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
        (string, Func<T, bool>)? condition = null;
        for (int k = from + 1; k <= to && condition is null; k++)
        {
            if (_conditions.TryGetValue((k - 1, k), out var c))
            {
                condition = c;
            }
        }

        Func<T, double>? scale = _scale;
        return new ExpressionClaim<T>(
            new ClaimInfo(id, Paper, where, $"{formulaA} ≤ {formulaB}" + (scale is null ? "" : " (both sides divided by the magnitude of their terms)"), Hypotheses),
            Families,
            instance => scale is null ? new Sides(valueA(instance), valueB(instance)) : Sides.Over(valueA(instance), valueB(instance), scale(instance)),
            condition,
            scale is null ? null : RoundingSlack.Scaled,
            _certify?.Invoke(from, to));
    }

    private static string Slug(string label) => new(label.Where(char.IsAsciiLetterOrDigit).ToArray());
}
