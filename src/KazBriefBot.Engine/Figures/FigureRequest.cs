using System.Globalization;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// What a figures topic or a "how much" question asks for: the metrics it names, the parties (with direction for flows:
/// "How much has China invested in Kazakhstan?" is China > Kazakhstan), the years, the kind it wants ("how fast", "grow" →
/// a change; "what share" → a share) and its remaining content terms, read with the same vocabulary and party reader as
/// the figures themselves.
/// </summary>
public sealed record FigureRequest(IReadOnlyList<Metric> Metrics, Parties Parties, IReadOnlyList<int> Years, FigureKind? Kind, IReadOnlyList<string> Terms)
{
    // Words that say "give me numbers" rather than what about, and question words.
    private static readonly HashSet<string> RequestWords = new(StringComparer.Ordinal)
    {
        "figur", "number", "statist", "stat", "summari", "summar", "summaris", "data", "give", "show", "list", "much", "mani", "larg", "big", "high", "fast", "valu",
        "amount", "total", "volum", "size", "get", "far",
    };

    public static FigureRequest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = NumberTokenizer.Tokenize(text);
        var lower = tokens.Select(t => t.Lower).ToList();
        var metrics = MetricLexicon.Mentioned(lower);
        var reader = PartyReader.ForArticle(string.Empty, [text]);
        var mentions = reader.Mentions(tokens);
        var parties = Parties.None;
        if (mentions.Count > 0)
        {
            var metric = metrics.FirstOrDefault();
            var metricToken = metric is null ? -1 : lower.FindIndex(w => metric.Triggers.Any(t => t.EndsWith('*') ? w.StartsWith(t[..^1], StringComparison.Ordinal) : w == t));
            parties = metric is { Flow: not FlowKind.None }
                ? reader.Read(tokens, mentions, metric, tokens.Count, metricToken)
                : new Parties([.. mentions.Select(m => m.Name)], false);
            if (parties.Names.Count < mentions.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() && !parties.Directed)
            {
                parties = new Parties([.. mentions.Select(m => m.Name)], false);
            }
        }

        var years = tokens.Where(t => t.Kind == NumberTokenKind.Digits && PeriodRecognizer.IsYear(t.Text))
            .Select(t => int.Parse(t.Text, CultureInfo.InvariantCulture)).ToList();
        FigureKind? kind = lower.Any(w => w is "share" or "proportion" or "percentage" && lower.Contains("what")) ? FigureKind.Share
            : lower.Any(w => w.StartsWith("grow", StringComparison.Ordinal) || w is "rise" or "rose" or "fall" or "fell" or "change" or "increase" or "increased" or "fast")
                ? FigureKind.Change
            : lower.Any(w => w is "forecast" or "target" or "expected" or "projected" or "will") ? FigureKind.Forecast
            : null;
        var nameWords = mentions.SelectMany(m => tokens.Skip(m.First).Take(m.Last - m.First + 1)).Select(t => Porter2Stemmer.Stem(t.Lower)).ToHashSet(StringComparer.Ordinal);
        var terms = TextAnalyzer.Terms(text).Where(t => !RequestWords.Contains(t) && !nameWords.Contains(t) && !t.All(char.IsAsciiDigit)).Distinct(StringComparer.Ordinal).ToList();
        return new FigureRequest(metrics, parties, years, kind, terms);
    }

    /// <summary>True when nothing but request words was given ("figures", "show me the numbers").</summary>
    public bool IsEmpty => Metrics.Count == 0 && Parties.IsEmpty && Terms.Count == 0 && Years.Count == 0;
}
