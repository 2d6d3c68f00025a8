using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Verification.Properties.Tests")]
