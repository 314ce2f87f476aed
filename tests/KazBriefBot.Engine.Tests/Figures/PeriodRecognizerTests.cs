using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

public sealed class PeriodRecognizerTests
{
    private static readonly DateOnly September2023 = new(2023, 9, 14);

    [Theory]
    [InlineData("$1.9bn in January-June of 2023", "first half of 2023")]
    [InlineData("in the first three quarters of 2022, the inflow", "first three quarters of 2022")]
    [InlineData("since 1991.", "since 1991")]
    [InlineData("Since December 1991, when", "since December 1991")]
    [InlineData("In the first half of this year, trade", "first half of 2023")]
    [InlineData("Last year, the U.S. invested", "2022")]
    [InlineData("by the yearend", "end of 2023")]
    [InlineData("in the first nine months of 2004", "first three quarters of 2004")]
    [InlineData("in 2004/05", "2004/05")]
    [InlineData("profits in the second quarter rose", "second quarter of 2023")]
    [InlineData("profits in the fourth quarter rose", "fourth quarter of 2022")]
    [InlineData("in the year to March 2005, sales", "2004–2005")]
    [InlineData("firms added 146,000 jobs in January.", "January 2023")]
    [InlineData("inflation in October was", "October 2022")]
    public void Recognizes_and_resolves_periods(string text, string label)
    {
        var p = Assert.Single(PeriodRecognizer.Find(text, September2023), x => !x.IsDate);
        Assert.Equal(label, p.Label);
        Assert.False(p.Unresolved);
    }

    [Fact]
    public void Comparison_bases_are_marked()
    {
        var periods = PeriodRecognizer.Find("increased by 58.8% compared to the first three quarters of 2021", null);
        Assert.True(Assert.Single(periods).IsBase);
    }

    [Fact]
    public void Relative_periods_of_undated_articles_stay_relative()
    {
        var p = Assert.Single(PeriodRecognizer.Find("In the first half of this year, trade rose", null));
        Assert.Equal("first half of this year (article undated)", p.Label);
        Assert.True(p.Unresolved);
    }

    [Theory]
    [InlineData("Output grew 3.7% in the third quarter.", "third quarter of this year (article undated)")]
    [InlineData("firms added 146,000 jobs in January.", "January (article undated)")]
    [InlineData("2,500 new jobs over the next seven years", "next seven years (article undated)")]
    public void Periods_without_a_year_stay_relative_in_undated_articles(string text, string label)
    {
        var p = Assert.Single(PeriodRecognizer.Find(text, null), x => !x.IsDate);
        Assert.Equal(label, p.Label);
        Assert.True(p.Unresolved);
    }

    [Theory]
    [InlineData("She may raise rates.")]
    [InlineData("the second half of the match")]
    public void Ordinary_words_are_not_periods(string text) => Assert.Empty(PeriodRecognizer.Find(text, null));

    [Theory]
    [InlineData("starting on Sept. 17, aiming")]
    [InlineData("on 1 May that year")]
    public void Calendar_dates_are_dates(string text) => Assert.True(Assert.Single(PeriodRecognizer.Find(text, null)).IsDate);
}
