using System.Diagnostics;
using System.Globalization;
using System.Text;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Text;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Digests;

/// <summary>
/// Key-sentence choice against the reference extractive summaries of the BBC News Summary data set:
/// the share of chosen sentences found in the reference summary, ours against lead-3 in the same run.
/// </summary>
public sealed class KeySentenceEvaluationTests(ITestOutputHelper output)
{
    private const string DataPath = "summaries/BBC News Summary";
    private const string ReportPath = "/tmp/readme-parts/digest.md";
    private const string StartMarker = "<!-- digest-eval:start -->";
    private const string EndMarker = "<!-- digest-eval:end -->";
    private const int Chosen = 3;

    [SharedDataFact(DataPath)]
    public void OursBeatsLead3OnBbcReferenceSummaries()
    {
        var clock = Stopwatch.StartNew();
        var root = Path.Combine(TestCorpus.SharedFolder, "data", DataPath);
        var articles = Load(root);
        Assert.True(articles.Count > 1000, $"expected the full data set, found {articles.Count} article/summary pairs");
        var loaded = clock.Elapsed;

        // Corpus-wide term weights, as the digest uses the snapshot's.
        var weights = TermWeights.FromDocuments(articles.Select(a => a.Terms.SelectMany(t => t)));
        foreach (var a in articles)
        {
            a.Vectors = a.Terms.Select(weights.Vector).ToList();
            a.Vector = weights.Vector(a.Terms.SelectMany(t => t));
        }

        // "The range" of the second variant: the other articles of the same category.
        var categorySums = articles.GroupBy(a => a.Category).ToDictionary(g => g.Key, g => TermWeights.Sum(g.Select(a => a.Vector)));
        var categoryNorms = categorySums.ToDictionary(c => c.Key, c => c.Value.Values.Sum(x => x * x));

        var inArticle = KeySentenceWeights.Default with { RangeWeight = 0 };
        var lexRankOnly = inArticle with { PositionWeight = 0 };
        var withRange = KeySentenceWeights.Default;
        var lead = new Score();
        var lexOnly = new Score();
        var ours = new Score();
        var oursRange = new Score();
        foreach (var a in articles)
        {
            lead.Add(a, Enumerable.Range(0, Math.Min(Chosen, a.Sentences.Count)));

            // The variants share the damping, hence the LexRank centrality: computed once per article.
            var centrality = KeySentenceRanker.LexRank(a.Vectors, KeySentenceWeights.Default.Damping);
            lexOnly.Add(a, KeySentenceRanker.Choose(a.Vectors, a.TermCounts, null, Chosen, lexRankOnly, centrality));
            ours.Add(a, KeySentenceRanker.Choose(a.Vectors, a.TermCounts, null, Chosen, inArticle, centrality));
            var others = KeySentenceRanker.RangeSimilarity(a.Vectors, categorySums[a.Category], categoryNorms[a.Category], a.Vector);
            oursRange.Add(a, KeySentenceRanker.Choose(a.Vectors, a.TermCounts, others, Chosen, withRange, centrality));
        }

        clock.Stop();
        output.WriteLine($"loaded and split in {loaded.TotalSeconds:F1} s, total {clock.Elapsed.TotalSeconds:F1} s");
        var report = Report(articles.Count, lead, lexOnly, ours, oursRange, clock.Elapsed);
        output.WriteLine(report);
        WriteReport(report);

        Assert.True(ours.Share > lead.Share, $"in-article: ours {ours.Share:P1} vs lead-3 {lead.Share:P1}");
        Assert.True(oursRange.Share > lead.Share, $"with range: ours {oursRange.Share:P1} vs lead-3 {lead.Share:P1}");
    }

    private static string Report(int count, Score lead, Score lexOnly, Score ours, Score oursRange, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Evaluated on all {count} articles of BBC News Summary (5 categories); 3 sentences per article; a chosen sentence counts when it appears verbatim (whitespace ignored) in the reference summary. Measured in one run ({elapsed.TotalSeconds:F0} s):");
        sb.AppendLine();
        sb.AppendLine("| Method | Share of chosen sentences in the reference summary |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| Lead-3 (first three sentences) | {lead.Share:P1} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| LexRank only (no position prior) | {lexOnly.Share:P1} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **Ours, in-article** (LexRank + position prior {KeySentenceWeights.Default.PositionWeight}) | **{ours.Share:P1}** |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| Ours with the range term (other articles of the same category as the range, weight {KeySentenceWeights.Default.RangeWeight}) | {oursRange.Share:P1} |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Ratios against lead-3: in-article {ours.Share / lead.Share:F2}×, with range {oursRange.Share / lead.Share:F2}×. The reference summaries hold on average {lead.ReferenceShare:P0} of an article's sentences (the share a random choice would get).");
        return sb.ToString().TrimEnd();
    }

    /// <summary>Replaces the evaluation block of the README part, or writes the block alone when the part is not there yet.</summary>
    private static void WriteReport(string report)
    {
        var block = $"{StartMarker}\n{report}\n{EndMarker}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ReportPath)!);
            var existing = File.Exists(ReportPath) ? File.ReadAllText(ReportPath) : string.Empty;
            var start = existing.IndexOf(StartMarker, StringComparison.Ordinal);
            var end = existing.IndexOf(EndMarker, StringComparison.Ordinal);
            var updated = start >= 0 && end > start
                ? existing[..start] + block + existing[(end + EndMarker.Length)..]
                : existing + (existing.Length > 0 ? "\n\n" : string.Empty) + block + "\n";
            File.WriteAllText(ReportPath, updated);
        }
        catch (IOException)
        {
            // The report file is a convenience for the README; the assertions are the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static List<EvalArticle> Load(string root)
    {
        var articlesRoot = Path.Combine(root, "News Articles");
        var pairs = Directory.EnumerateDirectories(articlesRoot)
            .Order(StringComparer.Ordinal)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal)
                .Select(file => (Category: Path.GetFileName(dir), File: file, Summary: Path.Combine(root, "Summaries", Path.GetFileName(dir), Path.GetFileName(file)))))
            .Where(p => File.Exists(p.Summary))
            .ToList();

        // Splitting and analysis dominate the run; they are pure, so done in parallel, in file order.
        return pairs.AsParallel().AsOrdered()
            .Select(p => LoadOne(p.Category, p.File, p.Summary))
            .Where(a => a is not null)
            .Select(a => a!)
            .ToList();
    }

    private static EvalArticle? LoadOne(string category, string file, string summaryFile)
    {
        var text = Read(file);

        // The first line is the title; the body starts after it.
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            return null;
        }

        var sentences = SentenceSplitter.Split(text, newline + 1, text.Length).Select(s => s.Text).ToList();
        if (sentences.Count == 0)
        {
            return null;
        }

        var terms = sentences.Select(DigestTerms.Of).ToList();
        return new EvalArticle(category, sentences, terms, Squeeze(Read(summaryFile)));
    }

    // One file of the data set is Latin-1; the rest are UTF-8.
    private static string Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    // Reference summaries are the chosen sentences glued together without spaces: compare with whitespace removed.
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private sealed class EvalArticle(string category, List<string> sentences, List<List<string>> terms, string summary)
    {
        public string Category { get; } = category;

        public List<string> Sentences { get; } = sentences;

        public List<List<string>> Terms { get; } = terms;

        public List<int> TermCounts { get; } = terms.Select(t => t.Count).ToList();

        public string Summary { get; } = summary;

        public List<Dictionary<string, double>> Vectors { get; set; } = [];

        public Dictionary<string, double> Vector { get; set; } = [];

        private bool[]? _inSummary;

        public bool InSummary(int sentence) =>
            (_inSummary ??= Sentences.Select(s => Summary.Contains(Squeeze(s), StringComparison.Ordinal)).ToArray())[sentence];
    }

    private sealed class Score
    {
        private int _hits;
        private int _chosen;
        private double _referenceShareSum;
        private int _articles;

        public double Share => _chosen == 0 ? 0 : (double)_hits / _chosen;

        public double ReferenceShare => _articles == 0 ? 0 : _referenceShareSum / _articles;

        public void Add(EvalArticle article, IEnumerable<int> chosen)
        {
            foreach (var i in chosen)
            {
                _chosen++;
                _hits += article.InSummary(i) ? 1 : 0;
            }

            _articles++;
            _referenceShareSum += (double)Enumerable.Range(0, article.Sentences.Count).Count(article.InSummary) / article.Sentences.Count;
        }
    }
}
