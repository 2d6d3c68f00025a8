namespace Verification.Claims.Catalogue;

/// <summary>A lemma's or theorem's file: the claims it contributes. Every implementation is found by reflection.</summary>
public interface IClaimSource
{
    /// <summary>The claims of this source.</summary>
    IEnumerable<IClaim> Claims { get; }
}
