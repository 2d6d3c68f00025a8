using Verification.Reference.Optimizers;

namespace Verification.Properties.Reference;

public class AmsGradConventionTests
{
    [Fact]
    public void Conventions_differ_by_the_bias_correction_factor_and_agree_once_it_vanishes()
    {
        // PyTorch's step = Reddi's step · √(1 − β₂^t)/(1 − β₁^t) whenever ε is negligible; at t = 1 that is
        // √0.001/0.1 ≈ 0.316. ε = 0 makes the identity exact up to the roundings of the two orders (< 1e-14 relative).
        var reddi = new AmsGrad(new AmsGradOptions { Convention = AmsGradConvention.Reddi, Epsilon = 0 });
        var torch = new AmsGrad(new AmsGradOptions { Convention = AmsGradConvention.PyTorch, Epsilon = 0 });
        OptimizerState sr = reddi.Init(1), st = torch.Init(1);
        double[] tr = [0.0], tt = [0.0];
        for (int t = 1; t <= 5; t++)
        {
            double br = tr[0], bt = tt[0];
            reddi.Step(sr, tr, [0.5]);
            torch.Step(st, tt, [0.5]);
            double ratio = (tt[0] - bt) / (tr[0] - br);
            double expected = Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            Assert.True(Math.Abs(ratio / expected - 1) < 1e-12, $"t={t}: ratio {ratio}, expected {expected}");
        }

        Assert.True(Math.Abs(sr.Buffer("vhat")[0] - st.Buffer("vhat")[0]) == 0, "both keep the maximum of the raw v");
    }
}
