using System.Text.Json;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>The chart model: its data equals the figures it was built from, checked by hand on the seeds.</summary>
public sealed class FigureChartTests
{
    private static FigureSet Seeds => TestCorpus.Seeds.Figures;

    private static FigureChart TradeChart(FigureReport report) =>
        Assert.Single(report.Charts, c => c.Metric == "trade" && c.Kind == FigureKind.Level && c.Parties.ToString() == "Kazakhstan + United States");

    [Fact]
    public void Seed_trade_chart_has_2022_from_three_sources_then_the_first_half_of_2023_pair()
    {
        var chart = TradeChart(Seeds.Report("trade"));

        Assert.Equal(ChartLayout.Periods, chart.Layout);
        Assert.Equal("USD", chart.Unit);
        Assert.Equal(1_000_000_000m, chart.Scale);
        Assert.Equal("USD, billions", chart.ValueAxis);
        Assert.Equal(["2022", "first half of 2023"], chart.Periods.Select(p => p.Label));

        // Labelled by hand from the seed files: 000 (Kazinform, 2023-09-14), 001 (bnn-news.com, undated), 004 (Kazinform, undated).
        var y2022 = chart.Periods[0];
        Assert.Equal(GroupStatus.Consistent, y2022.Status);
        Assert.Equal(
            [("000", "around $3.7bn", 3_700_000_000m, 3.7m, "approximate"), ("001", "3 billion US dollars", 3_000_000_000m, 3m, "lower bound"), ("004", "over $3 billion", 3_000_000_000m, 3m, "lower bound")],
            y2022.Points.Select(p => (p.Origin.Id[..3], p.Text, p.Value, p.Shown, p.Qualifier)));

        var half = chart.Periods[1];
        Assert.Equal(GroupStatus.PossibleConflict, half.Status);
        Assert.Equal([("000", "$1.9bn", 1.9m, false), ("004", "$1.8 billion", 1.8m, true)], half.Points.Select(p => (p.Origin.Id[..3], p.Text, p.Shown, p.Undated)));
        Assert.Equal("first half of this year (article undated)", half.Points[1].Period);
        Assert.Contains("may not be first half of 2023", half.Note, StringComparison.Ordinal);
        Assert.True(chart.HasConflict);

        Assert.Equal(["Kazinform, 2023-09-14", "bnn-news.com", "Kazinform, undated"], chart.Sources.Select(s => s.Label));
        Assert.Equal(new ChartAxis(0m, 4m, 1m), chart.Axis);
    }

    [Fact]
    public void Every_point_is_its_figure_with_its_verbatim_sentence_and_source()
    {
        var report = Seeds.Report(null);
        Assert.NotEmpty(report.Charts);
        foreach (var chart in report.Charts)
        {
            var line = report.Summary[chart.Line];
            Assert.Equal((line.Metric, line.Kind, line.Parties), (chart.Metric, chart.Kind, chart.Parties));
            Assert.Equal(line.Earlier.Reverse().Append(line.Group), chart.Periods.Select(p => p.Group));
            foreach (var period in chart.Periods)
            {
                var group = report.Groups[period.Group];
                Assert.Equal(group.Status, period.Status);
                Assert.Equal(group.Figures.Order(), period.Points.Select(p => p.Figure!.Value).Order());
                foreach (var point in period.Points)
                {
                    var figure = report.Figures[point.Figure!.Value];
                    Assert.Equal((figure.Text, figure.Value, figure.Qualifier, figure.Quote, figure.Source), (point.Text, point.Value, point.Qualifier, point.Quote, point.Origin));
                    Assert.Equal(figure.Value / chart.Scale, point.Shown);
                    Assert.Equal(figure.Source.Id, chart.Sources[point.Source].Id);
                    var text = File.ReadAllText(Path.Combine(TestCorpus.Root, point.Origin.Path));
                    Assert.Equal(point.Quote, text[point.Origin.Start..point.Origin.End]);
                    Assert.Contains(point.Text, point.Quote, StringComparison.Ordinal);
                    Assert.InRange(point.Shown, chart.Axis.Min, chart.Axis.Max);
                }
            }
        }
    }

    [Fact]
    public void Only_series_worth_drawing_get_a_chart()
    {
        // one period, two agreeing sources: a table is enough
        var agree = FigureSet.Extract([
            FigureArticles.Make("a", new DateOnly(2023, 9, 1), "A", "The bilateral trade turnover between Kazakhstan and the US reached $3.7bn in 2022."),
            FigureArticles.Make("b", new DateOnly(2023, 9, 2), "B", "The bilateral trade turnover between Kazakhstan and the US reached $3.72 billion in 2022."),
        ]).Report("trade");
        Assert.Single(agree.Summary);
        Assert.Empty(agree.Charts);

        // one period, two disagreeing sources: drawn by source
        var disagree = FigureSet.Extract([
            FigureArticles.Make("a", new DateOnly(2023, 9, 1), "A", "The bilateral trade turnover between Kazakhstan and the US reached $1.9bn in 2022."),
            FigureArticles.Make("b", new DateOnly(2023, 9, 2), "B", "The bilateral trade turnover between Kazakhstan and the US reached $1.8 billion in 2022."),
        ]).Report("trade");
        var chart = Assert.Single(disagree.Charts);
        Assert.Equal(ChartLayout.Sources, chart.Layout);
        Assert.Equal("source", chart.PeriodAxis);
        Assert.Equal(GroupStatus.Conflict, Assert.Single(chart.Periods).Status);
        Assert.Equal(["A", "B"], chart.Sources.Select(s => s.Label));

        // two periods from one source: drawn by period
        var series = FigureSet.Extract([
            FigureArticles.Make("a", new DateOnly(2023, 9, 1), "A", "The inflation rate in Kazakhstan was 20.3% in 2022. The inflation rate in Kazakhstan was 8.4% in 2021."),
        ]).Report("inflation");
        var inflation = Assert.Single(series.Charts);
        Assert.Equal(["2021", "2022"], inflation.Periods.Select(p => p.Label));
        Assert.Equal([8.4m, 20.3m], inflation.Points.Select(p => p.Shown));
        Assert.Equal(1m, inflation.Scale);
        Assert.Equal(new ChartAxis(0m, 25m, 5m), inflation.Axis);
    }

    [Theory]
    [InlineData(0, 3.7, 0, 4, 1)]
    [InlineData(0, 62.7, 0, 80, 20)]
    [InlineData(0, 1, 0, 1, 0.2)]
    [InlineData(0, 20.3, 0, 25, 5)]
    [InlineData(-3, 7, -5, 7.5, 2.5)]
    [InlineData(0, 0, 0, 1, 0.25)]
    public void Axis_has_nice_steps_from_zero(double low, double high, double min, double max, double step) =>
        Assert.Equal(new ChartAxis((decimal)min, (decimal)max, (decimal)step), FigureCharts.AxisFor((decimal)low, (decimal)high));

    [Fact]
    public void Text_alternative_names_every_value_and_source()
    {
        var chart = TradeChart(Seeds.Report("trade"));
        Assert.StartsWith("Chart of trade (level), Kazakhstan + United States, in USD, billions, 2 period(s) from 3 source(s).", chart.Description, StringComparison.Ordinal);
        Assert.Contains("2022: around $3.7bn (Kazinform, 2023-09-14), 3 billion US dollars (bnn-news.com), over $3 billion (Kazinform, undated); sources agree.", chart.Description, StringComparison.Ordinal);
        Assert.Contains("first half of 2023: $1.9bn (Kazinform, 2023-09-14), $1.8 billion (Kazinform, undated, its period may differ); sources may disagree", chart.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_are_in_the_report_json_additively()
    {
        using var doc = JsonDocument.Parse(EngineJson.Serialize(Seeds.Report("trade")));
        var chart = doc.RootElement.GetProperty("charts")[0];
        Assert.Equal(["metric", "kind", "parties", "unit", "layout", "line", "title", "valueAxis", "periodAxis", "scale", "axis", "sources", "periods", "description"],
            chart.EnumerateObject().Select(p => p.Name));
        Assert.Equal("periods", chart.GetProperty("layout").GetString());
        var period = chart.GetProperty("periods")[1];
        Assert.Equal("possible-conflict", period.GetProperty("status").GetString());
        Assert.Equal(["source", "figure", "text", "value", "high", "shown", "shownHigh", "qualifier", "period", "undated", "quote", "origin"],
            period.GetProperty("points")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.8m, period.GetProperty("points")[1].GetProperty("shown").GetDecimal());
    }

    [Fact]
    public void The_digest_of_a_day_whose_article_brings_trade_figures_shows_the_trade_chart()
    {
        var digest = DigestBuilder.Build(TestCorpus.Seeds, new DateOnly(2023, 9, 14), new DateOnly(2023, 9, 14));
        Assert.Equal(["000_f717a7e3f07500c9"], digest.Items.Select(i => i.Source.Id));
        var chart = Assert.Single(digest.Charts);
        Assert.Equal("trade", chart.Metric);

        // the chart is the whole series, not only the day's figures, and stands alone (no indexes into a report)
        Assert.Equal(5, chart.Points.Count());
        Assert.All(chart.Points, p => Assert.Null(p.Figure));
        Assert.All(chart.Periods, p => Assert.Equal(-1, p.Group));
        Assert.Equal(-1, chart.Line);

        var empty = DigestBuilder.Build(TestCorpus.Seeds, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 1));
        Assert.Empty(empty.Charts);
    }
}
