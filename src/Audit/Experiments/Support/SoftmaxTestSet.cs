using Verification.Convex.Objectives;

namespace Verification.Audit.Experiments.Support;

/// <summary>Predictions of a multinomial logistic model on a held-out set: loss, accuracies, entropies.</summary>
internal sealed class SoftmaxTestSet(MultinomialLogisticRegression data)
{
    public int Count => data.ExampleCount;

    public int ClassCount => data.ClassCount;

    /// <summary>Mean cross-entropy (no regularisation), plain and balanced (mean of per-class) accuracy, per-class accuracy.</summary>
    public (double Loss, double Accuracy, double BalancedAccuracy, double[] PerClass) Evaluate(ReadOnlySpan<double> theta)
    {
        int k = data.ClassCount;
        Span<double> logits = stackalloc double[k];
        var correct = new int[k];
        var count = new int[k];
        double loss = 0.0;
        for (int i = 0; i < data.ExampleCount; i++)
        {
            data.Logits(i, theta, logits);
            int y = data.Label(i);
            double max = double.NegativeInfinity;
            int argmax = 0;
            for (int c = 0; c < k; c++)
            {
                if (logits[c] > max)
                {
                    max = logits[c];
                    argmax = c;
                }
            }

            double sum = 0.0;
            for (int c = 0; c < k; c++)
            {
                sum += Math.Exp(logits[c] - max);
            }

            loss += max + Math.Log(sum) - logits[y];
            count[y]++;
            correct[y] += argmax == y ? 1 : 0;
        }

        double[] perClass = Enumerable.Range(0, k).Select(c => count[c] > 0 ? (double)correct[c] / count[c] : double.NaN).ToArray();
        return (loss / data.ExampleCount, (double)correct.Sum() / data.ExampleCount, perClass.Where(double.IsFinite).Average(), perClass);
    }

    /// <summary>
    /// The normalised entropy H(P)/log K of every example's softmax prediction (StochGradAdam eqs (58)–(61)), natural logs.
    /// </summary>
    public double[] NormalisedEntropies(ReadOnlySpan<double> theta)
    {
        int k = data.ClassCount;
        Span<double> logits = stackalloc double[k];
        var result = new double[data.ExampleCount];
        double logK = Math.Log(k);
        for (int i = 0; i < data.ExampleCount; i++)
        {
            data.Logits(i, theta, logits);
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                max = Math.Max(max, logits[c]);
            }

            double sum = 0.0;
            for (int c = 0; c < k; c++)
            {
                sum += Math.Exp(logits[c] - max);
            }

            double logSum = Math.Log(sum);
            double h = 0.0;
            for (int c = 0; c < k; c++)
            {
                double logP = logits[c] - max - logSum;
                double p = Math.Exp(logP);
                h -= p > 0 ? p * logP : 0.0;
            }

            result[i] = Math.Clamp(h / logK, 0.0, 1.0);
        }

        return result;
    }
}
