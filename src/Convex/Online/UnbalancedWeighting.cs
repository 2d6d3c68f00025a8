namespace Verification.Convex.Online;

/// <summary>
/// Importance weights w_{t,i} for the unbalanced-MNIST experiment of DASGrad Fig. 3, given the sampling probability
/// p_{t,i} of the drawn example and the class counts c^train (after unbalancing) and c^test.
/// </summary>
public enum UnbalancedWeighting
{
    /// <summary>
    /// The correct class-prior-shift weight: w = q_i / p_{t,i} with q_i = (c^test_{y_i} / n^test) / c^train_{y_i}, so that
    /// E[w ∇f_i] = Σ_y (c^test_y / n^test) · (mean gradient of class y), the risk under the test class balance.
    /// </summary>
    PriorShift,

    /// <summary>
    /// The paper's printed weight, read as (c^test_{y_i} / n^test) / (n p_{t,i}): the test frequency times the uniform
    /// importance weight. Its implied target mass on class y is c^train_y c^test_y / (n n^test), not c^test_y / n^test.
    /// </summary>
    PaperAsPrintedPerN,

    /// <summary>
    /// The paper's printed weight, read as (c^test_{y_i} / n^test) / p_{t,i}. Its implied target mass on class y is
    /// c^train_y c^test_y / n^test (total mass far above 1).
    /// </summary>
    PaperAsPrinted,
}
