using KazBriefBot.Engine.Indexing;

namespace KazBriefBot.Engine.Answering;

/// <summary>Who and where a quote is about must be who and where the question is about: a sentence about US investment
/// does not answer a question about China, and a sentence that merely mentions Putin does not say what Putin said.</summary>
internal static class EntityRule
{
    /// <summary>Sentences before the passage that may name the question's people and places for it ("He said ..."),
    /// as news introduces someone once and refers back.</summary>
    internal const int NameReach = 2;

    /// <summary>Names in at least this share of the articles are what the whole corpus is about (the two countries of a
    /// bilateral feed): a passage need not repeat them.</summary>
    internal const double CorpusTopicShare = 0.5;

    /// <summary>The passage first..last can answer the question as far as its names go.</summary>
    public static bool Holds(SentenceIndex index, QuestionAnalysis q, int first, int last)
    {
        var start = first;
        var article = index.Sentences[first].ArticleIndex;
        while (start > 0 && first - start < NameReach && index.Sentences[start - 1].ArticleIndex == article)
        {
            start--;
        }

        var topicArticles = Math.Max(2, (int)Math.Ceiling(index.Articles.Count * CorpusTopicShare));
        foreach (var entity in q.Entities)
        {
            if (entity >= 0 && index.ArticleFrequency(entity) >= topicArticles)
            {
                continue;
            }

            // A name the corpus never uses (entity -1) is in no passage.
            if (!Answerer.AllIn(index, [entity], start, last))
            {
                return false;
            }
        }

        // "What did X say?" is answered by X's words, not by a sentence about X.
        if (q.AsksForSpeech && q.Subject.Length > 0)
        {
            var speaks = false;
            for (var s = first; s <= last && !speaks; s++)
            {
                speaks = index.SpeakerOf(s) is not null && Answerer.AllInSpeaker(index, q.Subject, s);
            }

            return speaks;
        }

        return true;
    }
}
