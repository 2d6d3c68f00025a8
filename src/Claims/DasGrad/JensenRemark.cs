using FsCheck.Fluent;
using Verification.Claims.Catalogue;

namespace Verification.Claims.DasGrad;

/// <summary>
/// DASGrad Section 2 (reconstruction §1), the remark after the expected-regret definition: for a fixed convex
/// objective f (f_t ≡ f, empirical risk minimisation), Jensen's inequality turns sub-linear regret into convergence of
/// the averaged iterate, E f(θ̄_T) − f(θ*) ≤ E[R(T)]/T with θ̄_T = (1/T) Σ_{t=1}^T θ_t. Expectations enumerate every
/// index path exactly (<see cref="FiniteSumEngine"/>).
/// </summary>
internal sealed class JensenRemark : IClaimSource
{
    private static readonly string[] Hypotheses =
    [
        "finite-sum problems with a fixed f = (1/n)Σ_i f_i (centroid, least squares, logistic; the online linear problems, whose f_t varies with t, are excluded), F = [−R, R]^d",
        "f* = f(θ*) with θ* the engine's comparator: exact for the centroid problem (f = ½‖θ − x̄‖² + const, minimised over the box by clipping x̄), 4000 projected-gradient steps for least squares and logistic; f* enters both sides identically, so the check does not depend on how well θ* is computed",
        "E over all n^T index paths, exactly; θ̄_T = (1/T)Σ_{t=1}^T θ_t (the iterates at which R(T) charges its losses)",
    ];

    public IEnumerable<IClaim> Claims
    {
        get
        {
            IReadOnlyList<InstanceFamily<FiniteSumRun>> families = FixedObjectiveFamilies();
            foreach ((string name, string text, Method method) in new[]
            {
                ("ap-sgd-uniform", "SGD (ap-SGD with uniform p)", Method.Sgd),
                ("ap-sgd-optimal", "ap-SGD with p* ∝ ‖∇f_i(θ_t)‖", Method.ApSgdOptimal),
                ("dasgrad-uniform", "AMSGrad (DASGrad with uniform p)", Method.AmsGrad),
                ("dasgrad-optimal", "DASGrad with p*", Method.DasGradOptimal),
            })
            {
                yield return Das.Le(
                    $"DAS-S2-jensen-average-iterate-{name}", $"Section 2, the remark that sub-linear expected regret gives convergence of the average iterate (Jensen), for {text}",
                    "E f(θ̄_T) − f(θ*) ≤ E[R(T)]/T, evaluated as T·(E f(θ̄_T) − f(θ*)) ≤ E[R(T)] with both sides divided by the magnitude of the run's terms",
                    Hypotheses, families, slack: Das.RunSlack, evaluate: r => Sides(FiniteSumEngine.Run(r, method)));
            }
        }
    }

    /// <summary>(T·(E f(θ̄_T) − f(θ*)), E[R(T)]), both divided by the magnitude of the run's terms.</summary>
    internal static Sides Sides(RunPaths p)
    {
        double fStar = p.Run.Risk(1, p.ThetaStar);   // f_t ≡ f: the t of Risk is irrelevant for these problems
        double averaged = p.Expect(steps => p.Run.Risk(1, Average(steps)) - fStar);
        return Das.Run(p, p.T * averaged, p.Regret);
    }

    /// <summary>θ̄_T = (1/T)Σ_t θ_t along one path.</summary>
    internal static double[] Average(StepRecord[] steps)
    {
        double[] mean = new double[steps[0].Theta.Length];
        foreach (StepRecord s in steps)
        {
            for (int k = 0; k < mean.Length; k++)
            {
                mean[k] += s.Theta[k];
            }
        }

        return mean.Select(x => x / steps.Length).ToArray();
    }

    /// <summary>The finite-sum families whose objective does not vary with t; the mixed families restricted to their fixed problems.</summary>
    private static IReadOnlyList<InstanceFamily<FiniteSumRun>> FixedObjectiveFamilies() =>
        FiniteSumRunFamilies.All(trials: 12)
            .Select(f => f with
            {
                Generator = f.Generator.Where(r => r.Problem != FiniteSumProblem.Linear),
                Shrink = r => f.Shrink(r).Where(c => c.Problem != FiniteSumProblem.Linear),
            })
            .Where(f => f.Name is not ("online-linear" or "long-deterministic"))
            .ToList();
}
