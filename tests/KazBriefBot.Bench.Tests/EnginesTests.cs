using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Bench.Tests;

/// <summary>Both engines number sentences the same way (in article order), so their hits are compared on the same ids.</summary>
public sealed class EnginesTests
{
    private static readonly Article[] Articles =
    [
        MakeArticle("a", "The pipeline carries oil across the Caspian. Officials met in Astana on Monday."),
        MakeArticle("b", "Wheat exports rose sharply this year. The harvest was the largest in a decade."),
        MakeArticle("c", "Uranium output fell in the second quarter. Miners blamed a shortage of sulphuric acid."),
    ];

    private static Article MakeArticle(string id, string text) =>
        new(id, id, text, new ArticleMetadata(null, null, null, null), SentenceSplitter.Split(text, 0, text.Length), DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("Which pipeline crosses the Caspian?", 0)]
    [InlineData("Where did officials meet?", 1)]
    [InlineData("How big was the harvest?", 3)]
    [InlineData("Why did miners blame sulphuric acid?", 5)]
    public void Ours_and_Lucene_find_the_same_sentence_id(string question, int sentenceId)
    {
        var ours = OursSentenceIndex.Build(Articles);
        using var lucene = LuceneSentenceIndex.Build(Articles);
        Assert.Equal(sentenceId, ours.Search(question, 3)[0]);
        Assert.Equal(sentenceId, lucene.Search(question, 3)[0]);
    }

    [Fact]
    public void Ours_is_measured_through_the_bots_own_ranking()
    {
        var ours = OursSentenceIndex.Build(Articles);
        foreach (var question in new[] { "What did the miners blame?", "oil pipeline Caspian", "wheat exports" })
        {
            var expected = Answerer.RankSentences(ours.Index, question, 5).Select(h => h.SentenceId);
            Assert.Equal(expected, ours.Search(question, 5));
        }
    }
}
