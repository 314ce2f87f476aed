using System.Text.RegularExpressions;

namespace KazBriefBot.Ingestion.Tests.Support;

/// <summary>Word-level comparison of extracted text with the expected article: recall (share of the expected words found)
/// and precision (share of the extracted words that belong to the article, i.e. not page furniture). Words are counted as a
/// multiset, lower-cased.</summary>
public static partial class WordScore
{
    public static (double Recall, double Precision) Compare(string expected, string extracted)
    {
        var want = Count(expected);
        var got = Count(extracted);
        var common = want.Sum(w => Math.Min(w.Value, got.GetValueOrDefault(w.Key)));
        var wantTotal = want.Values.Sum();
        var gotTotal = got.Values.Sum();
        return (wantTotal == 0 ? 1 : (double)common / wantTotal, gotTotal == 0 ? 0 : (double)common / gotTotal);
    }

    public static Dictionary<string, int> Count(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            counts[m.Value] = counts.GetValueOrDefault(m.Value) + 1;
        }

        return counts;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
