using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// A displayed chain E₀ ≤ E₁ ≤ … as link claims and from-start claims, with the ids of <see cref="Chain{T}"/>, plus
/// what the DASGrad sides need: a scale that every expression is divided by (sums that cancel are compared relative to
/// the magnitude of their terms) and an optional condition on a link.
/// </summary>
internal sealed class DasChain<T>(string idPrefix, string location, IReadOnlyList<string> hypotheses, IReadOnlyList<InstanceFamily<T>> families, Func<T, double>? scale = null)
{
    private readonly List<(string Label, string Formula, Func<T, double> Value)> _terms = [];
    private readonly Dictionary<(int, int), (string, Func<T, bool>)> _conditions = [];

    public DasChain<T> Then(string label, string formula, Func<T, double> value)
    {
        _terms.Add((label, formula, value));
        return this;
    }

    /// <summary>Makes every claim that spans the step into the last added term conditional.</summary>
    public DasChain<T> OnlyIf(string description, Func<T, bool> holds)
    {
        int to = _terms.Count - 1;
        for (int from = 0; from < to; from++)
        {
            _conditions[(from, to)] = (description, holds);
        }

        return this;
    }

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
        string id = $"{idPrefix}-{Slug(labelA)}-to-{Slug(labelB)}-{reading}";
        string where = reading == "link"
            ? $"{location}, the step from {labelA} to {labelB}"
            : $"{location}, {labelB} read as a bound on the first expression {labelA}";
        (string, Func<T, bool>)? condition = null;
        for (int k = from + 1; k <= to && condition is null; k++)
        {
            if (_conditions.TryGetValue((k - 1, k), out var c))
            {
                condition = c;
            }
        }

        Func<T, double>? s = scale;
        return new ExpressionClaim<T>(
            new ClaimInfo(id, Das.Paper, where, $"{formulaA} ≤ {formulaB}" + (s is null ? "" : " (both sides divided by the magnitude of their terms)"), hypotheses),
            families,
            x => s is null ? new Sides(valueA(x), valueB(x)) : Das.Over(valueA(x), valueB(x), s(x)),
            condition,
            s is null ? null : Das.RunSlack);
    }

    private static string Slug(string label) => new(label.Where(char.IsAsciiLetterOrDigit).ToArray());
}
