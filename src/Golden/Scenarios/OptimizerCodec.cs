using System.Globalization;
using System.Text.Json;
using Verification.Golden.Format;
using Verification.Reference.Optimizers;
using Verification.Reference.Optimizers.StochGradAdam;
using Verification.Reference.Random;
using Verification.Reference.Sampling;

namespace Verification.Golden.Scenarios;

/// <summary>
/// The header's <c>optimizer</c> object: every hyperparameter resolved (no defaults left to the reader), written from
/// an optimizer and read back into one. docs/golden-format.md lists the fields per algorithm.
/// </summary>
internal static class OptimizerCodec
{
    private static readonly (string, LearningRateDecay)[] Decays = [("constant", LearningRateDecay.Constant), ("inverse_sqrt", LearningRateDecay.InverseSqrt)];
    private static readonly (string, EpsilonPlacement)[] Placements = [("outside", EpsilonPlacement.Outside), ("inside", EpsilonPlacement.Inside)];
    private static readonly (string, AmsGradConvention)[] Conventions = [("reddi", AmsGradConvention.Reddi), ("pytorch", AmsGradConvention.PyTorch)];
    private static readonly (string, WeightDecayMode)[] DecayModes = [("coupled", WeightDecayMode.Coupled), ("decoupled", WeightDecayMode.Decoupled)];
    private static readonly (string, ProbabilitySource)[] Sources =
        [("adaptive", ProbabilitySource.Adaptive), ("uniform", ProbabilitySource.Uniform), ("fixed", ProbabilitySource.Fixed)];
    private static readonly (string, ProbabilityFloorMode)[] FloorModes =
        [("add_to_score", ProbabilityFloorMode.AddToScore), ("mix_with_uniform", ProbabilityFloorMode.MixWithUniform)];
    private static readonly (string, RefreshMode)[] RefreshModes = [("full_pass", RefreshMode.FullPass), ("seen_only", RefreshMode.SeenOnly)];
    private static readonly (string, BatchReplacement)[] Replacements =
        [("with_replacement", BatchReplacement.WithReplacement), ("without_replacement", BatchReplacement.WithoutReplacement)];
    private static readonly (string, WeightNormalization)[] Normalizations =
        [("none", WeightNormalization.None), ("max_in_batch", WeightNormalization.MaxInBatch)];

    /// <summary>Writes <c>"optimizer": {…}</c>.</summary>
    public static void Write(Utf8JsonWriter writer, GoldenOptimizer optimizer)
    {
        writer.WriteStartObject("optimizer");
        writer.WriteString("name", optimizer.Name);
        switch (optimizer.Gradient ?? (object)optimizer.FiniteSum!)
        {
            case Sgd sgd:
                writer.WriteString("algorithm", "sgd");
                WriteSgd(writer, sgd.Options);
                break;
            case AdaGrad adaGrad:
                writer.WriteString("algorithm", "adagrad");
                GoldenJson.WriteDouble(writer, "learning_rate", adaGrad.Options.LearningRate);
                GoldenJson.WriteDouble(writer, "epsilon", adaGrad.Options.Epsilon);
                WriteBox(writer, adaGrad.Options.Box);
                break;
            case RmsProp rmsProp:
                writer.WriteString("algorithm", "rmsprop");
                GoldenJson.WriteDouble(writer, "learning_rate", rmsProp.Options.LearningRate);
                GoldenJson.WriteDouble(writer, "rho", rmsProp.Options.Rho);
                GoldenJson.WriteDouble(writer, "epsilon", rmsProp.Options.Epsilon);
                WriteBox(writer, rmsProp.Options.Box);
                break;
            case Adam adam:
                writer.WriteString("algorithm", "adam");
                WriteAdam(writer, adam.Options);
                break;
            case AmsGrad amsGrad:
                writer.WriteString("algorithm", "amsgrad");
                WriteAmsGrad(writer, amsGrad.Options);
                break;
            case StochGradAdam sga:
                writer.WriteString("algorithm", "stochgradadam");
                WriteStochGradAdam(writer, sga.Options);
                break;
            case DasGrad dasGrad:
                writer.WriteString("algorithm", "dasgrad");
                writer.WriteStartObject("rule");
                WriteAmsGrad(writer, dasGrad.Rule);
                writer.WriteEndObject();
                WriteSampler(writer, dasGrad.Sampler);
                break;
            case ApSgd apSgd:
                writer.WriteString("algorithm", "ap-sgd");
                writer.WriteStartObject("rule");
                WriteSgd(writer, apSgd.Rule);
                writer.WriteEndObject();
                WriteSampler(writer, apSgd.Sampler);
                break;
            default:
                throw new NotSupportedException($"No golden encoding for optimizer '{optimizer.Name}'.");
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads an <c>optimizer</c> object into a fresh optimizer.</summary>
    public static GoldenOptimizer Read(JsonElement o, GoldenLocation at)
    {
        string algorithm = GoldenJson.String(o, "algorithm", at);
        GoldenOptimizer result = algorithm switch
        {
            "sgd" => GoldenOptimizer.Of(new Sgd(ReadSgd(o, at))),
            "adagrad" => GoldenOptimizer.Of(new AdaGrad(new AdaGradOptions
            {
                LearningRate = GoldenJson.Double(o, "learning_rate", at),
                Epsilon = GoldenJson.Double(o, "epsilon", at),
                Box = ReadBox(o, at),
            })),
            "rmsprop" => GoldenOptimizer.Of(new RmsProp(new RmsPropOptions
            {
                LearningRate = GoldenJson.Double(o, "learning_rate", at),
                Rho = GoldenJson.Double(o, "rho", at),
                Epsilon = GoldenJson.Double(o, "epsilon", at),
                Box = ReadBox(o, at),
            })),
            "adam" => GoldenOptimizer.Of(new Adam(ReadAdam(o, at))),
            "amsgrad" => GoldenOptimizer.Of(new AmsGrad(ReadAmsGrad(o, at))),
            "stochgradadam" => GoldenOptimizer.Of(new StochGradAdam(ReadStochGradAdam(o, at))),
            "dasgrad" => GoldenOptimizer.Of(new DasGrad(
                ReadAmsGrad(GoldenJson.Field(o, "rule", at), at.Child("rule")), ReadSampler(GoldenJson.Field(o, "sampler", at), at.Child("sampler")))),
            "ap-sgd" => GoldenOptimizer.Of(new ApSgd(
                ReadSgd(GoldenJson.Field(o, "rule", at), at.Child("rule")), ReadSampler(GoldenJson.Field(o, "sampler", at), at.Child("sampler")))),
            _ => throw at.Child("algorithm").Format(
                $"unknown algorithm '{algorithm}' (known: sgd, adagrad, rmsprop, adam, amsgrad, stochgradadam, dasgrad, ap-sgd)"),
        };
        string name = GoldenJson.String(o, "name", at);
        return result.Name == name
            ? result
            : throw at.Child("name").Format($"'{name}' does not match the configuration, whose name is '{result.Name}'");
    }

    private static void WriteSgd(Utf8JsonWriter writer, SgdOptions o)
    {
        GoldenJson.WriteDouble(writer, "learning_rate", o.LearningRate);
        writer.WriteString("learning_rate_decay", Name(Decays, o.LearningRateDecay));
        WriteBox(writer, o.Box);
    }

    private static SgdOptions ReadSgd(JsonElement o, GoldenLocation at) => new()
    {
        LearningRate = GoldenJson.Double(o, "learning_rate", at),
        LearningRateDecay = GoldenJson.Choice(o, "learning_rate_decay", at, Decays),
        Box = ReadBox(o, at),
    };

    private static void WriteAdam(Utf8JsonWriter writer, AdamOptions o)
    {
        GoldenJson.WriteDouble(writer, "learning_rate", o.LearningRate);
        writer.WriteString("learning_rate_decay", Name(Decays, o.LearningRateDecay));
        GoldenJson.WriteDouble(writer, "beta1", o.Beta1);
        GoldenJson.WriteDouble(writer, "beta2", o.Beta2);
        GoldenJson.WriteDouble(writer, "epsilon", o.Epsilon);
        writer.WriteString("epsilon_placement", Name(Placements, o.EpsilonPlacement));
        writer.WriteBoolean("bias_correction", o.BiasCorrection);
        GoldenJson.WriteDouble(writer, "beta1_decay", o.Beta1Decay);
        WriteBox(writer, o.Box);
    }

    private static AdamOptions ReadAdam(JsonElement o, GoldenLocation at) => new()
    {
        LearningRate = GoldenJson.Double(o, "learning_rate", at),
        LearningRateDecay = GoldenJson.Choice(o, "learning_rate_decay", at, Decays),
        Beta1 = GoldenJson.Double(o, "beta1", at),
        Beta2 = GoldenJson.Double(o, "beta2", at),
        Epsilon = GoldenJson.Double(o, "epsilon", at),
        EpsilonPlacement = GoldenJson.Choice(o, "epsilon_placement", at, Placements),
        BiasCorrection = GoldenJson.Bool(o, "bias_correction", at),
        Beta1Decay = GoldenJson.Double(o, "beta1_decay", at),
        Box = ReadBox(o, at),
    };

    private static void WriteAmsGrad(Utf8JsonWriter writer, AmsGradOptions o)
    {
        writer.WriteString("convention", Name(Conventions, o.Convention));
        GoldenJson.WriteDouble(writer, "learning_rate", o.LearningRate);
        writer.WriteString("learning_rate_decay", Name(Decays, o.LearningRateDecay));
        GoldenJson.WriteDouble(writer, "beta1", o.Beta1);
        GoldenJson.WriteDouble(writer, "beta2", o.Beta2);
        GoldenJson.WriteDouble(writer, "epsilon", o.Epsilon);
        GoldenJson.WriteDouble(writer, "beta1_decay", o.Beta1Decay);
        WriteBox(writer, o.Box);
    }

    private static AmsGradOptions ReadAmsGrad(JsonElement o, GoldenLocation at) => new()
    {
        Convention = GoldenJson.Choice(o, "convention", at, Conventions),
        LearningRate = GoldenJson.Double(o, "learning_rate", at),
        LearningRateDecay = GoldenJson.Choice(o, "learning_rate_decay", at, Decays),
        Beta1 = GoldenJson.Double(o, "beta1", at),
        Beta2 = GoldenJson.Double(o, "beta2", at),
        Epsilon = GoldenJson.Double(o, "epsilon", at),
        Beta1Decay = GoldenJson.Double(o, "beta1_decay", at),
        Box = ReadBox(o, at),
    };

    private static void WriteStochGradAdam(Utf8JsonWriter writer, StochGradAdamOptions o)
    {
        writer.WriteString("variant", StochGradAdamVariantNames.Of(o.Variant));
        GoldenJson.WriteDouble(writer, "sampling_rate", o.SamplingRate);
        writer.WriteString("threshold", BernoulliThreshold.For(o.SamplingRate).ToString(CultureInfo.InvariantCulture));
        writer.WriteString("seed", o.Seed.ToString(CultureInfo.InvariantCulture));
        GoldenJson.WriteDouble(writer, "learning_rate", o.LearningRate);
        writer.WriteString("learning_rate_decay", Name(Decays, o.ResolvedLearningRateDecay));
        GoldenJson.WriteDouble(writer, "beta1", o.Beta1);
        GoldenJson.WriteDouble(writer, "beta2", o.Beta2);
        GoldenJson.WriteDouble(writer, "epsilon", o.ResolvedEpsilon);
        writer.WriteString("epsilon_placement", Name(Placements, o.ResolvedEpsilonPlacement));
        GoldenJson.WriteDouble(writer, "beta1_decay", o.Beta1Decay);
        GoldenJson.WriteDouble(writer, "weight_decay", o.WeightDecay);
        writer.WriteString("weight_decay_mode", Name(DecayModes, o.WeightDecayMode));
        WriteBox(writer, o.Box);
    }

    private static StochGradAdamOptions ReadStochGradAdam(JsonElement o, GoldenLocation at)
    {
        string variant = GoldenJson.String(o, "variant", at);
        StochGradAdamVariant parsed = Enum.GetValues<StochGradAdamVariant>().FirstOrDefault(v => StochGradAdamVariantNames.Of(v) == variant);
        if (StochGradAdamVariantNames.Of(parsed) != variant)
        {
            throw at.Child("variant").Format(
                $"unknown variant '{variant}' (known: {string.Join(", ", Enum.GetValues<StochGradAdamVariant>().Select(StochGradAdamVariantNames.Of))})");
        }

        var options = new StochGradAdamOptions
        {
            Variant = parsed,
            SamplingRate = GoldenJson.Double(o, "sampling_rate", at),
            Seed = GoldenJson.UInt64(o, "seed", at),
            LearningRate = GoldenJson.Double(o, "learning_rate", at),
            LearningRateDecay = GoldenJson.Choice(o, "learning_rate_decay", at, Decays),
            Beta1 = GoldenJson.Double(o, "beta1", at),
            Beta2 = GoldenJson.Double(o, "beta2", at),
            Epsilon = GoldenJson.Double(o, "epsilon", at),
            EpsilonPlacement = GoldenJson.Choice(o, "epsilon_placement", at, Placements),
            Beta1Decay = GoldenJson.Double(o, "beta1_decay", at),
            WeightDecay = GoldenJson.Double(o, "weight_decay", at),
            WeightDecayMode = GoldenJson.Choice(o, "weight_decay_mode", at, DecayModes),
            Box = ReadBox(o, at),
        };
        ulong threshold = GoldenJson.UInt64(o, "threshold", at);
        ulong expected = BernoulliThreshold.For(options.SamplingRate);
        return threshold == expected
            ? options
            : throw at.Child("threshold").Format($"{threshold} is not floor(sampling_rate * 2^32) = {expected}");
    }

    private static void WriteSampler(Utf8JsonWriter writer, ImportanceSamplerOptions o)
    {
        writer.WriteStartObject("sampler");
        writer.WriteString("source", Name(Sources, o.Source));
        if (o.FixedProbabilities is null)
        {
            writer.WriteNull("fixed_probabilities");
        }
        else
        {
            GoldenJson.WriteDoubles(writer, "fixed_probabilities", o.FixedProbabilities.ToArray());
        }

        writer.WriteNumber("batch_size", o.BatchSize);
        writer.WriteNumber("refresh_period", o.RefreshPeriod);
        GoldenJson.WriteDouble(writer, "floor", o.Floor);
        writer.WriteString("floor_mode", Name(FloorModes, o.FloorMode));
        writer.WriteString("refresh_mode", Name(RefreshModes, o.RefreshMode));
        writer.WriteString("replacement", Name(Replacements, o.Replacement));
        writer.WriteString("weight_normalization", Name(Normalizations, o.WeightNormalization));
        writer.WriteString("seed", o.Seed.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static ImportanceSamplerOptions ReadSampler(JsonElement o, GoldenLocation at)
    {
        JsonElement fixedProbabilities = GoldenJson.Field(o, "fixed_probabilities", at);
        return new ImportanceSamplerOptions
        {
            Source = GoldenJson.Choice(o, "source", at, Sources),
            FixedProbabilities = fixedProbabilities.ValueKind == JsonValueKind.Null ? null : GoldenJson.Doubles(fixedProbabilities, at.Child("fixed_probabilities")),
            BatchSize = GoldenJson.Int(o, "batch_size", at),
            RefreshPeriod = GoldenJson.Int(o, "refresh_period", at),
            Floor = GoldenJson.Double(o, "floor", at),
            FloorMode = GoldenJson.Choice(o, "floor_mode", at, FloorModes),
            RefreshMode = GoldenJson.Choice(o, "refresh_mode", at, RefreshModes),
            Replacement = GoldenJson.Choice(o, "replacement", at, Replacements),
            WeightNormalization = GoldenJson.Choice(o, "weight_normalization", at, Normalizations),
            Seed = GoldenJson.UInt64(o, "seed", at),
        };
    }

    private static void WriteBox(Utf8JsonWriter writer, Box? box)
    {
        if (box is null)
        {
            writer.WriteNull("box");
            return;
        }

        writer.WriteStartObject("box");
        GoldenJson.WriteDouble(writer, "lower", box.Lower);
        GoldenJson.WriteDouble(writer, "upper", box.Upper);
        writer.WriteEndObject();
    }

    private static Box? ReadBox(JsonElement o, GoldenLocation at)
    {
        JsonElement box = GoldenJson.Field(o, "box", at);
        return box.ValueKind == JsonValueKind.Null
            ? null
            : new Box(GoldenJson.Double(box, "lower", at.Child("box")), GoldenJson.Double(box, "upper", at.Child("box")));
    }

    private static string Name<T>((string Name, T Value)[] names, T value) where T : struct, Enum =>
        names.First(n => EqualityComparer<T>.Default.Equals(n.Value, value)).Name;
}
