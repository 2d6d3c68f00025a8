using FsCheck;
using FsCheck.Fluent;
using Verification.Properties.Support;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Random;

namespace Verification.Properties.Reference;

/// <summary>The vectorised mask lanes are the threshold test word by word.</summary>
public class MaskLanesTests
{
    [Fact]
    public void Lanes_are_all_ones_exactly_where_the_word_is_below_the_threshold()
    {
        Gen<uint> word = Gen.Frequency(
            (4, Gen.Choose(int.MinValue, int.MaxValue).Select(x => unchecked((uint)x))),
            (1, Gen.Elements(0u, 1u, 0x7FFF_FFFFu, 0x8000_0000u, 0xCCCC_CCCCu, 0xCCCC_CCCDu, uint.MaxValue)));
        Gen<(uint[], ulong)> cases =
            from n in Gen.Frequency((3, Gen.Elements(0, 1, 3, 5, 7, 8, 15, 16, 17, 31, 33)), (1, Gen.Choose(0, 1001)))
            from words in word.ArrayOf(n)
            from threshold in Gen.Frequency(
                (1, Gen.Elements(0UL, 1UL, 0x8000_0000UL, BernoulliThreshold.For(0.8), uint.MaxValue, 1UL << 32)),
                (2, word.Select(w => (ulong)w)))
            select (words, threshold);

        Prop.ForAll(Arb.From(cases), c =>
        {
            (uint[] words, ulong threshold) = c;
            var lanes = new long[words.Length];
            MaskLanes.FromWords(words, threshold, lanes);
            for (int j = 0; j < words.Length; j++)
            {
                Assert.Equal(BernoulliThreshold.Keeps(words[j], threshold) ? -1L : 0L, lanes[j]);
            }

            return true;
        }).Check(Generators.Config(300));
    }
}
