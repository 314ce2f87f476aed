using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;

namespace KazBriefBot.Bench;

/// <summary>Our engine's sentence index behind the same two calls as the Lucene peer.</summary>
public sealed class OursSentenceIndex
{
    private OursSentenceIndex(SentenceIndex index) => Index = index;

    public SentenceIndex Index { get; }

    public static OursSentenceIndex Build(IReadOnlyList<Article> articles) => new(SentenceIndex.Build(articles));

    /// <summary>Sentence ids of the best hits, best first (ids count sentences in article order, as for Lucene): the
    /// bot's own answer ranking (<see cref="Answerer.RankSentences"/>), not a benchmark-only ranker.</summary>
    public int[] Search(string question, int limit)
    {
        var hits = Answerer.RankSentences(Index, question, limit);
        var result = new int[hits.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = hits[i].SentenceId;
        }

        return result;
    }
}
