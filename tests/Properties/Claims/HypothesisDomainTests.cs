using FsCheck;
using Verification.Claims.Catalogue;
using Verification.Claims.DasGrad;
using Verification.Claims.Instances;
using Verification.Claims.Search;

namespace Verification.Properties.Claims;

/// <summary>
/// The domains of the claims that used to be sampled only: the families' samples lie inside them (so that every climb
/// starts inside), decoding an instance's own coordinates gives an instance with the same coordinates (so that the simplex starts where the climb is), and
/// the discrete moves lead somewhere (a domain whose every neighbour is rejected would leave the climb to the simplex).
/// </summary>
public class HypothesisDomainTests
{
    /// <summary>No row of the verdict table is sampled only: every claim's targeted search has a domain to move in.</summary>
    [Fact]
    public void Every_claim_has_a_hypothesis_domain()
    {
        string[] without = ClaimCatalogue.All.Where(c => c.GetType().GetProperty("Domain")?.GetValue(c) is null).Select(c => c.Info.Id).ToArray();
        Assert.Empty(without);
    }

    [Theory]
    [InlineData("SGA-7.1-s100-is-adam-masked-adam")]
    [InlineData("SGA-7.2-eq70-corrected-exact-variance")]
    [InlineData("SGA-T4.5-eq54-56-55-to-56-link")]
    [InlineData("SGA-5.1-eq60-maximal")]
    [InlineData("SGA-7.2-eq68-backprop-recursion")]
    [InlineData("SGA-T4.5-eq57-reddi-long-D-box")]
    [InlineData("DAS-L4-projection-nonexpansive")]
    [InlineData("DAS-S6-benefit-identity")]
    [InlineData("DAS-S6-weights-correct-unbiased")]
    public void Samples_lie_in_the_domain_round_trip_and_have_neighbours(string id)
    {
        IClaim claim = ClaimCatalogue.Get(id);
        Type type = claim.GetType();
        while (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Claim<>))
        {
            type = type.BaseType!;
        }

        typeof(HypothesisDomainTests).GetMethod(nameof(Check), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, [claim]);
    }

    private static void Check<T>(Claim<T> claim)
    {
        HypothesisDomain<T> domain = claim.Domain ?? throw new InvalidOperationException($"{claim.Info.Id} has no domain");
        Assert.All(claim.Families, f => Assert.Same(domain, f.Domain));
        ulong k = 0;
        foreach (InstanceFamily<T> family in claim.Families)
        {
            foreach (T instance in FsCheck.Fluent.Gen.Sample(family.Generator, 30, new Rnd(17UL), 6))
            {
                Assert.True(domain.Contains(instance), $"{family.Name}: {domain.Describe(instance)} outside the domain");
                T decoded = domain.Decode(instance, domain.Encode(instance));
                Assert.True(domain.Contains(decoded), $"{family.Name}: decoded {domain.Describe(decoded)} outside the domain");
                double[] before = domain.Encode(instance), after = domain.Encode(decoded);
                Assert.Equal(before.Length, after.Length);
                Assert.All(before.Zip(after), c => Assert.True(Math.Abs(c.First - c.Second) <= 1e-6, $"{family.Name}: coordinates {string.Join(", ", before)} decode to {string.Join(", ", after)}"));
                List<T> neighbours = domain.Neighbours(instance, new SearchRandom(3, k++)).ToList();
                Assert.NotEmpty(neighbours);
                Assert.All(neighbours, n => Assert.True(domain.Contains(n)));
            }
        }
    }
}
