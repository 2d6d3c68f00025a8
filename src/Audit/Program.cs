using Verification.Audit;

// The full audit (claims catalogue, experiments, report) is not built yet; until it is, the main job prints the
// variant table, which needs nothing but the reference implementation.
string command = args.Length > 0 ? args[0] : "variants";
switch (command)
{
    case "variants":
        VariantTable.Write(Console.Out);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. Available: variants.");
        return 2;
}
