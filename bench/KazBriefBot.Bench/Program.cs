using BenchmarkDotNet.Running;
using KazBriefBot.Bench;

// Default: the comparison report (retrieval quality, speed, memory, growth). "bdn": the BenchmarkDotNet suites.
if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(Report).Assembly).Run(args[1..]);
    return 0;
}

return Report.Run(quick: args.Contains("--quick"), retrievalOnly: args.Contains("--retrieval"), Console.Out);
