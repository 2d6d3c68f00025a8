using System.Globalization;

namespace Verification.Gpu.CrossCheck;

/// <summary>One run of the device-against-reference check: which configuration, how large, how many steps, which data.</summary>
/// <param name="Name">The catalogue name of the configuration (for messages).</param>
/// <param name="Size">The number of parameters.</param>
/// <param name="Steps">The number of steps.</param>
/// <param name="ZeroStep">The 1-based step whose gradient is all zeros (0: none): it exercises the ε and 0/0 guards.</param>
/// <param name="DataSeed">The seed of θ₀ and of the gradients.</param>
/// <param name="HyperSeed">The seed of the redrawn hyperparameters, or −1 for the catalogued ones (<see cref="CrossCheckInputs.RedrawHyperparameters"/>).</param>
public sealed record CrossCheckCase(string Name, int Size, int Steps, int ZeroStep, int DataSeed, int HyperSeed)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} d={Size} steps={Steps} zero-step={ZeroStep} data-seed={DataSeed} hyper-seed={HyperSeed}");
}
