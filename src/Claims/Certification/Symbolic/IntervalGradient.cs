using Verification.Claims.Certification.Arithmetic;

namespace Verification.Claims.Certification.Symbolic;

/// <summary>
/// An enclosure of a value and of its partial derivatives over a box (forward-mode differentiation in interval
/// arithmetic). A derivative enclosure that does not contain 0 shows the function monotone in that coordinate on the
/// whole box, so its maximum lies on one face; with the value at the centre it also gives the mean-value form
/// f(X) ⊆ f(c) + Σ_i D_i (X_i − c_i).
/// </summary>
/// <param name="Value">The value's enclosure.</param>
/// <param name="Gradient">∂/∂x_i enclosures, one per coordinate.</param>
public readonly record struct IntervalGradient(Interval Value, Interval[] Gradient);
