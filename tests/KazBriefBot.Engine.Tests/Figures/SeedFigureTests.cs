using System.Globalization;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Every figure of the five seed articles, with what it measures, its period and qualifier.</summary>
public sealed class SeedFigureTests
{
    private const string Undated = PeriodRecognizer.UndatedMark;

    public static TheoryData<string, string, string, string, string, string?, string, string?> SeedFigures => new()
    {
        // article, text, value, unit, metric, period, qualifier, change
        { "000", "around $3.7bn", "3700000000", "USD", "bilateral trade turnover", "2022", "approximate", null },
        { "000", "$1.9bn", "1900000000", "USD", "bilateral trade turnover", "first half of 2023", "exact", null },
        { "001", "50 billion US dollars", "50000000000", "USD", "US investment in Kazakhstan", "since 1991", "lower bound", null },
        { "001", "25 million US dollars", "25000000", "USD", "aid", null, "exact", "additional 25 million US dollars" },
        { "001", "50 million US dollars", "50000000", "USD", "aid", null, "exact", null },
        { "001", "3 billion US dollars", "3000000000", "USD", "bilateral trade turnover", "2022", "lower bound", null },
        { "001", "37.2%", "37.2", "percent", "bilateral trade turnover", "2022", "exact", "increase of 37.2% compared to 2021" },
        { "001", "58.8%", "58.8", "percent", "US investment inflow", "first three quarters of 2022", "exact", "increased by 58.8% compared to the first three quarters of 2021" },
        { "001", "about 590 companies", "590", "count", "companies with US capital", null, "approximate", null },
        { "002", "more than 300 US-Kazakh joint ventures", "300", "count", "US-Kazakh joint ventures", null, "lower bound", null },
        { "003", "$62.7 billion", "62700000000", "USD", "US investment in Kazakhstan", "since 1993", "exact", null },
        { "004", "around 50 American companies", "50", "count", "American companies", "last year" + Undated, "approximate", null },
        { "004", "Nearly a dozen bilateral meetings", "12", "count", "bilateral meetings", null, "upper bound", null },
        { "004", "$500 million", "500000000", "USD", "IT exports", "end of this year" + Undated, "forecast", null },
        { "004", "$1 billion", "1000000000", "USD", "IT exports", "near future", "forecast", null },
        { "004", "over $3 billion", "3000000000", "USD", "bilateral trade turnover", "2022", "lower bound", null },
        { "004", "30%", "30", "percent", "bilateral trade turnover", "first half of this year" + Undated, "exact", "rose 30%" },
        { "004", "$1.8 billion", "1800000000", "USD", "bilateral trade turnover", "first half of this year" + Undated, "exact", "rose 30%" },
        { "004", "$6 billion", "6000000000", "USD", "US investment in Kazakhstan", "last year" + Undated, "exact", "80% rise" },
        { "004", "80%", "80", "percent", "US investment in Kazakhstan", "last year" + Undated, "exact", "80% rise" },
    };

    [Theory]
    [MemberData(nameof(SeedFigures))]
    public void Seed_figure_is_read_with_value_unit_metric_period_and_qualifier(
        string article, string text, string value, string unit, string metric, string? period, string qualifier, string? change)
    {
        var figures = TestCorpus.Seeds.Figures.All.Where(f => f.Source.Id.StartsWith(article, StringComparison.Ordinal) && f.Text == text).ToList();
        var f = Assert.Single(figures);
        Assert.Equal(decimal.Parse(value, CultureInfo.InvariantCulture), f.Value);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(metric, f.Metric);
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
        var group = Assert.Single(set.Groups, g => g.Metric == "bilateral trade turnover" && g.Period == "2022" && g.Figures.All(i => set.All[i].Unit == "USD"));
        Assert.Equal("consistent", group.Status);
        var members = group.Figures.Select(i => set.All[i]).ToList();
        Assert.Equal(["3 billion US dollars", "around $3.7bn", "over $3 billion"], members.Select(f => f.Text).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(3, members.Select(f => f.Source.Id).Distinct().Count());
    }

    [Fact]
    public void In_the_seeds_the_undated_first_half_of_this_year_is_not_matched_to_2023()
    {
        // 004 has no date, so "the first half of this year" cannot honestly be resolved: its $1.8bn stays in its own group.
        var set = TestCorpus.Seeds.Figures;
        var h1 = Assert.Single(set.Groups, g => g.Period == "first half of 2023");
        Assert.Equal("single", h1.Status);
        var undated = Assert.Single(set.Groups, g => g.Period == "first half of this year" + Undated && g.Figures.Any(i => set.All[i].Unit == "USD"));
        Assert.True(set.All[undated.Figures[0]].PeriodUnresolved);
    }
}
