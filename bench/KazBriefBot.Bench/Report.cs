using System.Text.Json;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Bench;

/// <summary>Runs every measurement of the comparison and prints one Markdown report.</summary>
public static class Report
{
    private const int Repeats = 5;

    public static int Run(bool quick, bool retrievalOnly, TextWriter output)
    {
        if (!File.Exists(Datasets.BbcCsv) || !File.Exists(Datasets.SquadJson))
        {
            output.WriteLine($"The datasets are absent (looked in {Datasets.DataFolder}); nothing to measure.");
            return 1;
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# KazBriefBot vs Lucene.NET 4.8 — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(quick ? "quick run" : "full run")}");
        sb.AppendLine();

        var squad = Datasets.LoadSquad();
        Retrieval(sb, squad, quick);
        if (retrievalOnly)
        {
            output.Write(sb.ToString());
            return 0;
        }

        var bbc = Datasets.LoadBbc();
        Speed(sb, "SQuAD dev paragraphs", squad.Articles, squad.Questions.Select(q => q.Question).Take(quick ? 1000 : 2000).ToList());
        Speed(sb, "BBC News (2,225 articles)", bbc, bbc.Select(a => a.Metadata.Title ?? a.Sentences[0].Text).Take(quick ? 1000 : 2225).ToList());
        Scaling(sb, bbc, quick ? [1, 2, 4] : [1, 2, 4, 8]);
        output.Write(sb.ToString());
        return 0;
    }

    /// <summary>Where to write the questions whose gold sentence is not ranked first (JSON Lines), for error analysis.</summary>
    public static string? MissesPath { get; set; }

    /// <summary>When set (0 or 1), retrieval is scored only on the questions of the even (0) or odd (1) paragraphs.</summary>
    public static int? Fold { get; set; }

    private static void Retrieval(StringBuilder sb, SquadSet squad, bool quick)
    {
        var ours = OursSentenceIndex.Build(squad.Articles);
        using var lucene = LuceneSentenceIndex.Build(squad.Articles);
        var questions = quick ? squad.Questions.Take(3000).ToList() : squad.Questions;
        if (Fold is { } fold)
        {
            // Half of the paragraphs (even- or odd-numbered), to choose weights on one half and check them on the other.
            questions = questions.Where(q => ours.Index.Sentences[q.GoldSentence].ArticleIndex % 2 == fold).ToList();
        }

        var oursMetrics = new RetrievalMetrics();
        var luceneMetrics = new RetrievalMetrics();
        using var misses = MissesPath is { } path ? new StreamWriter(path) : null;
        foreach (var q in questions)
        {
            var hits = ours.Search(q.Question, 10);
            oursMetrics.Add(hits, q.GoldSentence);
            luceneMetrics.Add(lucene.Search(q.Question, 10), q.GoldSentence);

            if (misses is not null && (hits.Length == 0 || hits[0] != q.GoldSentence))
            {
                var rank = Array.IndexOf(hits, q.GoldSentence);
                misses.WriteLine(JsonSerializer.Serialize(new
                {
                    q.Question,
                    rank = rank < 0 ? (int?)null : rank + 1,
                    gold = ours.Index.Sentences[q.GoldSentence].Sentence.Text,
                    top = hits.Length == 0 ? null : ours.Index.Sentences[hits[0]].Sentence.Text,
                    sameParagraph = hits.Length > 0 && ours.Index.Sentences[hits[0]].ArticleIndex == ours.Index.Sentences[q.GoldSentence].ArticleIndex,
                }));
            }
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"## Answer retrieval, SQuAD v1.1 dev (sentence pool {squad.SentenceCount:N0}, {questions.Count:N0} questions{(Fold is { } f ? $", {(f == 0 ? "even" : "odd")} paragraphs only" : "")})");
        sb.AppendLine();
        sb.AppendLine("| engine | R@1 | R@5 | R@10 | MRR@10 |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine(oursMetrics.Row("KazBriefBot"));
        sb.AppendLine(luceneMetrics.Row("Lucene.NET BM25 + EnglishAnalyzer"));
        sb.AppendLine();
    }

    private static void Speed(StringBuilder sb, string name, IReadOnlyList<Article> articles, IReadOnlyList<string> questions)
    {
        var textBytes = articles.Sum(a => (long)System.Text.Encoding.UTF8.GetByteCount(a.Text));
        var oursBuild = Median(Enumerable.Range(0, Repeats).Select(_ => TimeBuild(() => OursSentenceIndex.Build(articles))));
        var luceneBuild = Median(Enumerable.Range(0, Repeats).Select(_ => TimeBuild(() => LuceneSentenceIndex.Build(articles).Dispose())));
        var (oursIndex, oursMemory) = Measure(() => OursSentenceIndex.Build(articles));
        var (luceneIndex, luceneManaged) = Measure(() => LuceneSentenceIndex.Build(articles));
        using (luceneIndex)
        {
            var oursLatency = Latencies(questions, q => oursIndex.Search(q, 10));
            var luceneLatency = Latencies(questions, q => luceneIndex.Search(q, 10));
            sb.AppendLine(CultureInfo.InvariantCulture, $"## Speed and memory, {name} ({articles.Sum(a => a.Sentences.Count):N0} sentences, {textBytes / 1024.0 / 1024.0:F2} MiB text, {questions.Count:N0} queries)");
            sb.AppendLine();
            sb.AppendLine("| measure | KazBriefBot | Lucene.NET | ours / Lucene |");
            sb.AppendLine("|---|---|---|---|");
            sb.AppendLine(Row($"index build (ms, median of {Repeats})", oursBuild, luceneBuild));
            sb.AppendLine(Row("query median (µs)", Percentile(oursLatency, 0.5), Percentile(luceneLatency, 0.5)));
            sb.AppendLine(Row("query p99 (µs)", Percentile(oursLatency, 0.99), Percentile(luceneLatency, 0.99)));
            sb.AppendLine(Row("index memory (MiB)", oursMemory / 1048576.0, (luceneManaged + 0.0) / 1048576.0));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| index memory / corpus text | {oursMemory / (double)textBytes:F2}× | {luceneManaged / (double)textBytes:F2}× | |");
            sb.AppendLine();
        }

        GC.KeepAlive(oursIndex);
    }

    private static void Scaling(StringBuilder sb, IReadOnlyList<Article> bbc, int[] factors)
    {
        sb.AppendLine("## Growth with corpus size (BBC duplicated with new ids)");
        sb.AppendLine();
        sb.AppendLine("| size | articles | start-up to ready (ms) | ours build (ms) | Lucene build (ms) | ours query median (µs) | Lucene query median (µs) |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        var questions = bbc.Select(a => a.Metadata.Title ?? a.Sentences[0].Text).Take(1000).ToList();
        foreach (var factor in factors)
        {
            var articles = Datasets.LoadBbc(factor);
            var startup = StartupToReady(articles);
            var oursBuild = TimeBuild(() => OursSentenceIndex.Build(articles));
            var luceneBuild = TimeBuild(() => LuceneSentenceIndex.Build(articles).Dispose());
            var ours = OursSentenceIndex.Build(articles);
            using var lucene = LuceneSentenceIndex.Build(articles);
            var oursQ = Percentile(Latencies(questions, q => ours.Search(q, 10)), 0.5);
            var luceneQ = Percentile(Latencies(questions, q => lucene.Search(q, 10)), 0.5);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {factor}× | {articles.Count:N0} | {startup:F0} | {oursBuild:F0} | {luceneBuild:F0} | {oursQ:F1} | {luceneQ:F1} |");
        }

        sb.AppendLine();
    }

    /// <summary>Writes the corpus as files, then times what the host does at start: load the folder and build the snapshot.</summary>
    private static double StartupToReady(IReadOnlyList<Article> articles)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kazbrief-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var a in articles)
            {
                File.WriteAllText(Path.Combine(folder, a.Id + ".txt"), a.Text);
            }

            using var engine = new BriefingEngine(new CorpusOptions { Path = folder });
            return Time(() => engine.Load());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (T Value, long Bytes) Measure<T>(Func<T> build)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var value = build();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(value);
        return (value, Math.Max(0, after - before));
    }

    private static double[] Latencies(IReadOnlyList<string> questions, Func<string, int[]> search)
    {
        // Warm up: JIT and caches, as a running host would be.
        foreach (var q in questions.Take(200))
        {
            search(q);
        }

        var result = new double[questions.Count];
        for (var i = 0; i < questions.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            search(questions[i]);
            result[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return result;
    }

    /// <summary>Times one index build after a full collection, so neither engine pays for the garbage of the one before.</summary>
    private static double TimeBuild(Action build)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Time(build);
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static string Row(string name, double ours, double lucene) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {ours:F1} | {lucene:F1} | {ours / lucene:F2} |");
}

/// <summary>Recall at 1, 5, 10 and mean reciprocal rank over top-10 lists.</summary>
public sealed class RetrievalMetrics
{
    private int _count;
    private int _at1;
    private int _at5;
    private int _at10;
    private double _reciprocal;

    public void Add(int[] ranked, int gold)
    {
        _count++;
        var rank = Array.IndexOf(ranked, gold);
        if (rank < 0)
        {
            return;
        }

        _at1 += rank < 1 ? 1 : 0;
        _at5 += rank < 5 ? 1 : 0;
        _at10 += rank < 10 ? 1 : 0;
        _reciprocal += rank < 10 ? 1.0 / (rank + 1) : 0;
    }

    public int Count => _count;

    public double RecallAt1 => _at1 / (double)_count;

    public double RecallAt5 => _at5 / (double)_count;

    public double RecallAt10 => _at10 / (double)_count;

    /// <summary>Mean reciprocal rank of the gold sentence within the first 10 (0 when it is not among them).</summary>
    public double Mrr => _reciprocal / _count;

    public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {_at1 / (double)_count:F3} | {_at5 / (double)_count:F3} | {_at10 / (double)_count:F3} | {_reciprocal / _count:F3} |");
}
