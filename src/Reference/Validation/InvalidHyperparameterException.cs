namespace Verification.Reference.Validation;

/// <summary>A hyperparameter is outside the range its algorithm is defined on.</summary>
public sealed class InvalidHyperparameterException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception for <paramref name="parameter"/> = <paramref name="value"/>.</summary>
    /// <param name="parameter">The hyperparameter's name as the API spells it (for example <c>beta1</c>).</param>
    /// <param name="value">The rejected value.</param>
    /// <param name="requirement">The accepted range, in words (for example <c>must be in [0, 1)</c>).</param>
    public InvalidHyperparameterException(string parameter, object? value, string requirement)
        : base(parameter, value, $"Invalid {parameter}: {Format(value)} ({requirement}).")
    {
        Parameter = parameter;
        Requirement = requirement;
    }

    /// <summary>The hyperparameter's name.</summary>
    public string Parameter { get; }

    /// <summary>The accepted range, in words.</summary>
    public string Requirement { get; }

    /// <inheritdoc/>
    public override string Message => base.Message.Split(Environment.NewLine)[0];

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        null => "null",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };
}
