using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>A figure question reads only its candidate articles until the whole corpus's figures exist; it must get
/// exactly what the whole-corpus lookup gives, in the same order.</summary>
public sealed class FigureCandidatesTests
{
    private static readonly string[] Questions =
    [
        "How much profit did Time Warner make in 2004?",
        "How much did the US economy grow?",
        "What was the US trade deficit?",
        "How much is Yukos being fined?",
        "How many jobs will be cut?",
        "How much did oil prices rise?",
        "What share of the market does the firm have?",
        "How much did Glazer pay for Manchester United?",
        "Give me the inflation figures",
        "How many cars were sold in China?",
        "How much has Kazakhstan invested in the US?",
        "How much aid was given?",
    ];

    [Theory]
    [InlineData("He said the aid arrived late.", "aid", true)]
    [InlineData("She said nothing.", "aid", false)]
    [InlineData("Exporters had a good year.", "export*", true)]
    [InlineData("Re-exports rose.", "export*", true)]
    [InlineData("Jobseekers queued.", "jobs", false)]
    [InlineData("JOBS were lost.", "jobs", true)]
    [InlineData("a deal", "deal", true)]
    [InlineData("the dealer", "deal", false)]
    public void A_trigger_is_found_as_a_word_or_a_word_start(string text, string trigger, bool expected) =>
        Assert.Equal(expected, FigureCandidates.HoldsWord(text, trigger, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Seeds_questions_get_the_same_figures_as_over_the_whole_corpus() =>
        AssertSameAsWholeCorpus(() => TestCorpus.Build(TestCorpus.SeedsFolder),
            ["How much has the US invested?", "How much has China invested in Kazakhstan?", "Give me a summary of the trade figures", "How many American companies attended the roundtable?"]);

    [SharedDataFact(BbcBusiness.CsvPath)]
    public void Bbc_business_questions_get_the_same_figures_as_over_the_whole_corpus() =>
        AssertSameAsWholeCorpus(() => CorpusSnapshot.Build("bbc", new CorpusLoadResult(BbcBusiness.Articles(), []), DateTimeOffset.UnixEpoch), Questions);

    [SharedDataFact(BbcBusiness.CsvPath)]
    public void A_figure_question_reads_only_some_articles()
    {
        var snapshot = CorpusSnapshot.Build("bbc", new CorpusLoadResult(BbcBusiness.Articles(), []), DateTimeOffset.UnixEpoch);
        Assert.NotEmpty(snapshot.FiguresForQuestion("How much profit did Time Warner make in 2004?"));
        Assert.False(snapshot.FiguresReady);
    }

    private static void AssertSameAsWholeCorpus(Func<CorpusSnapshot> build, IReadOnlyList<string> questions)
    {
        var partial = build();
        var whole = build();
        var anyFigures = false;
        foreach (var question in questions)
        {
            var expected = whole.Figures.ForQuestion(question);
            var actual = partial.FiguresForQuestion(question);
            Assert.Equal(expected.Select(Key), actual.Select(Key));
            anyFigures |= expected.Count > 0;
        }

        Assert.True(anyFigures, "no question got figures: the comparison shows nothing");
    }

    private static string Key(Figure f) => $"{f.Source.Id}@{f.Source.Start}:{f.Text}|{f.Metric}|{f.Kind}|{f.Parties}|{f.Period}";
}
