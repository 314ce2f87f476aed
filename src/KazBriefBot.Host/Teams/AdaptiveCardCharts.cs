using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Host.Teams;

/// <summary>
/// Adaptive Card chart elements for Teams (Microsoft's "charts in Adaptive Cards"): a series over periods as
/// <c>Chart.VerticalBar.Grouped</c> (one group per period, one bar per source), or <c>Chart.Line</c> when it runs over
/// three or more whole years; one disagreeing period as <c>Chart.HorizontalBar</c> (one bar per source). Each element has
/// a <c>fallback</c> Table of its points for clients that cannot draw charts, and periods whose sources disagree are
/// marked ⚠ on the axis and told in a line below. Values are the chart's scaled ones; the exact figures are in the table.
/// </summary>
public static partial class AdaptiveCardCharts
{
    /// <summary>Chart colours by source (Teams' categorical set).</summary>
    public static readonly IReadOnlyList<string> Colours =
        ["categoricalBlue", "categoricalTeal", "categoricalPurple", "categoricalMarigold", "categoricalRed", "categoricalLightBlue"];

    [GeneratedRegex(@"^(?:19|20)\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    /// <summary>The elements of each chart (the chart, then a conflict line when a period's sources disagree).</summary>
    public static IEnumerable<JsonObject> Elements(IReadOnlyList<FigureChart> charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        foreach (var chart in charts)
        {
            yield return Element(chart);
            foreach (var period in chart.Periods.Where(p => p.Disagrees))
            {
                // a plain text run, as the rest of the card: no Markdown escapes that would show on phones
                yield return new JsonObject
                {
                    ["type"] = "RichTextBlock",
                    ["spacing"] = "Small",
                    ["inlines"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "TextRun",
                        ["color"] = "Attention",
                        ["text"] = CardText.Plain($"⚠ {period.Label}: {FigureCharts.Agreement(period.Status)}" + (period.Note is null ? string.Empty : " — " + period.Note)),
                    }),
                };
            }
        }
    }

    /// <summary>One chart element with its table fallback.</summary>
    public static JsonObject Element(FigureChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var element = chart.Layout == ChartLayout.Sources ? HorizontalBars(chart) : OverPeriods(chart);
        element["title"] = CardText.Plain(chart.Title);
        element["xAxisTitle"] = CardText.Plain(chart.PeriodAxis);
        element["yAxisTitle"] = CardText.Plain(chart.ValueAxis);
        element["fallback"] = FallbackTable(chart);
        return element;
    }

    private static JsonObject OverPeriods(FigureChart chart)
    {
        var line = chart.Periods.Count >= 3 && chart.Periods.All(p => p.Period is not null && Year().IsMatch(p.Period));
        var data = new JsonArray();
        for (var s = 0; s < chart.Sources.Count; s++)
        {
            var values = new JsonArray();
            foreach (var period in chart.Periods)
            {
                var mine = period.Points.Where(p => p.Source == s).ToList();
                for (var k = 0; k < mine.Count; k++)
                {
                    // Two figures of one source for one period stay two values, told apart on the axis.
                    var x = Category(period) + (k == 0 ? string.Empty : $" ({k + 1})");
                    values.Add(new JsonObject { ["x"] = CardText.Plain(x), ["y"] = (double)mine[k].Shown });
                }
            }

            data.Add(new JsonObject { ["legend"] = CardText.Plain(chart.Sources[s].Label), ["color"] = Colours[s % Colours.Count], ["values"] = values });
        }

        return new JsonObject { ["type"] = line ? "Chart.Line" : "Chart.VerticalBar.Grouped", ["data"] = data };
    }

    private static JsonObject HorizontalBars(FigureChart chart)
    {
        var period = chart.Periods[0];
        var data = new JsonArray([.. period.Points.Select(p => (JsonNode)new JsonObject
        {
            ["x"] = CardText.Plain(chart.Sources[p.Source].Label + (period.Points.Count(q => q.Source == p.Source) > 1 ? $" ({p.Text})" : string.Empty)),
            ["y"] = (double)p.Shown,
            ["color"] = Colours[p.Source % Colours.Count],
        })]);
        return new JsonObject { ["type"] = "Chart.HorizontalBar", ["data"] = data };
    }

    private static string Category(ChartPeriod period) => (period.Disagrees ? "⚠ " : string.Empty) + period.Label;

    /// <summary>What clients without charts show: period | source | figure | value | status, disagreeing rows marked.</summary>
    private static JsonObject FallbackTable(FigureChart chart)
    {
        var rows = new JsonArray { Row(null, "Period", "Source", "Figure", chart.ValueAxis, "Status") };
        foreach (var period in chart.Periods)
        {
            foreach (var point in period.Points)
            {
                rows.Add(Row(
                    period.Disagrees ? "attention" : null,
                    period.Label,
                    chart.Sources[point.Source].Label,
                    point.Text + (point.Qualifier == Qualifiers.Exact ? string.Empty : $" ({point.Qualifier})") + (point.Undated ? " (undated)" : string.Empty),
                    FigureCharts.Number(point.Shown) + (point.ShownHigh is { } h ? "–" + FigureCharts.Number(h) : string.Empty),
                    (period.Disagrees ? "⚠ " : string.Empty) + FigureTable.StatusName(period.Status)));
            }
        }

        return new JsonObject
        {
            ["type"] = "Table",
            ["firstRowAsHeader"] = true,
            ["showGridLines"] = true,
            ["columns"] = new JsonArray([.. new[] { 2, 2, 2, 1, 1 }.Select(w => (JsonNode)new JsonObject { ["width"] = w })]),
            ["rows"] = rows,
        };
    }

    private static JsonObject Row(string? style, params string[] cells)
    {
        var row = new JsonObject
        {
            ["type"] = "TableRow",
            ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "TableCell",
                ["items"] = new JsonArray(new JsonObject
                {
                    ["type"] = "RichTextBlock",
                    ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = CardText.Plain(c) }),
                }),
            })]),
        };
        if (style is not null)
        {
            row["style"] = style;
        }

        return row;
    }
}
