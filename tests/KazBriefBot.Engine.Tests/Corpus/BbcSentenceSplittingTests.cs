using System.Text.RegularExpressions;
using KazBriefBot.Engine.Corpus;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Corpus;

/// <summary>
/// Measures sentence splitting and metadata on the 2,225 BBC articles of ../shared/data. Each BBC summary is a set of
/// article sentences glued together, so a summary that can be rebuilt exactly from our sentences means we split where
/// the summary's authors did. A naive splitter (at . ! ? followed by a space, and at blank lines) is the peer measured
/// in the same run.
/// </summary>
public sealed partial class BbcSentenceSplittingTests(ITestOutputHelper output)
{
    private const string Folder = "summaries/BBC News Summary";

    [SharedDataFact(Folder)]
    public void Summaries_rebuild_from_our_sentences_far_more_often_than_from_a_naive_split_and_nothing_is_invented()
    {
        var root = Path.Combine(TestCorpus.SharedFolder, "data", Folder);
        int articles = 0, ours = 0, naive = 0, titles = 0, dated = 0;
        foreach (var articleFile in Directory.EnumerateFiles(Path.Combine(root, "News Articles"), "*.txt", SearchOption.AllDirectories))
        {
            var text = CorpusLoader.Decode(File.ReadAllBytes(articleFile), out _);
            if (text is null)
            {
                continue; // One file of the dataset is Latin-1: the loader skips it, and so does this measure.
            }

            var relative = Path.GetRelativePath(Path.Combine(root, "News Articles"), articleFile);
            var summary = File.ReadAllText(Path.Combine(root, "Summaries", relative)).Trim();
            var parsed = ArticleParser.Parse(text);
            articles++;
            foreach (var s in parsed.Sentences)
            {
                Assert.Equal(s.Text, text[s.Start..s.End]);
            }

            ours += Rebuilds(summary, parsed.Sentences.Select(s => s.Text)) ? 1 : 0;
            naive += Rebuilds(summary, NaiveSplit().Split(text).Select(s => s.Trim())) ? 1 : 0;
            titles += parsed.Metadata.Title == Regex.Replace(text.Split('\n')[0].Trim(), @"\s+", " ") ? 1 : 0;
            dated += parsed.Metadata.Date is null ? 0 : 1;
        }

        double Rate(int n) => (double)n / articles;
        output.WriteLine($"BBC articles: {articles}; summaries rebuilt from our sentences {Rate(ours):P1}, from a naive split {Rate(naive):P1} "
            + $"(ratio {Rate(ours) / Rate(naive):F2}); headline = first line {Rate(titles):P1}; dated {dated}");

        Assert.True(articles > 2000, $"only {articles} BBC articles found");
        Assert.True(Rate(ours) >= 0.95, $"summaries rebuilt: {Rate(ours):P1}");
        Assert.True(Rate(ours) >= Rate(naive) + 0.2, $"ours {Rate(ours):P1} vs naive {Rate(naive):P1}");
        Assert.True(Rate(titles) >= 0.99, $"headline found: {Rate(titles):P1}");
        Assert.Equal(0, dated); // The BBC files carry no date: none may be invented.
    }

    /// <summary>True when the summary is a concatenation of whole sentences from the list (any order, repeats allowed).</summary>
    private static bool Rebuilds(string summary, IEnumerable<string> sentences)
    {
        const int KeyLength = 16;
        var distinct = sentences.Where(s => s.Length > 0).Distinct().ToList();
        var byStart = distinct.Where(s => s.Length >= KeyLength).GroupBy(s => s[..KeyLength])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Length).ToList());
        var shortOnes = distinct.Where(s => s.Length < KeyLength).OrderByDescending(s => s.Length).ToList();
        var p = 0;
        while (p < summary.Length)
        {
            var candidates = summary.Length - p >= KeyLength && byStart.TryGetValue(summary.Substring(p, KeyLength), out var list) ? list : [];
            var hit = candidates.Concat(shortOnes).FirstOrDefault(s => string.CompareOrdinal(summary, p, s, 0, s.Length) == 0);
            if (hit is null)
            {
                return false;
            }

            p += hit.Length;
            while (p < summary.Length && char.IsWhiteSpace(summary[p]))
            {
                p++;
            }
        }

        return true;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n\s*\n")]
    private static partial Regex NaiveSplit();
}
