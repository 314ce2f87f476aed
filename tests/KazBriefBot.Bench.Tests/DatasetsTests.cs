using KazBriefBot.Bench.Tests.Support;

namespace KazBriefBot.Bench.Tests;

public sealed class DatasetsTests
{
    [Fact]
    public void Csv_fields_keep_quoted_commas_doubled_quotes_and_newlines()
    {
        var rows = Datasets.ReadCsv("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["a", "b", "c"], rows[0]);
        Assert.Equal(["1", "x, \"y\"\nz", "3"], rows[1]);
    }

    [BenchDataFact("squad/dev-v1.1.json")]
    public void Squad_gold_sentences_hold_their_answers()
    {
        var squad = Datasets.LoadSquad();

        // Standard sentence-retrieval setting: ~10,250 sentences in the pool, every question of SQuAD v1.1 dev kept.
        Assert.InRange(squad.SentenceCount, 10_000, 10_500);
        Assert.Equal(squad.Articles.Sum(a => a.Sentences.Count), squad.SentenceCount);
        Assert.InRange(squad.Questions.Count, 10_500, 10_570);

        var sentences = squad.Articles.SelectMany(a => a.Sentences).ToArray();
        var holding = squad.Questions.Count(q => sentences[q.GoldSentence].Text.Contains(q.Answer, StringComparison.Ordinal));

        // An answer can run past its sentence's end (a few answers span a sentence break); nearly all are inside.
        Assert.True(holding >= squad.Questions.Count * 0.98, $"{holding} of {squad.Questions.Count} gold sentences hold their answer");
    }

    [BenchDataFact("news/bbc-news.csv")]
    public void Bbc_articles_and_their_copies_have_distinct_ids_and_the_same_text()
    {
        var once = Datasets.LoadBbc();
        Assert.Equal(2225, once.Count);
        Assert.All(once, a => Assert.NotEmpty(a.Sentences));

        var twice = Datasets.LoadBbc(copies: 2);
        Assert.Equal(2 * once.Count, twice.Count);
        Assert.Equal(twice.Count, twice.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count());
        for (var i = 0; i < once.Count; i++)
        {
            Assert.Equal(once[i].Text, twice[once.Count + i].Text);
        }
    }
}
