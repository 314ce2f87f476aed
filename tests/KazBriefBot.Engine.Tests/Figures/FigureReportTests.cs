using System.Text.Json;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>figures [TOPIC]: topic matching, the JSON shape, the readable table and "how much" questions.</summary>
public sealed class FigureReportTests
{
    private static FigureSet Seeds => TestCorpus.Seeds.Figures;

    [Fact]
    public void No_topic_lists_every_figure_in_groups()
    {
        var report = Seeds.Report(null);
        Assert.Null(report.Topic);
        Assert.Equal(Seeds.All.Count, report.Figures.Count);
        Assert.Equal(report.Figures.Count, report.Groups.Sum(g => g.Figures.Count));
        Assert.Equal(Enumerable.Range(0, report.Figures.Count), report.Groups.SelectMany(g => g.Figures).Order());
    }

    [Theory]
    [InlineData("trade", "trade")]
    [InlineData("Trade figures", "trade")]
    [InlineData("investment", "investment")]
    [InlineData("investments", "investment")]
    [InlineData("IT exports", "exports")]
    [InlineData("joint ventures", "joint ventures")]
    public void Topic_selects_figures_by_metric(string topic, string metricPart)
    {
        var report = Seeds.Report(topic);
        Assert.Equal(topic, report.Topic);
        Assert.NotEmpty(report.Figures);
        Assert.All(report.Figures, f => Assert.Contains(metricPart, f.Metric, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Unknown_topic_gives_no_figures()
    {
        var report = Seeds.Report("population");
        Assert.Empty(report.Figures);
        Assert.Contains("No figures found about 'population'", TextRenderer.Render(new Reply([new FiguresBlock(report)], [])), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_exactly_the_documented_shape()
    {
        using var doc = JsonDocument.Parse(EngineJson.Serialize(Seeds.Report("trade")));
        var root = doc.RootElement;
        Assert.Equal(["topic", "figures", "groups", "summary", "charts"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("trade", root.GetProperty("topic").GetString());
        var figure = root.GetProperty("figures")[0];
        Assert.Equal(["text", "value", "unit", "metric", "period", "qualifier", "change", "quote", "source", "kind", "parties", "base"], figure.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["names", "directed"], figure.GetProperty("parties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, figure.GetProperty("value").ValueKind);
        Assert.Equal(["id", "title", "publisher", "author", "date", "path", "start", "end"], figure.GetProperty("source").EnumerateObject().Select(p => p.Name));
        var group = root.GetProperty("groups")[0];
        Assert.Equal(["metric", "period", "status", "figures", "kind", "parties", "note"], group.EnumerateObject().Select(p => p.Name));
        Assert.All(root.GetProperty("groups").EnumerateArray(), g =>
            Assert.Contains(g.GetProperty("status").GetString(), new[] { "consistent", "conflict", "single", "possible-conflict", "possibly-consistent" }));
        Assert.Contains(root.GetProperty("groups").EnumerateArray(), g => g.GetProperty("status").GetString() == "possible-conflict");
        Assert.Contains(root.GetProperty("figures").EnumerateArray(), f => f.GetProperty("kind").GetString() == "change");
        Assert.All(root.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("figures").EnumerateArray()),
            i => Assert.InRange(i.GetInt32(), 0, root.GetProperty("figures").GetArrayLength() - 1));
        using var all = JsonDocument.Parse(EngineJson.Serialize(Seeds.Report(null)));
        Assert.Equal(JsonValueKind.Null, all.RootElement.GetProperty("topic").ValueKind);
    }

    [Fact]
    public void Readable_report_leads_with_the_trade_summary_and_marks_groups()
    {
        var text = TextRenderer.Render(new Reply([new FiguresBlock(Seeds.Report("trade"))], []));
        Assert.Contains("metric | kind | parties | period | value | qualifier | source", text, StringComparison.Ordinal);
        var summary = text[text.IndexOf("Summary:", StringComparison.Ordinal)..text.IndexOf("metric | kind", StringComparison.Ordinal)];
        var first = summary.Split('\n')[1];

        // the latest period of Kazakhstan-US trade (first half of 2023) comes first: 000's $1.9bn against undated 004's $1.8bn
        Assert.StartsWith("• trade (level), Kazakhstan + United States, first half of 2023: sources may disagree", first, StringComparison.Ordinal);
        Assert.Contains("5.6% apart", first, StringComparison.Ordinal);
        Assert.Contains("change: rose 30%", summary, StringComparison.Ordinal);
        Assert.Contains("earlier: 2022: around $3.7bn, 3 billion US dollars, over $3 billion", summary, StringComparison.Ordinal);
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("✓ trade | level | Kazakhstan + United States | 2022 |", StringComparison.Ordinal)));
    }

    [Fact]
    public void How_much_question_leads_with_investment_figures()
    {
        var figures = Seeds.ForQuestion("How much has the US invested?");
        Assert.NotEmpty(figures);
        Assert.Contains("invest", figures[0].Metric, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("USD", figures[0].Unit);
    }

    [Fact]
    public void How_many_question_leads_with_the_matching_count()
    {
        var figures = Seeds.ForQuestion("How many American companies attended the roundtable with Tokayev?");
        Assert.Equal("around 50 American companies", figures[0].Text);
    }

    [Fact]
    public void Trade_summary_question_gets_trade_figures()
    {
        var figures = Seeds.ForQuestion("Give me a summary of the trade figures");
        Assert.NotEmpty(figures);
        Assert.All(figures, f => Assert.Equal("trade", f.Metric));
    }

    [Theory]
    [InlineData("What did Blinken announce?")]
    [InlineData("What is the C5+1 format?")]
    [InlineData("How many people live on Mars?")]
    public void Other_questions_get_no_figures(string question) => Assert.Empty(Seeds.ForQuestion(question));

    [Theory]
    [InlineData("Give me the trade figures", true)]
    [InlineData("Any statistics on exports?", true)]
    [InlineData("Tories would cut the number of MPs", true)]
    [InlineData("What numbers did the ministry publish?", true)]
    [InlineData("How much did the US invest?", true)]
    [InlineData("Band retains number one spot", false)]
    [InlineData("Serena becomes world number 2", false)]
    [InlineData("What did Blinken announce?", false)]
    public void Only_questions_about_amounts_may_get_figures(string question, bool expected) => Assert.Equal(expected, FigureSet.MayAnswer(question));

    [Fact]
    public void Figures_of_one_article_are_in_text_order()
    {
        var figures = Seeds.ForArticle(TestCorpus.Seeds.FindArticle("004")!.Id);
        Assert.True(figures.Count >= 9);
        Assert.Equal(figures.Select(f => f.TextStart).Order(), figures.Select(f => f.TextStart));
    }
}
