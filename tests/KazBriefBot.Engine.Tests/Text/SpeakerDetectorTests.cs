using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Text;

public sealed class SpeakerDetectorTests
{
    private static string? SpeakerOfSentenceContaining(string idPrefix, string phrase)
    {
        var article = TestCorpus.Seeds.FindArticle(idPrefix)!;
        var speakers = SpeakerDetector.Detect(article);
        var index = article.Sentences.ToList().FindIndex(s => s.Text.Contains(phrase, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no sentence of {idPrefix} contains '{phrase}'");
        return speakers.Speakers[index];
    }

    [Theory]
    [InlineData("001", "firmly committed to supporting the sovereignty", "Blinken")]
    [InlineData("001", "He also emphasized that US businessmen", "Blinken")]
    [InlineData("001", "Blinken announced the allocation", "Blinken")]
    [InlineData("001", "timely information about possible cases", "Mukhtar Tileuberdi")]
    [InlineData("000", "within the C5+1 format to demonstrate", "Sánchez")]
    [InlineData("000", "notes that the key topic", "Wilder Sánchez")]
    [InlineData("003", "strategically important to diversify", "Akylbayev")]
    [InlineData("003", "align with Kazakhstan’s goal", "Iskander Akylbayev")]
    [InlineData("003", "according to Ariel Cohen", "Ariel Cohen")]
    [InlineData("000", "stresses that over three decades", "Ariel Cohen")]
    [InlineData("004", "President Tokayev stated", "Tokayev")]
    [InlineData("002", "Josh Ernest called Kazakhstan", "Josh Ernest")]
    public void Finds_the_speaker_the_text_names(string article, string phrase, string expected) =>
        Assert.Equal(expected, SpeakerOfSentenceContaining(article, phrase));

    [Fact]
    public void A_sentence_without_attribution_has_no_speaker() =>
        Assert.Null(SpeakerOfSentenceContaining("004", "Last year, the U.S. invested $6 billion"));
}
