using System.Diagnostics;
using System.Globalization;

namespace KazBriefBot.Bench;

/// <summary>Plain loops for a sampling profiler (dotnet-trace) to watch: queries or builds, nothing else.</summary>
public static class ProfileLoops
{
    /// <summary>Runs the BBC title queries against our index for the given seconds; prints queries per second.</summary>
    public static void Queries(int seconds, TextWriter output)
    {
        var articles = Datasets.LoadBbc();
        var index = OursSentenceIndex.Build(articles);
        var queries = articles.Select(a => a.Metadata.Title ?? a.Sentences[0].Text).ToArray();
        var clock = Stopwatch.StartNew();
        long count = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var query in queries)
            {
                index.Search(query, 10);
            }

            count += queries.Length;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count / clock.Elapsed.TotalSeconds:F0} queries/s"));
    }

    /// <summary>Builds our index over BBC (or SQuAD) the given number of times; prints the median build time.</summary>
    public static void Builds(int runs, bool squad, TextWriter output)
    {
        var articles = squad ? Datasets.LoadSquad().Articles : Datasets.LoadBbc();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(OursSentenceIndex.Build(articles));
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median build {times[times.Count / 2]:F1} ms over {runs} runs"));
    }
}
