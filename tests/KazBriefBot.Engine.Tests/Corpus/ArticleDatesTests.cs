using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Corpus;

public sealed class ArticleDatesTests
{
    [Theory]
    [InlineData("2023-09-14", 2023, 9, 14)]
    [InlineData("2023-09-14T10:30:00Z", 2023, 9, 14)]
    [InlineData("2023/9/4", 2023, 9, 4)]
    [InlineData("14.09.2023", 2023, 9, 14)]
    [InlineData("October 21, 2015", 2015, 10, 21)]
    [InlineData("Oct. 21, 2015", 2015, 10, 21)]
    [InlineData("Sept 14 2023", 2023, 9, 14)]
    [InlineData("21 October 2015", 2015, 10, 21)]
    [InlineData("21st of October, 2015", 2015, 10, 21)]
    [InlineData("Thursday, September 14, 2023", 2023, 9, 14)]
    [InlineData("25/12/2023", 2023, 12, 25)]
    [InlineData("12/25/2023", 2023, 12, 25)]
    [InlineData("2023-09-14 10:30", 2023, 9, 14)]
    [InlineData("October 21, 2015 at 9:05 am", 2015, 10, 21)]
    public void Reads_common_written_dates(string value, int y, int m, int d)
    {
        Assert.Equal(new DateOnly(y, m, d), ArticleDates.ParseWhole(value));
    }

    [Theory]
    [InlineData("Sept. 17")]
    [InlineData("03/04/2023")]
    [InlineData("2023-02-30")]
    [InlineData("next Tuesday")]
    [InlineData("Mayo 5, 2023")]
    [InlineData("October 21, 2015 the leaders met")]
    [InlineData("1991")]
    public void Partial_ambiguous_or_invalid_dates_are_not_dates(string value)
    {
        Assert.Null(ArticleDates.ParseWhole(value));
    }

    [Fact]
    public void Reads_a_date_at_the_start_and_says_how_long_it_is()
    {
        Assert.True(ArticleDates.TryReadAtStart("2023-09-14 The agenda", out var date, out var length));
        Assert.Equal(new DateOnly(2023, 9, 14), date);
        Assert.Equal(10, length);
    }
}
