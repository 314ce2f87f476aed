using KazBriefBot.Engine.Answering;

namespace KazBriefBot.Engine.Tests.Answering;

/// <summary>Hybrid answers on the seeds with the real model: the paraphrase sets (hand-labelled from the seed text),
/// the names rule and the no-answer rule. Floors are a little under the measured rates (docs/answering.md), so a
/// regression fails and noise does not.</summary>
public sealed class HybridAnswerTests
{
    private static string SetPath(string name) => Path.Combine(TestCorpus.Root, "tests", "KazBriefBot.Engine.Tests", "Answering", name);

    private static EvaluationReport Evaluate(string set, bool hybrid)
    {
        var snapshot = hybrid ? HybridSeeds.Snapshot : TestCorpus.Seeds;
        var cases = EvaluationCase.Parse(File.ReadAllLines(SetPath(set)));
        return EvaluationReport.Score(cases.Select(c => (c, Answerer.Ask(snapshot, c.Question))));
    }

    [Fact]
    public void The_snapshot_is_hybrid()
    {
        Assert.NotNull(HybridSeeds.Snapshot.Semantic);
        Assert.Equal("hybrid", HybridSeeds.Engine.SemanticStatus.Retrieval);
        Assert.Equal(HybridSeeds.Snapshot.SentenceCount, HybridSeeds.Snapshot.Semantic!.Vectors.Count);
    }

    [Theory]
    // Development sets (rules and thresholds were chosen on these): measured 35/72 and 10/10.
    [InlineData("paraphrase-dev.tsv", 33)]
    [InlineData("devset.tsv", 10)]
    // Held out: heldout and heldout2 were written for the lexical engine; paraphrase-heldout2 was written by someone who
    // had not seen the code or the other sets, and first run after the rules were fixed: 27/40.
    [InlineData("heldout.tsv", 12)]
    [InlineData("heldout2.tsv", 12)]
    [InlineData("paraphrase-heldout2.tsv", 25)]
    // paraphrase-heldout3: 40 + 10 questions reworded harder (capitals, "the steppe republic"), written blind by a separate
    // session and first run once, after every rule was fixed: 18/50 (9 of 40 answerable, 9 of 10 refused).
    [InlineData("paraphrase-heldout3.tsv", 18)]
    public void Hybrid_top1_meets_its_floor(string set, int floor)
    {
        var report = Evaluate(set, hybrid: true);
        Assert.True(report.Top1Hits >= floor, $"{set}: top-1 {report.Top1Hits}/{report.Results.Count}, floor {floor}\n" +
            string.Join('\n', report.Results.Where(r => !r.Top1).Select(r => r.Case.Question)));
    }

    [Theory]
    [InlineData("paraphrase-dev.tsv")]
    [InlineData("paraphrase-heldout2.tsv")]
    public void Hybrid_answers_more_reworded_questions_than_lexical(string set)
    {
        var hybrid = Evaluate(set, hybrid: true);
        var lexical = Evaluate(set, hybrid: false);
        Assert.True(hybrid.Top1Hits >= lexical.Top1Hits + 5, $"hybrid {hybrid.Top1Hits}, lexical {lexical.Top1Hits}");
    }

    [Fact]
    public void Every_unanswerable_development_question_is_refused()
    {
        var refusals = Evaluate("paraphrase-dev.tsv", hybrid: true).Results.Concat(Evaluate("devset.tsv", hybrid: true).Results)
            .Where(r => r.Case.ExpectsNoAnswer).ToList();
        Assert.True(refusals.Count >= 17);
        Assert.All(refusals, r => Assert.True(r.Top1, $"answered: {r.Case.Question} → {r.Answer.Quotes.FirstOrDefault()?.Text}"));
    }

    [Theory]
    [InlineData("What did Putin say about Kazakhstan?")]
    [InlineData("How much has China invested in Kazakhstan?")]
    [InlineData("When will Tokayev visit Moscow?")]
    [InlineData("What has Beijing said about the Trans-Caspian route?")]
    [InlineData("How old is Antony Blinken?")]
    [InlineData("What is the population of Kazakhstan?")]
    public void Questions_about_names_the_corpus_cannot_answer_for_are_refused(string question)
    {
        var answer = Answerer.Ask(HybridSeeds.Snapshot, question);
        Assert.False(answer.Answered, answer.Quotes.FirstOrDefault()?.Text);
        Assert.Empty(answer.Figures);
    }

    [Fact]
    public void A_figure_question_gets_its_figures_even_when_no_quote_answers()
    {
        var answer = Answerer.Ask(HybridSeeds.Snapshot, "Give me a summary of the trade figures");
        Assert.True(answer.Answered);
        // Hand-checked in seeds/000: "the bilateral trade turnover hit around $3.7bn in 2022".
        Assert.Contains(answer.Figures, f => f.Quote.Contains("$3.7bn in 2022", StringComparison.Ordinal));
    }

    [Fact]
    public void Issue_examples_worded_unlike_their_articles_are_answered()
    {
        // Answers labelled by hand from seeds/004 and seeds/001.
        var tech = Answerer.Ask(HybridSeeds.Snapshot, "Which tech companies moved their regional headquarters to Kazakhstan?");
        Assert.Contains("relocation of regional offices of major companies", tech.Quotes[0].Text, StringComparison.Ordinal);
        var money = Answerer.Ask(HybridSeeds.Snapshot, "How much money did America put into the Kazakh economy last year?");
        Assert.Contains("invested $6 billion in the Kazakh economy", money.Quotes[0].Text, StringComparison.Ordinal);
        var aid = Answerer.Ask(HybridSeeds.Snapshot, "What humanitarian help did Kazakhstan give Ukraine?");
        Assert.Contains("humanitarian aid provided to Ukraine", aid.Quotes[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_hybrid_quote_is_verbatim()
    {
        var snapshot = HybridSeeds.Snapshot;
        var sets = new[] { "paraphrase-dev.tsv", "paraphrase-heldout.tsv", "paraphrase-heldout2.tsv", "paraphrase-heldout3.tsv", "devset.tsv", "heldout.tsv", "heldout2.tsv" };
        var quotes = 0;
        foreach (var c in sets.SelectMany(s => EvaluationCase.Parse(File.ReadAllLines(SetPath(s)))))
        {
            foreach (var quote in Answerer.Ask(snapshot, c.Question).Quotes)
            {
                var article = snapshot.FindArticle(quote.Source.Id)!;
                Assert.Equal(quote.Text, article.Text[quote.Source.Start..quote.Source.End]);
                quotes++;
            }
        }

        Assert.True(quotes > 100, $"only {quotes} quotes");
    }
}
