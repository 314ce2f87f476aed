using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Indexing;

public sealed class SentenceIndexTests
{
    private static Article MakeArticle(string id, string text, string? title = null) =>
        new(id, id + ".txt", text, new ArticleMetadata(title, null, null, null), SentenceSplitter.Split(text, 0, text.Length), DateTimeOffset.UnixEpoch);

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

    [Fact]
    public void The_context_score_equals_article_bm25_computed_from_the_text()
    {
        // The index keeps article postings for the context score; recompute it here from the articles' words (and
        // headlines) alone, for every sentence a multi-term query touches on the seeds and on constructed articles.
        var constructed = SentenceIndex.Build(
        [
            MakeArticle("a", "Trade grew. Trade and investment grew again. Nothing else.", title: "Trade news"),
            MakeArticle("b", "Investment fell. The pipeline opened.", title: "Pipeline and trade"),
            MakeArticle("c", "Weather was mild."),
        ]);
        foreach (var (index, query) in new[] { (constructed, "trade investment pipeline"), (TestCorpus.Seeds.Index, "trade turnover Kazakhstan United States investment") })
        {
            int[] terms = [.. index.Analyzer.Analyze(query).Select(t => index.TermIdOf(t.Term)).Where(t => t >= 0).Distinct()];
            double[] weights = [.. terms.Select(_ => 1.0)];
            var hits = index.TopBm25(terms, weights, index.Sentences.Count);
            Assert.NotEmpty(hits);
            foreach (var (sentence, _, context) in hits)
            {
                var article = index.Sentences[sentence].ArticleIndex;
                Assert.Equal(ExpectedContext(index, article, terms), context, 5); // the index keeps norms and frequencies as floats
            }
        }
    }

    private static double ExpectedContext(SentenceIndex index, int article, int[] terms)
    {
        var lengths = index.Articles.Select((_, a) => index.Sentences.Select((s, id) => (s, id)).Where(x => x.s.ArticleIndex == a).Sum(x => index.TermsOf(x.id).Length)).ToArray();
        var average = Math.Max(1, lengths.Sum() / (double)index.Articles.Count);
        var total = 0.0;
        foreach (var term in terms)
        {
            double FrequencyIn(int a)
            {
                var body = index.Sentences.Select((s, id) => (s, id)).Where(x => x.s.ArticleIndex == a).Sum(x => index.TermsOf(x.id).ToArray().Count(t => t == term));
                var title = index.Articles[a].Metadata.Title is { } headline
                    ? index.Analyzer.Analyze(headline).Count(t => index.TermIdOf(t.Term) == term)
                    : 0;
                return body + (SentenceIndex.TitleWeight * title);
            }

            var articleFrequency = Enumerable.Range(0, index.Articles.Count).Count(a => FrequencyIn(a) > 0);
            var idf = Math.Log(1 + ((index.Articles.Count - articleFrequency + 0.5) / (articleFrequency + 0.5)));
            var tf = FrequencyIn(article);
            var norm = (float)(SentenceIndex.ArticleK1 * (1 - SentenceIndex.ArticleB + (SentenceIndex.ArticleB * lengths[article] / average)));
            total += tf == 0 ? 0 : idf * tf * (SentenceIndex.ArticleK1 + 1) / (tf + norm);
        }

        return SentenceIndex.ArticleContextWeight * total;
    }

    [Fact]
    public void Headline_words_lift_their_article_but_the_headline_is_never_a_hit()
    {
        // Same body in both articles; only one headline names the pipeline. "Caspian" is in no sentence at all.
        var plain = MakeArticle("a", "Officials discussed the route. The weather was mild.");
        var headlined = MakeArticle("b", "Officials discussed the route. The weather was mild.", title: "Caspian pipeline route agreed");
        var index = SentenceIndex.Build([plain, headlined]);
        var hits = index.Search("Caspian pipeline route", 2);
        Assert.Equal(2, hits.Count);
        Assert.Equal(plain.Sentences.Count, hits[0].SentenceId);
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.All(hits, h => Assert.DoesNotContain("Caspian", index.Sentences[h.SentenceId].Sentence.Text, StringComparison.Ordinal));

        // A word only a headline holds has a term id but no sentence: alone it finds nothing to quote.
        Assert.True(index.TermIdOf(index.Analyzer.Analyze("Caspian")[0].Term) >= 0);
        Assert.Empty(index.Search("Caspian", 3));
    }
}
