using KazBriefBot.Engine.Figures;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Figures;

public sealed class NumberRecognizerTests(ITestOutputHelper output)
{
    [SharedDataFact("recognizers-specs/English-CurrencyModel.json")]
    public void Currency_spec_is_at_least_90_percent_right()
    {
        var score = RecognizerSpecs.Score("English-CurrencyModel.json", "currency", NumberRecognizer.Currencies);
        Print(score);
        Assert.True(score.Rate >= 0.90, score.Summary);
    }

    [SharedDataFact("recognizers-specs/English-PercentModel.json")]
    public void Percent_spec_is_at_least_90_percent_right()
    {
        var score = RecognizerSpecs.Score("English-PercentModel.json", "percentage", NumberRecognizer.Percentages);
        Print(score);
        Assert.True(score.Rate >= 0.90, score.Summary);
    }

    [SharedDataFact("recognizers-specs/English-NumberModel.json")]
    public void Number_spec_rate_is_reported()
    {
        var score = RecognizerSpecs.Score("English-NumberModel.json", "number", NumberRecognizer.Numbers);
        Print(score);
        Assert.True(score.Run > 200, score.Summary);

        // no target from the issue for numbers: this floor guards the rate reached (77.8%) against regressions
        Assert.True(score.Rate >= 0.75, score.Summary);
    }

    [Theory]
    [InlineData("the turnover hit around $3.7bn in 2022", "$3.7bn", "3700000000", "USD")]
    [InlineData("exceeded 3 billion US dollars in 2022", "3 billion US dollars", "3000000000", "USD")]
    [InlineData("having invested $62.7 billion since 1993", "$62.7 billion", "62700000000", "USD")]
    [InlineData("an additional 25 million US dollars to", "25 million US dollars", "25000000", "USD")]
    [InlineData("profits of £600m were", "£600m", "600000000", "GBP")]
    [InlineData("a loan of 5 billion tenge", "5 billion tenge", "5000000000", "KZT")]
    [InlineData("worth US$1.5 million", "US$1.5 million", "1500000", "USD")]
    [InlineData("1,200 rubles", "1,200 rubles", "1200", "RUB")]
    public void Recognizes_money_and_normalizes_it(string text, string expected, string value, string code)
    {
        var money = Assert.Single(NumberRecognizer.Currencies(text), r => r.Value is not null);
        Assert.Equal(expected, money.Text);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), money.Value);
        Assert.Equal(code, CurrencyLexicon.FigureCode(money.Unit!, money.Iso));
    }

    [Theory]
    [InlineData("an increase of 37.2% compared", "37.2%", "37.2")]
    [InlineData("rose 30 per cent", "30 per cent", "30")]
    [InlineData("fell by twenty-five percent", "twenty-five percent", "25")]
    public void Recognizes_percentages(string text, string expected, string value)
    {
        var p = Assert.Single(NumberRecognizer.Percentages(text));
        Assert.Equal(expected, p.Text);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), p.Value);
    }

    [Theory]
    [InlineData("Nearly a dozen bilateral meetings", "a dozen", "12")]
    [InlineData("three hundred and two", "three hundred and two", "302")]
    [InlineData("half a dozen", "half a dozen", "6")]
    [InlineData("1 234 567", "1 234 567", "1234567")]
    [InlineData("12,34,567.89", "12,34,567.89", "1234567.89")]
    public void Recognizes_number_words_and_grouping(string text, string expected, string value)
    {
        var n = Assert.Single(NumberRecognizer.Numbers(text));
        Assert.Equal(expected, n.Text);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), n.Value);
    }

    [Theory]
    [InlineData("the 70th session")]
    [InlineData("the 180ml liquid")]
    public void Ordinals_and_codes_are_not_numbers(string text) =>
        Assert.Empty(NumberRecognizer.Numbers(text));

    private void Print(RecognizerSpecs.SpecScore score)
    {
        output.WriteLine(score.Summary);
        foreach (var f in score.Failures)
        {
            output.WriteLine("  FAIL " + f);
        }

        SpecRates.Record(score);
    }
}

/// <summary>Ranges keep both ends; "from X to Y" is a change, not a range.</summary>
public sealed class RangeRecognitionTests
{
    [Theory]
    [InlineData("growth of 5-10% a year", "5-10%", "5", "10")]
    [InlineData("a deal worth $1-2bn", "$1-2bn", "1000000000", "2000000000")]
    [InlineData("between $1bn and $2bn was spent", "$1bn and $2bn", "1000000000", "2000000000")]
    [InlineData("it rose 3% to 4% this year", "3% to 4%", "3", "4")]
    public void Ranges_keep_both_ends(string text, string expected, string low, string high)
    {
        var r = Assert.Single(NumberRecognizer.Recognize(text), x => x.High is not null);
        Assert.Equal(expected, r.Text);
        Assert.Equal(decimal.Parse(low, System.Globalization.CultureInfo.InvariantCulture), r.Value);
        Assert.Equal(decimal.Parse(high, System.Globalization.CultureInfo.InvariantCulture), r.High);
    }

    [Fact]
    public void From_to_is_not_a_range() =>
        Assert.DoesNotContain(NumberRecognizer.Recognize("sales rose from $10.9bn to $11.1bn"), x => x.High is not null);
}

/// <summary>Odd input never throws: the recognizer runs over every sentence of every article at indexing time.</summary>
public sealed class RecognizerRobustnessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("$")]
    [InlineData("%")]
    [InlineData("-")]
    [InlineData("- -")]
    [InlineData("999999999999999999999999999999999999999 dollars")]
    [InlineData("$999999999999999 trillion trillion")]
    [InlineData("MUSD 999999999999999 trillion")]
    [InlineData("999999999999999 lakh crore rupees")]
    [InlineData("1e999 and 1.1^999 and 10^-999")]
    [InlineData("½ ¾ and a half and a")]
    [InlineData("between and to - 5 - - 6 % %")]
    [InlineData("1,2,3,4,5,6,7,8,9.1.2.3 , . , 4 5 6")]
    [InlineData("http://example.com/?q=30%25 and www.x.com/5%")]
    [InlineData("a dozen dozen hundred hundred thousand thousand")]
    public void Never_throws(string text)
    {
        var all = NumberRecognizer.Recognize(text);
        Assert.All(all, r => Assert.Equal(r.Text, text[r.Start..r.End]));
        Assert.NotNull(NumberRecognizer.Numbers(text));
        Assert.NotNull(NumberRecognizer.Currencies(text));
        Assert.NotNull(NumberRecognizer.Percentages(text));
        Assert.NotNull(PeriodRecognizer.Find(text, null));
    }
}
