namespace Verification.Claims.Catalogue;

/// <summary>The two sides of a claim evaluated on one instance.</summary>
/// <param name="Left">The left-hand side.</param>
/// <param name="Right">The right-hand side.</param>
public readonly record struct Sides(double Left, double Right)
{
    /// <summary>Right − Left: how much room an inequality leaves (negative when violated).</summary>
    public double Slack => Right - Left;

    /// <summary>Both sides divided by <paramref name="scale"/> (unchanged when it is 0).</summary>
    public static Sides Over(double left, double right, double scale) => scale == 0.0 ? new Sides(left, right) : new Sides(left / scale, right / scale);
}
