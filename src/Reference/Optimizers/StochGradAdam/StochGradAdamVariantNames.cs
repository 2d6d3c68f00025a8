namespace Verification.Reference.Optimizers.StochGradAdam;

/// <summary>The variant names as stochgradadam-variants.md spells them (used in names, golden files and reports).</summary>
public static class StochGradAdamVariantNames
{
    /// <summary>The snake_case name of a variant (for example <c>paper_alg1_tf</c>).</summary>
    public static string Of(StochGradAdamVariant variant) => variant switch
    {
        StochGradAdamVariant.MaskedAdam => "masked_adam",
        StochGradAdamVariant.PaperAlg1 => "paper_alg1",
        StochGradAdamVariant.PaperAlg1Tf => "paper_alg1_tf",
        StochGradAdamVariant.PaperEqs => "paper_eqs",
        StochGradAdamVariant.CodePort => "code_port",
        StochGradAdamVariant.Theorem => "theorem",
        StochGradAdamVariant.MaskedUpdate => "masked_update",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown StochGradAdam variant."),
    };

    /// <summary>The variant with a given snake_case name.</summary>
    public static StochGradAdamVariant Parse(string name) =>
        Enum.GetValues<StochGradAdamVariant>().FirstOrDefault(v => Of(v) == name) is var v && Of(v) == name
            ? v
            : throw new ArgumentException(
                $"Unknown StochGradAdam variant '{name}' (known: {string.Join(", ", Enum.GetValues<StochGradAdamVariant>().Select(Of))}).", nameof(name));
}
