using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;
using KazBriefBot.Host.Tests.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Teams chart elements: the seeds' trade series as grouped bars with a table fallback, checked against the documented schema.</summary>
public sealed class AdaptiveCardChartsTests
{
    // From Microsoft's "Charts in Adaptive Cards" page: the properties each element may have, the data point fields,
    // the colours and the element types a fallback may be.
    private static readonly HashSet<string> ChartProperties =
        ["type", "title", "xAxisTitle", "yAxisTitle", "colorSet", "color", "data", "fallback", "id", "isVisible", "separator", "spacing", "height", "horizontalAlignment", "requires", "lang", "targetWidth", "grid.area", "displayMode", "showBarValues", "stacked"];

    private static readonly HashSet<string> Colours =
    [
        "good", "warning", "attention", "neutral", "categoricalRed", "categoricalPurple", "categoricalLavender", "categoricalBlue", "categoricalLightBlue",
        "categoricalTeal", "categoricalGreen", "categoricalLime", "categoricalMarigold", "sequential1", "sequential2", "sequential3", "sequential4",
        "sequential5", "sequential6", "sequential7", "sequential8", "divergingBlue", "divergingLightBlue", "divergingCyan", "divergingTeal",
        "divergingYellow", "divergingPeach", "divergingLightRed", "divergingRed", "divergingMaroon", "divergingGray",
    ];

    private static readonly HashSet<string> FallbackTypes =
        ["Container", "ActionSet", "ColumnSet", "Media", "RichTextBlock", "Table", "TextBlock", "FactSet", "ImageSet", "Image", "drop"];

    [Fact]
    public void Seed_trade_figures_render_a_grouped_bar_chart_by_period_and_source_before_the_table()
    {
        var card = Card(new Reply([new FiguresBlock(TestCorpusFigures.Trade())], []));
        var body = card["body"]!.AsArray().Select(e => e!.AsObject()).ToList();

        var chartAt = body.FindIndex(e => (string?)e["type"] == "Chart.VerticalBar.Grouped");
        Assert.True(chartAt >= 0, "no grouped bar chart in the card");
        Assert.True(chartAt < body.FindIndex(e => (string?)e["type"] == "Table"), "the chart comes before the table, which stays");
        var chart = body[chartAt];
        Validate(chart);
        Assert.Equal("Trade (level), Kazakhstan + United States: by period and source", (string?)chart["title"]);
        Assert.Equal("period", (string?)chart["xAxisTitle"]);
        Assert.Equal("USD, billions", (string?)chart["yAxisTitle"]);

        // By hand from the seeds: 000 has both periods, 001 only 2022, undated 004 both (its half-year possibly another year).
        var series = chart["data"]!.AsArray().Select(d => (string?)d!["legend"] + ": "
            + string.Join("; ", d["values"]!.AsArray().Select(v => (string?)v!["x"] + " = " + ((double)v["y"]!).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(
            [
                "Kazinform, 2023-09-14: 2022 = 3.7; ⚠ first half of 2023 = 1.9",
                "bnn-news.com: 2022 = 3",
                "Kazinform, undated: 2022 = 3; ⚠ first half of 2023 = 1.8",
            ],
            series);

        // The conflict is also told in words right after the chart.
        Assert.Equal("RichTextBlock", (string?)body[chartAt + 1]["type"]);
        Assert.Contains("first half of 2023: sources may disagree", string.Concat(CardTexts.Runs(body[chartAt + 1]!)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_fallback_is_a_table_of_every_point_with_disagreeing_rows_marked()
    {
        var chart = AdaptiveCardCharts.Element(Assert.Single(TestCorpusFigures.Trade().Charts));
        var fallback = chart["fallback"]!.AsObject();

        Assert.Equal("Table", (string?)fallback["type"]);
        var rows = fallback["rows"]!.AsArray();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["Period", "Source", "Figure", "USD, billions", "Status"], CellTexts(rows[0]!));
        Assert.Equal(["2022", "bnn-news.com", "3 billion US dollars (lower bound)", "3", "consistent"], CellTexts(rows[2]!));
        Assert.Equal(["first half of 2023", "Kazinform, undated", "$1.8 billion (undated)", "1.8", "⚠ possible-conflict"], CellTexts(rows[5]!));
        Assert.Null(rows[1]!["style"]);
        Assert.Equal("attention", (string?)rows[4]!["style"]);
        Assert.Equal("attention", (string?)rows[5]!["style"]);
    }

    [Fact]
    public void One_disagreeing_period_is_a_horizontal_bar_per_source_and_three_years_a_line()
    {
        var single = FigureSetOf(
            ("a", "A", "The bilateral trade turnover between Kazakhstan and the US reached $1.9bn in 2022."),
            ("b", "B", "The bilateral trade turnover between Kazakhstan and the US reached $1.8 billion in 2022."));
        var bars = AdaptiveCardCharts.Element(Assert.Single(single.Report("trade").Charts));
        Validate(bars);
        Assert.Equal("Chart.HorizontalBar", (string?)bars["type"]);
        Assert.Equal([("A", 1.9), ("B", 1.8)], bars["data"]!.AsArray().Select(d => ((string?)d!["x"], (double)d["y"]!)));

        var years = FigureSetOf(("c", "C", "The inflation rate in Kazakhstan was 20.3% in 2022. The inflation rate in Kazakhstan was 8.4% in 2021. The inflation rate in Kazakhstan was 8% in 2020."));
        var line = AdaptiveCardCharts.Element(Assert.Single(years.Report("inflation").Charts));
        Validate(line);
        Assert.Equal("Chart.Line", (string?)line["type"]);
        Assert.Equal([("2020", 8.0), ("2021", 8.4), ("2022", 20.3)], line["data"]![0]!["values"]!.AsArray().Select(v => ((string?)v!["x"], (double)v["y"]!)));
    }

    [Fact]
    public void A_digest_with_a_series_carries_its_chart()
    {
        var chart = Assert.Single(TestCorpusFigures.Trade().Charts);
        var digest = new Digest(new DateOnly(2023, 9, 14), new DateOnly(2023, 9, 14), [], [], []) { Charts = [chart] };
        var card = Card(new Reply([new DigestBlock(digest)], []));
        var element = Assert.Single(card["body"]!.AsArray(), e => (string?)e!["type"] == "Chart.VerticalBar.Grouped")!.AsObject();
        Validate(element);
    }

    /// <summary>The documented schema of the chart elements, checked field by field.</summary>
    private static void Validate(JsonObject chart)
    {
        var type = (string?)chart["type"];
        Assert.Contains(type, new[] { "Chart.VerticalBar.Grouped", "Chart.Line", "Chart.HorizontalBar" });
        Assert.All(chart.Select(p => p.Key), k => Assert.Contains(k, ChartProperties));
        Assert.All(new[] { "title", "xAxisTitle", "yAxisTitle" }, k => Assert.False(string.IsNullOrWhiteSpace((string?)chart[k])));
        var data = Assert.IsType<JsonArray>(chart["data"]);
        Assert.NotEmpty(data);
        foreach (var item in data.Select(d => d!.AsObject()))
        {
            if (type == "Chart.HorizontalBar")
            {
                Assert.All(item.Select(p => p.Key), k => Assert.Contains(k, new[] { "x", "y", "color" }));
                Assert.Equal(System.Text.Json.JsonValueKind.String, item["x"]!.GetValueKind());
                Assert.Equal(System.Text.Json.JsonValueKind.Number, item["y"]!.GetValueKind());
            }
            else
            {
                Assert.All(item.Select(p => p.Key), k => Assert.Contains(k, new[] { "legend", "values", "color" }));
                Assert.False(string.IsNullOrWhiteSpace((string?)item["legend"]));
                Assert.All(item["values"]!.AsArray(), v =>
                {
                    Assert.Equal(["x", "y"], v!.AsObject().Select(p => p.Key));
                    Assert.Equal(System.Text.Json.JsonValueKind.String, v["x"]!.GetValueKind());
                    Assert.Equal(System.Text.Json.JsonValueKind.Number, v["y"]!.GetValueKind());
                });
            }

            if (item["color"] is { } colour)
            {
                Assert.Contains((string)colour!, Colours);
            }
        }

        var fallback = Assert.IsType<JsonObject>(chart["fallback"]);
        Assert.Contains((string)fallback["type"]!, FallbackTypes);
    }

    private static List<string> CellTexts(JsonNode row) =>
        [.. row["cells"]!.AsArray().Select(c => string.Concat(CardTexts.Runs(c!)).Replace("\u200B", string.Empty, StringComparison.Ordinal))];

    private static FigureSet FigureSetOf(params (string Id, string Publisher, string Text)[] articles) => TestCorpusFigures.Of(articles);

    private static JsonObject Card(Reply reply)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var database = new SqliteDatabase(Path.Combine(Paths.NewTempFolder(), "kazbrief.db"));
        return new TeamsMessageComposer(Options.Create(new TeamsOptions()), new TeamsContinuationStore(database, time)).Compose(reply, "a:conv");
    }
}
