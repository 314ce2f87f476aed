using System.Globalization;
using System.Text;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Runs figure extraction over the business section of the BBC News dataset, news that is not ours, and reports what it finds.</summary>
public sealed class BbcBusinessFiguresTests(ITestOutputHelper output)
{
    [SharedDataFact(BbcBusiness.CsvPath)]
    public void Business_section_figures_are_reported_per_unit()
    {
        var articles = BbcBusiness.Articles();
        var set = FigureSet.Extract(articles);

        var byUnit = set.All.GroupBy(f => f.Unit).OrderByDescending(g => g.Count()).ToList();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"BBC News business section ({articles.Count} articles, {articles.Sum(a => a.Sentences.Count)} sentences): {set.All.Count} figures in {set.Groups.Count} groups, {set.Groups.Count(g => g.Status == GroupStatus.Conflict)} conflicts, {set.Groups.Count(g => g.Status == GroupStatus.Consistent)} consistent groups.");
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

}
