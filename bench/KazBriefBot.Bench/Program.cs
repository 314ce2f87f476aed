using BenchmarkDotNet.Running;
using KazBriefBot.Bench;

// Default: the comparison report (retrieval quality, speed, memory, growth). "bdn": the BenchmarkDotNet suites.
if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(Report).Assembly).Run(args[1..]);
    return 0;
}

// "profile": run the BBC title queries in a loop for a profiler (dotnet-trace) to sample; prints queries per second.
if (args.Length > 0 && args[0] == "profile")
{
    var articles = Datasets.LoadBbc();
    var index = OursSentenceIndex.Build(articles);
    var queries = articles.Select(a => a.Metadata.Title ?? a.Sentences[0].Text).ToArray();
    var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    long count = 0;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        foreach (var query in queries)
        {
            index.Search(query, 10);
        }

        count += queries.Length;
    }

    Console.WriteLine($"{count / clock.Elapsed.TotalSeconds:F0} queries/s");
    return 0;
}

// "profile-build [N] [squad]": build the BBC (or SQuAD) index N times (default 15) for a profiler; prints the median time.
if (args.Length > 0 && args[0] == "profile-build")
{
    var articles = args.Contains("squad") ? Datasets.LoadSquad().Articles : Datasets.LoadBbc();
    var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        GC.KeepAlive(OursSentenceIndex.Build(articles));
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"median build {times[times.Count / 2]:F1} ms over {runs} runs");
    return 0;
}

// "--misses FILE": also write the SQuAD questions whose gold sentence is not ranked first (JSON Lines).
var missesAt = Array.IndexOf(args, "--misses");
if (missesAt >= 0 && missesAt + 1 < args.Length)
{
    Report.MissesPath = args[missesAt + 1];
}

// "--fold 0|1": score retrieval on the questions of the even or odd paragraphs only (choose weights on one, check on the other).
var foldAt = Array.IndexOf(args, "--fold");
if (foldAt >= 0 && foldAt + 1 < args.Length)
{
    Report.Fold = int.Parse(args[foldAt + 1], System.Globalization.CultureInfo.InvariantCulture) % 2;
}

return Report.Run(quick: args.Contains("--quick"), retrievalOnly: args.Contains("--retrieval"), Console.Out);
