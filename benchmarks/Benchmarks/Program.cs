using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Verification.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(StreamTriad).Assembly).Run(args, DefaultConfig.Instance.AddColumn(new BandwidthRatioColumn()));
