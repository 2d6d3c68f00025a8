namespace Verification.Claims.Catalogue;

/// <summary>What a claim says and where: the row of the verdict table before any evidence.</summary>
/// <param name="Id">A stable identifier, for example <c>SGA-L4.3-eq12-right</c>; also the counterexample file name.</param>
/// <param name="Paper">Which paper: <c>StochGradAdam</c> or <c>DASGrad</c>.</param>
/// <param name="Location">Lemma, theorem, equation and which link of a chain (for example <c>Lemma 4.3, eq. (12), second inequality</c>).</param>
/// <param name="Statement">The inequality or identity in words and symbols, as evaluated.</param>
/// <param name="Hypotheses">The hypotheses the instances are made to satisfy.</param>
/// <param name="Relation">Whether Left ≤ Right or Left = Right is claimed.</param>
public sealed record ClaimInfo(
    string Id,
    string Paper,
    string Location,
    string Statement,
    IReadOnlyList<string> Hypotheses,
    Relation Relation = Relation.LessOrEqual);
