using System.Diagnostics;
using System.Globalization;
using System.Text;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Bench;

/// <summary>"reload [ARTICLES]": what the host's watcher pays after one new article on a large corpus (10,000 BBC News
/// files by default: the 2,225 articles copied) against a full build, in one process, alternating full and reload.</summary>
public static class ReloadReport
{
    public static int Run(int articles, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"kb-reload-{articles}");
        WriteCorpus(folder, articles);
        var options = new CorpusOptions { Path = folder };
        var newFile = Path.Combine(folder, "zz-new-article.txt");
        File.Delete(newFile);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Reload after one new article, {articles} files, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        var full = new List<double>();
        var reload = new List<double>();
        for (var round = 0; round < 4; round++)
        {
            // A: a full build (a new engine: nothing to reuse). B: the same engine after one more file.
            using var engine = new BriefingEngine(options);
            var started = Stopwatch.GetTimestamp();
            engine.Load();
            full.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            File.WriteAllText(newFile, $"Wheat exports reach a record\n\nKazakhstan shipped record wheat exports this autumn, round {round}, the ministry said.\n");
            started = Stopwatch.GetTimestamp();
            var snapshot = engine.Load();
            reload.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: full build {full[^1]:0} ms, reload {reload[^1]:0} ms ({engine.LastLoad!.ReusedArticles} of {snapshot.Articles.Count} articles reused; read+parse {engine.LastLoad.ReadAndParse.TotalMilliseconds:0} ms, index {engine.LastLoad.Index.TotalMilliseconds:0} ms), load {LoadAverage()}"));
            File.Delete(newFile);
        }

        // The first round warms the JIT; the medians are over the others.
        var f = Median(full.Skip(1));
        var r = Median(reload.Skip(1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of rounds 2-4: full build {f:0} ms, reload {r:0} ms: {r / f:0.00}x of a full build"));
        return 0;
    }

    private static void WriteCorpus(string folder, int count)
    {
        if (Directory.Exists(folder) && Directory.GetFiles(folder, "*.txt").Length == count)
        {
            return;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var rows = Datasets.ReadCsv(File.ReadAllText(Datasets.BbcCsv, Encoding.UTF8)).Skip(1).ToList();
        for (var i = 0; i < count; i++)
        {
            var row = rows[i % rows.Count];
            var name = $"{row[0].Replace('/', '-')}-{i / rows.Count}.txt";
            File.WriteAllText(Path.Combine(folder, name), row[2] + "\n\n" + row[3] + "\n");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
