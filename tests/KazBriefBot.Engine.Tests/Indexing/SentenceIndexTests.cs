using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Indexing;

public sealed class SentenceIndexTests
{
    private static Article MakeArticle(string id, string text) =>
        new(id, id + ".txt", text, new ArticleMetadata(null, null, null, null), SentenceSplitter.Split(text, 0, text.Length), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Finds_the_sentence_holding_the_rare_terms_first()
    {
        var index = TestCorpus.Seeds.Index;
        var hits = index.Search("mutual trade turnover", 3);
        Assert.NotEmpty(hits);
        Assert.Contains("mutual trade turnover", index.Sentences[hits[0].SentenceId].Sentence.Text, StringComparison.Ordinal);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "hits are best first");
    }

    [Fact]
    public void Sentences_keep_their_article_and_exact_offsets()
    {
        var index = TestCorpus.Seeds.Index;
        Assert.Equal(TestCorpus.Seeds.Articles.Sum(a => a.Sentences.Count), index.Sentences.Count);
        foreach (var s in index.Sentences)
        {
            var article = index.Articles[s.ArticleIndex];
            Assert.Equal(s.Sentence.Text, article.Text[s.Sentence.Start..s.Sentence.End]);
        }
    }

    [Fact]
    public void Close_query_terms_rank_above_scattered_ones()
    {
        var article = MakeArticle("a",
            "Trade grew in the north while the capital city saw new turnover rules. Trade turnover grew in the capital city this year.");
        var index = SentenceIndex.Build([article]);
        var hits = index.Search("trade turnover", 2);
        Assert.Equal(2, hits.Count);
        Assert.StartsWith("Trade turnover grew", index.Sentences[hits[0].SentenceId].Sentence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sentence_in_the_article_that_matches_the_question_best_ranks_first()
    {
        // The two first sentences are identical; only the second article's other sentences also match the query
        // ("pipeline", "Caspian"), so its article context lifts its copy above the first article's.
        var unrelated = MakeArticle("a", "Officials discussed the pipeline route. The weather was mild.");
        var related = MakeArticle("b", "Officials discussed the pipeline route. The Caspian pipeline carries oil to the Black Sea.");
        var index = SentenceIndex.Build([unrelated, related]);
        var ids = index.Search("Caspian pipeline route", 3).Select(h => h.SentenceId).ToList();
        var copyInRelated = unrelated.Sentences.Count;
        Assert.True(ids.IndexOf(copyInRelated) >= 0 && ids.IndexOf(copyInRelated) < ids.IndexOf(0), string.Join(",", ids));

        // Without the context the two copies tie exactly.
        int[] terms = [.. index.Analyzer.Analyze("pipeline route").Select(t => index.TermIdOf(t.Term))];
        var withoutContext = index.TopBm25(terms, [1.0, 1.0], 2, contextWeight: 0);
        Assert.Equal(withoutContext[0].Score, withoutContext[1].Score);
        Assert.All(withoutContext, c => Assert.Equal(0, c.Context));
    }

    [Fact]
    public void Ordered_bigrams_count_the_question_pairs_the_sentence_holds_side_by_side()
    {
        var article = MakeArticle("a", "The regular season ended. The season was regular.");
        var index = SentenceIndex.Build([article]);
        int[] terms = [index.TermIdOf(index.Analyzer.Analyze("regular")[0].Term), index.TermIdOf(index.Analyzer.Analyze("season")[0].Term)];
        Assert.Equal(1.0, index.OrderedBigrams(0, terms));
        Assert.Equal(0.0, index.OrderedBigrams(1, terms));
        Assert.Equal(0.0, index.OrderedBigrams(0, terms.AsSpan(0, 1)));
    }

    [Fact]
    public void Unknown_terms_and_empty_corpora_give_no_hits()
    {
        Assert.Empty(TestCorpus.Seeds.Index.Search("zeppelin", 3));
        Assert.Empty(SentenceIndex.Build([]).Search("trade", 3));
        Assert.Empty(TestCorpus.Seeds.Index.Search("   ", 3));
    }

    [Fact]
    public void Speakers_are_searchable_as_terms_of_their_quotes()
    {
        // The quoted sentence never names Akylbayev; its attribution at the end of the quotation does.
        var index = TestCorpus.Seeds.Index;
        var hits = index.Search("Akylbayev transit country", 1);
        Assert.Contains("transit country", index.Sentences[hits[0].SentenceId].Sentence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_searches_on_one_snapshot_agree_with_sequential_ones()
    {
        var index = TestCorpus.Seeds.Index;
        string[] queries = ["Blinken announce", "trade turnover", "C5+1 format", "Akylbayev route", "American companies roundtable", "EPAM Microsoft"];
        var expected = queries.Select(q => index.Search(q, 5).Select(h => (h.SentenceId, h.Score)).ToList()).ToList();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var q = i % queries.Length;
            Assert.Equal(expected[q], index.Search(queries[q], 5).Select(h => (h.SentenceId, h.Score)).ToList());
        });
    }

    [Fact]
    public void A_rebuilt_index_is_a_new_object_and_the_old_one_still_answers()
    {
        var first = SentenceIndex.Build([MakeArticle("a", "Trade grew fast.")]);
        var second = SentenceIndex.Build([MakeArticle("a", "Investment grew fast.")]);
        Assert.Single(first.Search("trade", 3));
        Assert.Empty(second.Search("trade", 3));
        Assert.Single(first.Search("trade", 3));
    }

    [Fact]
    public void Index_uses_the_analyzer_it_was_built_with()
    {
        var identity = new TextAnalyzer(w => w, "none");
        var index = SentenceIndex.Build([MakeArticle("a", "Blinken announced new aid.")], identity);
        Assert.Empty(index.Search("announce", 3));
        Assert.Single(index.Search("announced", 3));
        Assert.Single(SentenceIndex.Build([MakeArticle("a", "Blinken announced new aid.")]).Search("announce", 3));
    }
}
