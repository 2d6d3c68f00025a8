using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Verification.Audit.Cli;

/// <summary>One line for a command line that does not parse: what was wrong, the closest names, where help is.</summary>
public static partial class ParseErrorText
{
    /// <summary>Describes the first problem of <paramref name="parse"/>.</summary>
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Command command = parse.CommandResult.Command;
        string path = CommandPath(parse.CommandResult);
        string help = $"see '{path} --help'";
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                string[] options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct(StringComparer.Ordinal).ToArray();
                return $"unknown option '{token}' for '{path}'; {ClosestNames.Suggestion(token, options)} ({help}).";
            }

            if (command.Subcommands.Count > 0 && command.Arguments.Count == 0)
            {
                return $"unknown command '{token}' for '{path}'; {ClosestNames.Suggestion(token, command.Subcommands.Select(c => c.Name).ToArray())} ({help}).";
            }

            return $"unexpected argument '{token}' for '{path}' ({help}).";
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"'{path}' needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))} ({help}).";
        }

        string message = parse.Errors.Count > 0 ? OneLine(parse.Errors[0].Message) : "the command line does not parse";
        return $"{message.TrimEnd('.')} ({help}).";
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>System.CommandLine lists allowed values on separate tab-indented lines; one line reads better.</summary>
    private static string OneLine(string text) => Whitespace().Replace(text.Replace(":\n\t", ": ", StringComparison.Ordinal).Replace("'\n\t'", "', '", StringComparison.Ordinal), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
