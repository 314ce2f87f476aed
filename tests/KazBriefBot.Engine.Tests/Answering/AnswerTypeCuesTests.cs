using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Answering;

public sealed class AnswerTypeCuesTests
{
    [Theory]
    [InlineData("When did Levi's Stadium open?", ExpectedAnswer.Time)]
    [InlineData("In what year was the treaty signed?", ExpectedAnswer.Time)]
    [InlineData("How many turnovers did the defence force?", ExpectedAnswer.Quantity)]
    [InlineData("What percentage of exports goes to China?", ExpectedAnswer.Quantity)]
    [InlineData("Who did the Panthers beat in the final?", ExpectedAnswer.Person)]
    [InlineData("Where was the forum held?", ExpectedAnswer.Place)]
    [InlineData("Which country hosted the summit?", ExpectedAnswer.Place)]
    [InlineData("What did Blinken announce?", ExpectedAnswer.Any)]
    public void Detects_what_kind_of_answer_a_question_expects(string question, ExpectedAnswer expected) =>
        Assert.Equal(expected, AnswerTypeCues.Detect(question));

    [Theory]
    [InlineData(ExpectedAnswer.Time, "The stadium opened in 2014.", true)]
    [InlineData(ExpectedAnswer.Time, "The talks resumed on 3 March.", true)]
    [InlineData(ExpectedAnswer.Time, "The stadium opened to great acclaim.", false)]
    [InlineData(ExpectedAnswer.Quantity, "The defence forced three turnovers.", true)]
    [InlineData(ExpectedAnswer.Quantity, "Exports rose by 12%.", true)]
    [InlineData(ExpectedAnswer.Quantity, "The defence forced turnovers.", false)]
    [InlineData(ExpectedAnswer.Person, "The treaty was signed by Tokayev.", true)]
    [InlineData(ExpectedAnswer.Place, "The forum was held in Almaty.", true)]
    [InlineData(ExpectedAnswer.Place, "The forum was held in spring.", false)]
    public void Finds_a_cue_of_the_expected_kind_in_a_sentence(ExpectedAnswer expected, string sentence, bool hasCue) =>
        Assert.Equal(hasCue, AnswerTypeCues.HasCue(expected, sentence, "question about the forum"));

    [Fact]
    public void A_cue_the_question_already_contains_is_not_the_answer()
    {
        // "Blinken" is in the question: naming him again does not answer "who met Blinken?"; a new name does.
        const string question = "Who met Blinken in Washington?";
        Assert.False(AnswerTypeCues.HasCue(ExpectedAnswer.Person, "Officials met Blinken in Washington.", question));
        Assert.True(AnswerTypeCues.HasCue(ExpectedAnswer.Person, "Officials said Vassilenko met Blinken in Washington.", question));

        // The sentence's first word is capitalised anyway: it is no name cue.
        Assert.False(AnswerTypeCues.HasCue(ExpectedAnswer.Person, "Officials met him.", question));
        Assert.Equal(AnswerTypeCues.TimeBoost, AnswerTypeCues.Boost(ExpectedAnswer.Time, "It opened in 2014.", "When did it open?"));
        Assert.Equal(1.0, AnswerTypeCues.Boost(ExpectedAnswer.Time, "It opened with a concert.", "When did it open?"));
    }

    [Fact]
    public void A_when_question_ranks_the_sentence_with_the_year_first()
    {
        // Both sentences share the question's words equally; only one holds a year.
        var text = "The new stadium opened to great acclaim from the fans.\n\nThe new stadium opened in 2014 after two years of work.";
        var article = new Article("a", "a.txt", text, new ArticleMetadata(null, null, null, null), SentenceSplitter.Split(text, 0, text.Length), DateTimeOffset.UnixEpoch);
        var index = SentenceIndex.Build([article]);
        var hits = Answerer.RankSentences(index, "When did the new stadium open?", 2);
        Assert.Equal(2, hits.Count);
        Assert.Contains("2014", index.Sentences[hits[0].SentenceId].Sentence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shared_sentence_ranking_leads_with_the_sentence_the_bot_quotes_first()
    {
        // The benchmark measures RankSentences: it must be the ranking Ask quotes from, not a private one.
        foreach (var question in new[] { "What did Blinken announce?", "How big is the trade turnover?", "What is the C5+1 format?" })
        {
            var answer = Answerer.Ask(TestCorpus.Seeds, question);
            var hits = Answerer.RankSentences(TestCorpus.Seeds.Index, question, 3);
            Assert.True(answer.Answered, question);
            var top = TestCorpus.Seeds.Index.Sentences[hits[0].SentenceId].Sentence.Text;
            Assert.Contains(top, answer.Quotes[0].Text, StringComparison.Ordinal);
        }
    }
}
