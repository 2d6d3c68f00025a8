using System.Text.Json;
using Verification.Claims.Catalogue;
using Verification.Claims.DasGrad;
using Verification.Claims.Instances;
using Verification.Claims.Search;
using Verification.Claims.StochGradAdam;

namespace Verification.Properties.Claims;

/// <summary>
/// Known answers, computed by hand, for the identity claims of StochGradAdam Sections 5 and 7.2 and for the DASGrad
/// Jensen remark: a wrong formula on either side of a claim fails here even where both sides would agree.
/// </summary>
public class CoverageClaimTests
{
    /// <summary>
    /// K = 2, one example x = 1 of class 0, θ₁ = 0, μ = 0.1, Adam, one step. At θ = 0 both classes have p = ½, so
    /// ∇W = (p − e₀)x̃ᵀ = (−½, −½; ½, ½), and Adam's first step is μ·g/(|g| + ε) per coordinate.
    /// </summary>
    private static readonly SoftmaxRun OneStep = new(2, 1, [1.0], [0], [0.0, 0.0, 0.0, 0.0], 0.0, 0.1, 0.9, 0.999, 1e-8, 1.0, 0, 1);

    /// <summary>|Δθ_j| after the first step: 0.1·0.5/(0.5 + 1e-8).</summary>
    private static readonly double A = 0.1 * 0.5 / (0.5 + 1e-8);

    [Fact]
    public void Entropy_of_softmax_matches_the_hand_value()
    {
        // z = (0, log 3): p = (¼, ¾), H = log 4 − ¾ log 3 = log Σe^z − Σ p z = log 4 − ¾ log 3.
        double[] p = SoftmaxTrace.Softmax([0.0, Math.Log(3)]);
        Assert.Equal(0.25, p[0], 1e-15);
        Assert.Equal(0.75, p[1], 1e-15);
        Assert.Equal(Math.Log(4) - 0.75 * Math.Log(3), SoftmaxTrace.Entropy(p), 1e-15);

        // At θ₁ = 0 the closed form is log 2 − 0 and (58) gives log 2.
        (double left, double right, _) = EntropyReduction.EntropyClosedFormTerms(new SoftmaxTrace(OneStep)).First();
        Assert.Equal(Math.Log(2), left, 1e-15);
        Assert.Equal(Math.Log(2), right, 1e-15);
        AssertHolds("SGA-5.1-eq58-eq59-entropy-of-softmax", OneStep);
    }

    [Fact]
    public void Uniform_entropy_is_log_k()
    {
        Sides s = Evaluate("SGA-5.1-eq60-uniform-attains", OneStep with { Classes = 3, Start = new double[6] });
        Assert.Equal(Math.Log(3), s.Left, 1e-15);
        Assert.Equal(Math.Log(3), s.Right, 0.0);
    }

    [Fact]
    public void Update_rule_62_reproduces_the_hand_computed_first_adam_step()
    {
        var trace = new SoftmaxTrace(OneStep);
        var terms = EntropyReduction.UpdateTerms(trace).ToList();
        Assert.Equal(4, terms.Count);
        double[] expected = [A, A, -A, -A];
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(expected[j], terms[j].Item1, 1e-15);
            Assert.Equal(expected[j], terms[j].Item2, 1e-15);
        }

        AssertHolds("SGA-5.2-eq62-update-rule", OneStep);
    }

    [Fact]
    public void Logit_and_prediction_changes_66_67_match_the_hand_values()
    {
        // Δz = ΔW x̃ = (2A, −2A); P₂ = (σ(4A), 1 − σ(4A)).
        var trace = new SoftmaxTrace(OneStep);
        var dz = EntropyReduction.LogitChangeTerms(trace).ToList();
        Assert.Equal(2 * A, dz[0].Item1, 1e-15);
        Assert.Equal(2 * A, dz[0].Item2, 1e-15);
        Assert.Equal(-2 * A, dz[1].Item2, 1e-15);

        double sigma = 1.0 / (1.0 + Math.Exp(-4 * A));
        var dp = EntropyReduction.PredictionChangeTerms(trace).ToList();
        Assert.Equal(sigma - 0.5, dp[0].Item1, 1e-15);
        Assert.Equal(sigma - 0.5, dp[0].Item2, 1e-15);
        Assert.Equal(0.5 - sigma, dp[1].Item2, 1e-15);
        AssertHolds("SGA-5.3-eq66-logit-change", OneStep);
        AssertHolds("SGA-5.3-eq67-prediction-change", OneStep);
    }

    [Fact]
    public void Telescoping_64_65_matches_the_hand_entropy_change()
    {
        double sigma = 1.0 / (1.0 + Math.Exp(-4 * A));
        double h2 = -sigma * Math.Log(sigma) - (1 - sigma) * Math.Log(1 - sigma);
        var trace = new SoftmaxTrace(OneStep);
        Assert.Equal(Math.Log(2), trace.MeanH[1], 1e-15);
        Assert.Equal(h2, trace.MeanH[2], 1e-15);
        Sides s = Evaluate("SGA-5.3-eq64-eq65-telescoping", OneStep);
        Assert.Equal((Math.Log(2) - h2) / (Math.Log(2) + h2), s.Right, 1e-14);
        Assert.Equal(s.Right, s.Left, 1e-15);
    }

    [Fact]
    public void Audenaert_bound_matches_its_closed_form()
    {
        // τ = ½, K = 3: ½ log 2 + log 2.
        Assert.Equal(1.5 * Math.Log(2), EntropyReduction.AudenaertBound(0.5, 3), 1e-15);
        Assert.Equal(0.0, EntropyReduction.AudenaertBound(0.0, 5));
    }

    [Fact]
    public void Backprop_recursion_68_matches_hand_derivatives()
    {
        // Widths (2, 1), θ = (3, −1), sigmoid, z¹ = 0: a = (½, ½), z² = 1, δ² = 1, δ¹ = (3, −1)·σ′(0) = (0.75, −0.25).
        var wide = new LayeredNetwork([2, 1], [[3.0, -1.0]], [0.0, 0.0], [0.0], LayeredNetwork.Sigmoid, 0.5);
        Assert.Equal(new[] { 0.75, -0.25 }, GradientVanishing.Backward(wide, GradientVanishing.Forward(wide))[0]);

        // Widths (1, 2), θ = (3; −1): z² = (1.5, −0.5) = δ², δ¹ = (3·1.5 + 0.5)·¼ = 1.25 (a transposed θ would not fit).
        var tall = new LayeredNetwork([1, 2], [[3.0, -1.0]], [0.0], [0.0, 0.0], LayeredNetwork.Sigmoid, 0.5);
        var terms = GradientVanishing.RecursionTerms(tall).ToList();
        Assert.Single(terms);
        Assert.Equal(1.25, terms[0].Item1, 1e-15);
        Assert.Equal(1.25, terms[0].Item2, 1e-15);
        AssertHolds("SGA-7.2-eq68-backprop-recursion", wide);
        AssertHolds("SGA-7.2-eq68-backprop-recursion", tall);
    }

    [Fact]
    public void Eq69_on_a_scalar_chain_is_off_by_one_factor_beta()
    {
        // z^{l+1} = 1·(½ z^l), L = 3, z¹ = 1, y = 0: δ³ = ¼, δ¹ = ¼·¼ = 1/16; β = ½, β^L δ³ = 1/32 < 1/16.
        var chain = new LayeredNetwork([1, 1, 1], [[1.0], [1.0]], [1.0], [0.0], LayeredNetwork.Linear, 0.5);
        Sides printed = Evaluate("SGA-7.2-eq69-as-printed", chain);
        Assert.Equal(1.0 / 16, printed.Left, 1e-15);
        Assert.Equal(1.0 / 32, printed.Right, 1e-15);
        Sides lMinusOne = Evaluate("SGA-7.2-eq69-exponent-L-minus-1", chain);
        Assert.Equal(1.0 / 16, lMinusOne.Right, 1e-15);
    }

    [Fact]
    public void Layered_network_shrink_candidates_keep_consistent_shapes()
    {
        var n = new LayeredNetwork([2, 3, 2], [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]], [0.1, 0.2], [0.3, 0.4], LayeredNetwork.Tanh, 0.96);
        foreach (LayeredNetwork c in LayeredNetworkFamilies.Shrink(n))
        {
            Assert.Equal(c.Layers - 1, c.Weights.Length);
            Assert.InRange(c.Slope, double.Epsilon, 1 - 1e-16);
            for (int l = 0; l < c.Weights.Length; l++)
            {
                Assert.Equal(c.Widths[l] * c.Widths[l + 1], c.Weights[l].Length);
            }

            Assert.Equal(c.Widths[0], c.Input.Length);
            Assert.Equal(c.Widths[^1], c.Target.Length);
        }
    }

    [Fact]
    public void Softmax_run_shrink_candidates_keep_gamma_below_one()
    {
        SoftmaxRun run = OneStep with { Beta1 = 0.9, Beta2 = 0.95, Steps = 3, SamplingRate = 0.5, Seed = 7 };
        foreach (SoftmaxRun c in SoftmaxRunFamilies.Shrink(run))
        {
            Assert.True(c.Beta1 == 0.0 || c.Beta1 * c.Beta1 < Math.Sqrt(c.Beta2), c.ToString());
            Assert.Equal(c.Examples * c.Features, c.X.Length);
            Assert.Equal(c.Classes * (c.Features + 1), c.Start.Length);
        }
    }

    [Fact]
    public void Jensen_remark_matches_a_hand_computed_two_step_sgd_run()
    {
        // f(θ) = ½(θ − 1)², θ₁ = 0, α = 0.5, SGD (n = 1): θ₂ = 0 − 0.5·(0 − 1) = 0.5; f* = 0.
        // R(2) = ½ + ⅛ = 0.625; θ̄ = ¼, T·f(θ̄) = 2·½·(¾)² = 0.5625.
        var run = new FiniteSumRun(
            FiniteSumProblem.Centroid, [[1.0]], [0.0], [1.0, 1.0], 2, 2.0, [0.0], 0.5, 0.0, 0.5, 0.0, null, SamplingRule.Uniform, 0.1, [1.0], 1.0);
        RunPaths paths = FiniteSumEngine.Run(run, Method.Sgd);
        Assert.Equal(0.625, paths.Regret, 1e-15);
        Assert.Equal(0.25, JensenRemark.Average(paths.Paths[0].Steps)[0], 1e-15);
        Sides s = JensenRemark.Sides(paths);
        Assert.Equal(0.5625 / 0.625, s.Left / s.Right, 1e-14);
    }

    private static Sides Evaluate<T>(string id, T instance) =>
        ClaimCatalogue.Get(id).Evaluate(JsonSerializer.SerializeToElement(instance, CounterexampleStore.JsonOptions));

    private static void AssertHolds<T>(string id, T instance)
    {
        IClaim claim = ClaimCatalogue.Get(id);
        Sides s = Evaluate(id, instance);
        Assert.False(claim.Slack.Violates(s, claim.Info.Relation), $"{id}: left {s.Left:R}, right {s.Right:R}");
    }
}
