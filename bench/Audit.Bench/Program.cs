using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Audit.Bench.WorkflowTransitionBenchmarks).Assembly).Run(args);
