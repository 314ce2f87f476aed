using System.Text;
using KazBriefBot.Engine.Answering;
using Xunit.Abstractions;

namespace KazBriefBot.Engine.Tests.Answering;

public sealed class AnswererTests(ITestOutputHelper output)
{
    private static CorpusSnapshot Seeds => TestCorpus.Seeds;

    private EvaluationReport Evaluate(IReadOnlyList<EvaluationCase> cases, string name)
    {
        var report = EvaluationReport.Score(cases.Select(c => (c, Answerer.Ask(Seeds, c.Question))));
        foreach (var r in report.Results)
        {
            output.WriteLine($"{(r.Top1 ? "1" : "-")}{(r.Top3 ? "3" : "-")} {r.Case.Question} → {(r.Answer.Quotes.Count > 0 ? r.Answer.Quotes[0].Source.Id[..3] + ": " + r.Answer.Quotes[0].Text : r.Answer.Message)}");
        }

        output.WriteLine($"{name}: top-1 {report.Top1Hits}/{report.Results.Count}, top-3 {report.Top3Hits}/{report.Results.Count}");
        return report;
    }

    [Fact]
    public void Development_set_is_all_right_at_top_3_and_at_least_9_of_10_at_top_1()
    {
        var report = Evaluate(DevSet.Development, "development set");
        Assert.Equal(10, report.Results.Count);
        Assert.True(report.Top3Hits == report.Results.Count, "wrong at top 3: " + string.Join(" | ", report.Results.Where(r => !r.Top3).Select(r => r.Case.Question)));
        Assert.True(report.Top1Hits >= 9, $"top-1 {report.Top1Hits}/10");
    }

    [Fact]
    public void Held_out_questions_are_mostly_right()
    {
        var report = Evaluate(DevSet.HeldOut, "held-out set");
        Assert.True(report.Top3Rate >= 0.8, $"top-3 {report.Top3Hits}/{report.Results.Count}");
        Assert.True(report.Top1Rate >= 0.7, $"top-1 {report.Top1Hits}/{report.Results.Count}");
    }

    [Fact]
    public void Second_held_out_batch_is_mostly_right()
    {
        var report = Evaluate(DevSet.HeldOut2, "held-out set 2");
        Assert.True(report.Top3Rate >= 0.8, $"top-3 {report.Top3Hits}/{report.Results.Count}");
        Assert.True(report.Top1Rate >= 0.7, $"top-1 {report.Top1Hits}/{report.Results.Count}");
    }

    [Fact]
    public void A_sentence_referring_back_is_quoted_with_the_sentence_naming_the_person()
    {
        var quote = Answerer.Ask(Seeds, "What did Blinken say about US businessmen?").Quotes[0];
        Assert.Contains("He also emphasized that US businessmen", quote.Text, StringComparison.Ordinal);
        Assert.Contains("said Blinken", quote.Text, StringComparison.Ordinal);
        Assert.Equal("Blinken", quote.Speaker);
    }

    [Fact]
    public void Concurrent_questions_on_one_snapshot_get_the_same_answers()
    {
        var questions = DevSet.Development.Select(c => c.Question).ToList();
        var expected = questions.Select(q => string.Join("|", Answerer.Ask(Seeds, q).Quotes.Select(x => x.Source.Start))).ToList();
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var q = i % questions.Count;
            Assert.Equal(expected[q], string.Join("|", Answerer.Ask(Seeds, questions[q]).Quotes.Select(x => x.Source.Start)));
        });
    }

    [Theory]
    [MemberData(nameof(DevSet.AllQuestions), MemberType = typeof(DevSet))]
    public void Every_quote_is_an_exact_substring_of_its_article_file(string question)
    {
        var answer = Answerer.Ask(Seeds, question, 0, 10);
        foreach (var quote in answer.Quotes)
        {
            var article = Seeds.FindArticle(quote.Source.Id)!;
            var fileText = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(article.Path)).TrimStart('\uFEFF');
            Assert.Equal(quote.Text, fileText[quote.Source.Start..quote.Source.End]);
            Assert.Equal(Path.GetFullPath(article.Path), Path.GetFullPath(Path.Combine(TestCorpus.Root, quote.Source.Path)));
        }
    }

    [Theory]
    [InlineData("What is the population of Kazakhstan?")]
    [InlineData("What is the capital of France?")]
    [InlineData("What did Macron say about Kazakhstan?")]
    [InlineData("How tall is Mount Everest?")]
    public void Questions_the_corpus_cannot_answer_get_no_quote(string question)
    {
        var answer = Answerer.Ask(Seeds, question);
        Assert.False(answer.Answered);
        Assert.Empty(answer.Quotes);
        Assert.Equal($"I found nothing about that in the {Seeds.Articles.Count} articles I have.", answer.Message);
    }

    [Fact]
    public void Person_questions_prefer_sentences_where_the_person_acts_and_name_the_speaker()
    {
        var answer = Answerer.Ask(Seeds, "What did Blinken announce?");
        Assert.Equal(3, answer.Quotes.Count);
        Assert.All(answer.Quotes, q => Assert.StartsWith("001", q.Source.Id, StringComparison.Ordinal));
        Assert.All(answer.Quotes.Take(2), q => Assert.Contains("Blinken", q.Speaker ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void A_quoted_speaker_is_named_even_when_the_quote_is_attributed_by_title()
    {
        var answer = Answerer.Ask(Seeds, "What did Tileuberdi say about sanctions?");
        Assert.True(answer.Answered);
        Assert.All(answer.Quotes.Where(q => q.Text.Contains("sanctions", StringComparison.Ordinal)), q => Assert.Contains("Tileuberdi", q.Speaker, StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_inside_a_quotation_comes_with_its_neighbour_and_its_speaker()
    {
        var quote = Answerer.Ask(Seeds, "What does Akylbayev say about the Trans-Caspian route?").Quotes[0];
        Assert.Equal("Akylbayev", quote.Speaker);
        Assert.Contains("strategically important to diversify", quote.Text, StringComparison.Ordinal);
        Assert.Contains("The Trans-Caspian route is crucial", quote.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void More_quotes_continue_the_ranking_without_repeating()
    {
        var first = Answerer.Ask(Seeds, "What did Blinken announce?", 0, 3);
        var more = Answerer.Ask(Seeds, "What did Blinken announce?", 3, 3);
        var all = Answerer.Ask(Seeds, "What did Blinken announce?", 0, 6);
        Assert.Equal(all.Quotes.Skip(3).Select(q => q.Text), more.Quotes.Select(q => q.Text));
        Assert.Empty(first.Quotes.Select(q => q.Source.Start).Intersect(more.Quotes.Select(q => q.Source.Start)));
    }

    [Fact]
    public void Quotes_never_overlap_and_are_at_most_two_sentences()
    {
        foreach (var c in DevSet.Development.Concat(DevSet.HeldOut).Concat(DevSet.HeldOut2))
        {
            var quotes = Answerer.Ask(Seeds, c.Question, 0, 6).Quotes;
            for (var i = 0; i < quotes.Count; i++)
            {
                var sentences = Seeds.FindArticle(quotes[i].Source.Id)!.Sentences.Count(s => s.Start >= quotes[i].Source.Start && s.End <= quotes[i].Source.End);
                Assert.InRange(sentences, 1, 2);
                for (var j = i + 1; j < quotes.Count; j++)
                {
                    var overlap = quotes[i].Source.Id == quotes[j].Source.Id && quotes[i].Source.Start < quotes[j].Source.End && quotes[j].Source.Start < quotes[i].Source.End;
                    Assert.False(overlap, $"{c.Question}: quotes {i} and {j} overlap");
                }
            }
        }
    }
}
