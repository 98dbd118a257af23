using BenchmarkDotNet.Running;
using SalesOps.Metrics.Benchmarks.Reporting;

// The whole suite: dotnet run -c Release --project benchmarks/SalesOps.Metrics.Benchmarks -- --filter '*' --job short
// Every benchmark once, for CI:  ... -- --filter '*' --job Dry
// The (g) footprint table alone: ... -- --footprint
if (args.Contains("--footprint", StringComparer.Ordinal))
{
    Console.WriteLine(Footprint.Table());
    return;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, SuiteConfig.Create());

// A benchmark that throws (a failed agreement check, a rejected event) must fail the dry run in CI.
var failed = summaries
    .Where(static s => s.HasCriticalValidationErrors || s.Reports.Any(static r => !r.Success))
    .Select(static s => s.Title)
    .ToList();
foreach (var title in failed)
{
    Console.Error.WriteLine($"Benchmarks failed: {title}");
}

Environment.ExitCode = failed.Count == 0 ? 0 : 1;
