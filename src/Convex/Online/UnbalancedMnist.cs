using Verification.Convex.Data.Mnist;
using Verification.Reference.Random;
using Verification.Reference.Validation;

namespace Verification.Convex.Online;

/// <summary>
/// The sample-selection-bias setup of DASGrad Fig. 3: the MNIST training set with a fraction (90%) of the examples of
/// two digits removed, and importance weights that re-target the test class balance (<see cref="UnbalancedWeighting"/>).
/// Which digits the paper removed is not recoverable; <see cref="DefaultReducedDigits"/> is this project's choice.
/// </summary>
/// <remarks>
/// The removed examples are chosen without replacement by ranking each reduced digit's examples on the 32-bit Philox
/// draw <c>PhiloxStream(seed, RandomStream.ProblemData).UInt32(step 0, index i)</c> (ties by index); exactly
/// round(fraction · count) are removed per digit, and the kept examples stay in official order.
/// </remarks>
public sealed class UnbalancedMnist
{
    /// <summary>The digits reduced by default: 3 and 8, a pair the classifier confuses, so the imbalance matters.</summary>
    public static IReadOnlyList<int> DefaultReducedDigits { get; } = [3, 8];

    private UnbalancedMnist(MnistDataset data, int[] kept, int[] trainCounts, int[] testCounts, int[] reducedDigits, double fraction)
    {
        Data = data;
        KeptIndices = kept;
        TrainClassCounts = trainCounts;
        TestClassCounts = testCounts;
        ReducedDigits = reducedDigits;
        RemovedFraction = fraction;
    }

    /// <summary>The unbalanced training set.</summary>
    public MnistDataset Data { get; }

    /// <summary>For each kept example, its index in the original training set.</summary>
    public IReadOnlyList<int> KeptIndices { get; }

    /// <summary>c^train_y: examples per class after unbalancing.</summary>
    public IReadOnlyList<int> TrainClassCounts { get; }

    /// <summary>c^test_y: examples per class of the test set whose balance is targeted.</summary>
    public IReadOnlyList<int> TestClassCounts { get; }

    /// <summary>The digits that lost examples.</summary>
    public IReadOnlyList<int> ReducedDigits { get; }

    /// <summary>The fraction of each reduced digit's examples removed.</summary>
    public double RemovedFraction { get; }

    /// <summary>n, the unbalanced training-set size.</summary>
    public int Count => Data.Count;

    /// <summary>n^test.</summary>
    public int TestCount => TestClassCounts.Sum();

    /// <summary>Removes <paramref name="removedFraction"/> of the examples of each of <paramref name="reducedDigits"/>.</summary>
    public static UnbalancedMnist Create(MnistDataset train, IReadOnlyList<int> testClassCounts, IReadOnlyList<int>? reducedDigits = null,
        double removedFraction = 0.9, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(testClassCounts);
        Guard.SameLength(nameof(testClassCounts), testClassCounts.Count, "classes", MnistDataset.ClassCount);
        if (!(removedFraction >= 0.0 && removedFraction < 1.0))
        {
            throw new InvalidHyperparameterException(nameof(removedFraction), removedFraction, "must be in [0, 1)");
        }

        int[] digits = (reducedDigits ?? DefaultReducedDigits).Distinct().ToArray();
        foreach (int digit in digits)
        {
            if (digit is < 0 or > 9)
            {
                throw new ArgumentOutOfRangeException(nameof(reducedDigits), digit, "digits are 0..9");
            }
        }

        var draws = new uint[train.Count];
        new PhiloxStream(seed, RandomStream.ProblemData).FillUInt32(0, 0, draws);   // draws[i] = UInt32(step 0, index i)
        var removed = new bool[train.Count];
        foreach (int digit in digits)
        {
            int[] members = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == digit).ToArray();
            int toRemove = (int)Math.Round(removedFraction * members.Length, MidpointRounding.AwayFromZero);
            foreach (int i in members.OrderBy(i => draws[i]).ThenBy(i => i).Take(toRemove))
            {
                removed[i] = true;
            }
        }

        int[] kept = Enumerable.Range(0, train.Count).Where(i => !removed[i]).ToArray();
        MnistDataset data = train.Subset(kept);
        return new UnbalancedMnist(data, kept, data.ClassCounts(), testClassCounts.ToArray(), digits, removedFraction);
    }

    /// <summary>
    /// The target mass a_i = p_{t,i} w_{t,i} that <paramref name="scheme"/> puts on example i (independent of p):
    /// E[w ∇f_{i_t}] = Σ_i a_i ∇f_i. Only <see cref="UnbalancedWeighting.PriorShift"/> sums to 1 with class masses
    /// c^test_y / n^test.
    /// </summary>
    public double TargetMass(int example, UnbalancedWeighting scheme)
    {
        int y = Data.Labels[example];
        double testFrequency = (double)TestClassCounts[y] / TestCount;
        return scheme switch
        {
            UnbalancedWeighting.PriorShift => testFrequency / TrainClassCounts[y],
            UnbalancedWeighting.PaperAsPrintedPerN => testFrequency / Count,
            UnbalancedWeighting.PaperAsPrinted => testFrequency,
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unknown weighting"),
        };
    }

    /// <summary>The importance weight w_{t,i} = a_i / p_{t,i} of example i drawn with probability <paramref name="probability"/>.</summary>
    public double Weight(int example, double probability, UnbalancedWeighting scheme)
    {
        Guard.UnitInterval(nameof(probability), probability);
        return TargetMass(example, scheme) / probability;
    }

    /// <summary>The total target mass Σ_i a_i per class under <paramref name="scheme"/>.</summary>
    public double[] ClassTargetMass(UnbalancedWeighting scheme)
    {
        var mass = new double[MnistDataset.ClassCount];
        for (int i = 0; i < Count; i++)
        {
            mass[Data.Labels[i]] += TargetMass(i, scheme);
        }

        return mass;
    }
}
