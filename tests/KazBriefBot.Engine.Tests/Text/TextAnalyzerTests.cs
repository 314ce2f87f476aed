using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Text;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("Sanchez", "Wilder Sánchez said")]
    [InlineData("EPAM", "companies such as ЕРАМ, Microsoft")]
    [InlineData("announcement", "Blinken announced the allocation")]
    [InlineData("United States", "the US is ready")]
    [InlineData("U.S.", "the United States of America")]
    [InlineData("American", "the USA exceeded")]
    [InlineData("Washington", "U.S. President Joe Biden")]
    [InlineData("Kazakhstani", "Kazakhstan’s economy")]
    [InlineData("Kazakh", "Kazakhstan's independence")]
    [InlineData("C5+1", "within the C5+1 format")]
    public void Question_words_match_the_way_the_corpus_writes_them(string query, string text)
    {
        var queryTerms = TextAnalyzer.Terms(query);
        var textTerms = TextAnalyzer.Terms(text);
        Assert.NotEmpty(queryTerms);
        Assert.All(queryTerms, t => Assert.Contains(t, textTerms));
    }

    [Fact]
    public void Us_the_pronoun_is_not_the_US()
    {
        Assert.DoesNotContain("usa", TextAnalyzer.Terms("forces us to pay attention"));
        Assert.Contains("usa", TextAnalyzer.Terms("the US and the West"));
    }

    [Fact]
    public void It_the_pronoun_is_a_stopword_but_IT_the_sector_is_not()
    {
        Assert.DoesNotContain("it", TextAnalyzer.Terms("It is crucial for us"));
        Assert.Contains("it", TextAnalyzer.Terms("the export of domestic IT sector"));
    }

    [Fact]
    public void Stopwords_and_possessives_are_dropped() =>
        Assert.Equal(["kazakhstan", "posit"], TextAnalyzer.Terms("What is Kazakhstan's position?"));

    [Fact]
    public void A_real_cyrillic_word_stays_cyrillic()
    {
        // "Москва" has letters without Latin look-alikes: it is not turned into Latin gibberish.
        Assert.Equal(["москва"], TextAnalyzer.Terms("Москва"));
        Assert.Equal(["epam"], TextAnalyzer.Terms("ЕРАМ"));
    }

    [Fact]
    public void Token_offsets_point_at_the_words_in_the_text()
    {
        const string text = "Blinken announced an additional $25 million.";
        var tokens = TextAnalyzer.Default.Analyze(text);
        Assert.Equal("Blinken", text[tokens[0].Start..tokens[0].End]);
        Assert.Equal(TokenShape.Capitalized, tokens[0].Shape);
        Assert.Equal("announced", text[tokens[1].Start..tokens[1].End]);
    }

    [Fact]
    public void Figures_stay_whole()
    {
        Assert.Contains("3.7bn", TextAnalyzer.Terms("around $3.7bn in 2022"));
        Assert.Contains("37.2", TextAnalyzer.Terms("an increase of 37.2%"));
    }

    [Fact]
    public void Folding_removes_diacritics_and_case()
    {
        Assert.Equal("sanchez", TextFolding.FoldString("Sánchez"));
        Assert.Equal("epam", TextFolding.FoldString("ЕРАМ"));
    }
}
