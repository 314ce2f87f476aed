using System.Globalization;
using System.Text;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Runs figure extraction over the business section of the BBC News dataset, news that is not ours, and reports what it finds.</summary>
public sealed class BbcBusinessFiguresTests(ITestOutputHelper output)
{
    private const string CsvPath = "news/bbc-news.csv";

    [SharedDataFact(CsvPath)]
    public void Business_section_figures_are_reported_per_unit()
    {
        var rows = Csv.Read(Path.Combine(TestCorpus.SharedFolder, "data", CsvPath));
        var header = rows[0];
        int category = Array.IndexOf(header, "category"), id = Array.IndexOf(header, "id"), content = Array.IndexOf(header, "text");
        Assert.True(category >= 0 && id >= 0 && content >= 0, "bbc-news.csv header: " + string.Join(",", header));
        var articles = rows.Skip(1).Where(r => r.Length > content && r[category] == "business")
            .Select(r => MakeArticle(r[id], r[content]))
            .ToList();
        var set = FigureSet.Extract(articles);

        var byUnit = set.All.GroupBy(f => f.Unit).OrderByDescending(g => g.Count()).ToList();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"BBC News business section ({articles.Count} articles, {articles.Sum(a => a.Sentences.Count)} sentences): {set.All.Count} figures in {set.Groups.Count} groups, {set.Groups.Count(g => g.Status == "conflict")} conflicts, {set.Groups.Count(g => g.Status == "consistent")} consistent groups.");
        report.AppendLine();
        report.AppendLine("| unit | figures |");
        report.AppendLine("|---|---|");
        foreach (var g in byUnit.Take(12))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count()} |");
        }

        report.AppendLine();
        report.AppendLine("Top metrics: " + string.Join(", ", set.All.GroupBy(f => f.Metric).OrderByDescending(g => g.Count()).Take(12).Select(g => $"{g.Key} ({g.Count()})")));
        report.AppendLine();
        report.AppendLine("Sample (every 150th figure):");
        report.AppendLine();
        report.AppendLine("| article | text | value | unit | metric | period | qualifier | change |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < set.All.Count; i += 150)
        {
            var f = set.All[i];
            report.AppendLine(CultureInfo.InvariantCulture, $"| {f.Source.Id} | {Cell(f.Text)} | {f.Value:0.##} | {f.Unit} | {f.Metric} | {Cell(f.Period ?? "-")} | {f.Qualifier} | {Cell(f.Change ?? "-")} |");
        }

        output.WriteLine(report.ToString());
        ReadmePart.Upsert("bbc", report.ToString());

        // sanity: it finds the money and percentages that business news is full of, and reads them right
        Assert.True(articles.Count > 400, $"only {articles.Count} business articles");
        Assert.True(set.All.Count(f => f.Unit == "USD") > 300, "too few USD figures");
        Assert.True(set.All.Count(f => f.Unit == "GBP") > 300, "too few GBP figures");
        Assert.True(set.All.Count(f => f.Unit == "percent") > 500, "too few percentages");
        Assert.True(set.All.Count(f => f.Unit == "count") > 50, "too few counts");
        Assert.Contains(set.All, f => f.Source.Id == "business/001" && f.Text == "$1.13bn" && f.Value == 1_130_000_000m && f.Metric == "profit");
        Assert.Contains(set.All, f => f.Source.Id == "business/001" && f.Text == "76%" && f.Change == "jumped 76%");
        Assert.DoesNotContain(set.All, f => f.Unit == "count" && f.Value is >= 1990 and <= 2010 && f.Text.StartsWith(f.Value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && !f.Text.Contains(',', StringComparison.Ordinal));
        Assert.All(set.All, f => Assert.Contains(f.Text, f.Quote, StringComparison.Ordinal));
    }

    private static string Cell(string s) => s.Replace("|", "/", StringComparison.Ordinal);

    private static Article MakeArticle(string id, string text)
    {
        var sentences = new List<Sentence>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var atEnd = i == text.Length;
            if (!atEnd && start < 0 && !char.IsWhiteSpace(text[i]))
            {
                start = i;
            }

            var boundary = atEnd || text[i] == '\n' || (text[i] is '.' or '!' or '?' && i + 1 < text.Length && text[i + 1] == ' ' && i > 0 && !char.IsUpper(text[i - 1]));
            if (boundary && start >= 0)
            {
                var end = atEnd || text[i] == '\n' ? i : i + 1;
                while (end > start && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                if (end > start)
                {
                    sentences.Add(new Sentence(sentences.Count, start, end, text[start..end]));
                }

                start = -1;
            }
        }

        return new Article(id, id, text, new ArticleMetadata(null, "BBC News", null, null), sentences, DateTimeOffset.UnixEpoch);
    }

    /// <summary>RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines.</summary>
    private static class Csv
    {
        public static List<string[]> Read(string path)
        {
            var text = File.ReadAllText(path);
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n' || c == '\r')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (field.Length > 0 || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add([.. row]);
            }

            return rows;
        }
    }
}
