using System.Globalization;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Every figure of the five seed articles, with what it measures, its period and qualifier.</summary>
public sealed class SeedFigureTests
{
    private const string Undated = PeriodRecognizer.UndatedMark;

    private const string KzUs = "Kazakhstan + United States";
    private const string UsToKz = "United States > Kazakhstan";

    // Read by hand from the seed sentences (the figure's own sentence and the one before it): what is measured, of whom,
    // what kind of number, over which period. The 25m/50m allocation to the "Economic Resilience Initiative" is no word of
    // the general vocabulary ("allocation" is neither aid nor investment by itself), so its metric is "other"; "which will
    // now amount to 50 million US dollars in total" is a planned future total, a forecast.
    public static TheoryData<string, string, string, string, string, string, string, string?, string, string?> SeedFigures => new()
    {
        // article, text, value, unit, metric, kind, parties, period, qualifier, change
        { "000", "around $3.7bn", "3700000000", "USD", "trade", "level", KzUs, "2022", "approximate", null },
        { "000", "$1.9bn", "1900000000", "USD", "trade", "level", KzUs, "first half of 2023", "exact", null },
        { "001", "50 billion US dollars", "50000000000", "USD", "investment", "cumulative", UsToKz, "since 1991", "lower bound", null },
        { "001", "25 million US dollars", "25000000", "USD", "other", "change", "Economic Resilience Initiative of Central Asian", null, "exact", "additional 25 million US dollars" },
        { "001", "50 million US dollars", "50000000", "USD", "other", "forecast", "Economic Resilience Initiative of Central Asian", null, "exact", null },
        { "001", "3 billion US dollars", "3000000000", "USD", "trade", "level", KzUs, "2022", "lower bound", null },
        { "001", "37.2%", "37.2", "percent", "trade", "change", KzUs, "2022", "exact", "increase of 37.2% compared to 2021" },
        { "001", "58.8%", "58.8", "percent", "investment", "change", UsToKz, "first three quarters of 2022", "exact", "increased by 58.8% compared to the first three quarters of 2021" },
        { "001", "about 590 companies", "590", "count", "companies with US capital", "level", "United States", null, "approximate", null },
        { "002", "more than 300 US-Kazakh joint ventures", "300", "count", "US-Kazakh joint ventures", "level", KzUs, null, "lower bound", null },
        { "003", "$62.7 billion", "62700000000", "USD", "investment", "cumulative", UsToKz, "since 1993", "exact", null },
        { "004", "around 50 American companies", "50", "count", "American companies", "level", "United States", "last year" + Undated, "approximate", null },
        { "004", "Nearly a dozen bilateral meetings", "12", "count", "bilateral meetings", "level", KzUs, null, "upper bound", null },
        { "004", "$500 million", "500000000", "USD", "exports", "forecast", "Kazakhstan", "end of this year" + Undated, "exact", null },
        { "004", "$1 billion", "1000000000", "USD", "exports", "forecast", "Kazakhstan", "near future", "exact", null },
        { "004", "over $3 billion", "3000000000", "USD", "trade", "level", KzUs, "2022", "lower bound", null },
        { "004", "30%", "30", "percent", "trade", "change", KzUs, "first half of this year" + Undated, "exact", "rose 30%" },
        { "004", "$1.8 billion", "1800000000", "USD", "trade", "level", KzUs, "first half of this year" + Undated, "exact", "rose 30%" },
        { "004", "$6 billion", "6000000000", "USD", "investment", "level", UsToKz, "last year" + Undated, "exact", "80% rise" },
        { "004", "80%", "80", "percent", "investment", "change", UsToKz, "last year" + Undated, "exact", "80% rise" },
    };

    [Theory]
    [MemberData(nameof(SeedFigures))]
    public void Seed_figure_is_read_with_value_unit_metric_kind_parties_period_and_qualifier(
        string article, string text, string value, string unit, string metric, string kind, string parties, string? period, string qualifier, string? change)
    {
        var figures = TestCorpus.Seeds.Figures.All.Where(f => f.Source.Id.StartsWith(article, StringComparison.Ordinal) && f.Text == text).ToList();
        var f = Assert.Single(figures);
        Assert.Equal(decimal.Parse(value, CultureInfo.InvariantCulture), f.Value);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(metric, f.Metric);
        Assert.Equal(kind, FigureTable.Kind(f.Kind));
        Assert.Equal(parties, f.Parties.ToString());
        Assert.Equal(period, f.Period);
        Assert.Equal(qualifier, f.Qualifier);
        Assert.Equal(change, f.Change);
    }

    [Fact]
    public void The_seeds_hold_exactly_the_listed_figures()
    {
        var expected = SeedFigures.Select(row => ((string)row[0], (string)row[1])).OrderBy(x => x).ToList();
        var actual = TestCorpus.Seeds.Figures.All.Select(f => (f.Source.Id[..3], f.Text)).OrderBy(x => x).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_figure_quotes_its_sentence_verbatim_and_its_text_is_in_the_sentence()
    {
        Assert.NotEmpty(TestCorpus.Seeds.Figures.All);
        foreach (var f in TestCorpus.Seeds.Figures.All)
        {
            var article = TestCorpus.Seeds.FindArticle(f.Source.Id)!;
            Assert.Equal(f.Quote, article.Text[f.Source.Start..f.Source.End]);
            Assert.Equal(f.Text, article.Text.Substring(f.TextStart, f.Text.Length));
            Assert.Contains(f.Text, f.Quote, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Years_dates_ordinals_and_codes_are_not_figures()
    {
        var texts = TestCorpus.Seeds.Figures.All.Select(f => f.Text).ToList();
        foreach (var notAFigure in new[] { "2022", "2023", "1991", "1993", "2015", "70", "17", "5", "1", "30", "three" })
        {
            Assert.DoesNotContain(notAFigure, texts);
        }

        Assert.DoesNotContain(TestCorpus.Seeds.Figures.All, f => f.Unit == "count" && f.Value is >= 1900 and <= 2100);
    }

    [Fact]
    public void Trade_in_2022_is_consistent_across_three_sources()
    {
        var set = TestCorpus.Seeds.Figures;
        var group = Assert.Single(set.Groups, g => g.Metric == "trade" && g.Period == "2022" && g.Kind == FigureKind.Level);
        Assert.Equal(GroupStatus.Consistent, group.Status);
        var members = group.Figures.Select(i => set.All[i]).ToList();
        Assert.Equal(["3 billion US dollars", "around $3.7bn", "over $3 billion"], members.Select(f => f.Text).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(3, members.Select(f => f.Source.Id).Distinct().Count());
    }

    [Fact]
    public void The_growth_rate_of_2022_trade_is_a_change_and_never_grouped_with_the_amounts()
    {
        var set = TestCorpus.Seeds.Figures;
        var change = Assert.Single(set.Groups, g => g.Figures.Any(i => set.All[i].Text == "37.2%"));
        Assert.Equal(FigureKind.Change, change.Kind);
        Assert.Single(change.Figures);
    }

    [Fact]
    public void The_undated_first_half_of_this_year_is_shown_beside_the_first_half_of_2023_as_a_possible_conflict()
    {
        // 004 has no date: its $1.8bn for "the first half of this year" may be 2023's first half, for which 000 says $1.9bn.
        var set = TestCorpus.Seeds.Figures;
        var h1 = Assert.Single(set.Groups, g => g.Period == "first half of 2023" && g.Kind == FigureKind.Level);
        Assert.Equal(GroupStatus.PossibleConflict, h1.Status);
        Assert.Equal(["$1.8 billion", "$1.9bn"], h1.Figures.Select(i => set.All[i].Text).Order(StringComparer.Ordinal));
        Assert.True(set.All[h1.Figures.Single(i => set.All[i].Text == "$1.8 billion")].PeriodUnresolved);
        Assert.Contains("has no date", h1.Note, StringComparison.Ordinal);
    }
}
