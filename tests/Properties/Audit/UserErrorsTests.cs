using Verification.Audit.Commands;

namespace Verification.Properties.Audit;

/// <summary>Errors a user causes end in exit code 2 and one message, also from inside the parallel claims search; bugs still surface.</summary>
public class UserErrorsTests
{
    [Fact]
    public void A_user_error_from_a_parallel_search_becomes_exit_code_2()
    {
        TextWriter original = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            Assert.Equal(2, UserErrors.Run(() => throw new AggregateException(new FileNotFoundException("Data file 'mnist/x' was not found."))));
            Assert.Equal(2, UserErrors.Run(() => throw new KeyNotFoundException("No claim has the id 'NOPE'.")));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("error: Data file 'mnist/x' was not found.", captured.ToString(), StringComparison.Ordinal);
        Assert.Contains("error: No claim has the id 'NOPE'.", captured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bug_is_not_mistaken_for_a_user_error()
    {
        Assert.Throws<AggregateException>(() => UserErrors.Run(() => throw new AggregateException(new NullReferenceException())));
        Assert.Equal(0, UserErrors.Run(() => 0));
    }
}
