using BenchmarkDotNet.Attributes;
using Verification.Convex.Data.Imdb;
using Verification.Convex.Data.Mnist;
using Verification.Convex.Features;
using Verification.Convex.Objectives;
using Verification.Gpu;
using Verification.Gpu.Convex;
using Verification.Reference.Optimizers;
using Verification.Reference.Problems;
using Verification.Reference.Sampling;

namespace Verification.Benchmarks;

/// <summary>
/// The DASGrad refresh (n per-example gradient norms, the sum tree rebuilt) plus one batch of B = 32 draws with its
/// weighted gradient, against one full-gradient pass, on MNIST (multinomial, n = 60,000, d = 7,850) and IMDB (binary
/// tf-idf, L2 rows, n = 25,000, d = 89,528), each on the host reference and with the norms / gradient on the OpenCL
/// device (the draws stay on the host: ImportanceSampler's tree descent). Needs ../shared/data; the device rows are
/// empty without an OpenCL fp64 device.
/// </summary>
public class DasGradRefreshBenchmarks
{
    private IFiniteSumObjective _finiteSum = null!;
    private ISmoothConvexObjective _smooth = null!;
    private OpenClBackend? _backend;
    private DeviceLogisticRegression? _device;
    private ImportanceSampler _sampler = null!;
    private OptimizerState _state = null!;
    private double[] _theta = [], _gradient = [], _norms = [];

    /// <summary>The data set.</summary>
    [Params("MNIST", "IMDB")]
    public string Problem { get; set; } = "MNIST";

    /// <summary>Loads the data, builds the objective, and uploads it to the device.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Problem == "MNIST")
        {
            var objective = MultinomialLogisticRegression.FromMnist(MnistLoader.Load(MnistSplit.Train), 1e-3);
            (_finiteSum, _smooth) = (objective, objective);
            if (OpenClBackend.IsAvailable())
            {
                _backend = OpenClBackend.Create();
                _device = new DeviceMultinomialLogisticRegression(_backend, objective);
            }
        }
        else
        {
            List<ImdbReview> train = ImdbLoader.Load(ImdbSplit.Train);
            Vocabulary vocabulary = Vocabulary.Load(ImdbLoader.LocateVocabulary());
            string[] texts = train.Select(r => r.Text).ToArray();
            var featurizer = new BagOfWordsFeaturizer(vocabulary, new BagOfWordsOptions { Values = FeatureValue.TfIdf, Normalization = RowNormalization.L2 }).Fit(texts);
            var objective = new BinaryLogisticRegression(featurizer.Transform(texts), train.Select(r => r.Label).ToArray(), 1e-4);
            (_finiteSum, _smooth) = (objective, objective);
            if (OpenClBackend.IsAvailable())
            {
                _backend = OpenClBackend.Create();
                _device = new DeviceBinaryLogisticRegression(_backend, objective);
            }
        }

        _theta = Enumerable.Range(0, _finiteSum.Dimension).Select(j => 0.01 * Math.Sin(j)).ToArray();
        _gradient = new double[_finiteSum.Dimension];
        _norms = new double[_finiteSum.ExampleCount];
        var options = new ImportanceSamplerOptions { BatchSize = 32, Seed = 1 };
        _sampler = new ImportanceSampler(options, _finiteSum.ExampleCount);
        _state = new DasGrad(sampler: options).Init(_finiteSum);
    }

    /// <summary>Releases the device data.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _device?.Dispose();
        _backend?.Dispose();
    }

    /// <summary>One full-gradient pass on the host (chunked, parallel).</summary>
    [Benchmark(Baseline = true)]
    public double HostFullGradient() => _smooth.ValueAndGradient(_theta, _gradient);

    /// <summary>Step 1 of the reference sampler: refresh with n calls of ExampleGradientNorm, tree build, B draws and ĝ.</summary>
    [Benchmark]
    public int HostRefreshAndSample() => _sampler.Sample(_state, 1, _theta, _finiteSum).Indices[0];

    /// <summary>The n norms in one host pass (the objective's bulk ExampleGradientNorms, ‖θ‖² once).</summary>
    [Benchmark]
    public double HostBulkNorms()
    {
        switch (_finiteSum)
        {
            case BinaryLogisticRegression b:
                b.ExampleGradientNorms(_theta, _norms);
                break;
            case MultinomialLogisticRegression m:
                m.ExampleGradientNorms(_theta, _norms);
                break;
        }

        return _norms[0];
    }

    /// <summary>One full-gradient pass on the device (residuals and the chunked reduction), θ up and ∇F down included.</summary>
    [Benchmark]
    public double DeviceFullGradient() => _device?.Gradient(_theta)[0] ?? 0.0;

    /// <summary>The n norms on the device (θ up, norms down) and the host sampler's refresh, tree build, B draws and ĝ.</summary>
    [Benchmark]
    public int DeviceRefreshAndSample()
    {
        if (_device is null)
        {
            return 0;
        }

        _device.ExampleGradientNorms(_theta, _norms);
        return _sampler.Sample(_state, 1, _theta, new PrecomputedNormsObjective(_finiteSum, _norms)).Indices[0];
    }

    /// <summary>The n norms on the device alone (θ up, norms down).</summary>
    [Benchmark]
    public double DeviceNorms()
    {
        _device?.ExampleGradientNorms(_theta, _norms);
        return _norms[0];
    }
}
