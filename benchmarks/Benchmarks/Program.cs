using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Verification.Benchmarks.StreamTriad).Assembly).Run(args);
