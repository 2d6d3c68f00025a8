using Verification.Audit.Commands;

// The full audit (experiments, report) is not built yet; until it is, the main job prints the variant table, and
// `claims` runs the proof-audit catalogue.
string command = args.Length > 0 ? args[0] : "variants";
switch (command)
{
    case "variants":
        VariantTable.Write(Console.Out);
        return 0;
    case "claims":
        return ClaimsCommand.Run(args[1..]);
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. Available: variants, claims.");
        return 2;
}
