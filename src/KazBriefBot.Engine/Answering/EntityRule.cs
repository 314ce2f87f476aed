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
    internal const double CorpusTopicShare = 0.8;

    /// <summary>How far the passage first..last can answer the question as far as its names go.</summary>
    public static EntityFit Check(SentenceIndex index, QuestionAnalysis q, int first, int last)
    {
        var start = first;
        var article = index.Sentences[first].ArticleIndex;
        while (start > 0 && first - start < NameReach && index.Sentences[start - 1].ArticleIndex == article)
        {
            start--;
        }

        var topicArticles = TopicArticles(index);
        var fit = EntityFit.Match;
        foreach (var forms in q.Entities)
        {
            if (forms.Length == 0)
            {
                // A name the corpus never uses ("NYC" for New York, "the Kremlin"): no passage holds it as written, so only
                // a passage close in meaning may answer.
                fit = EntityFit.UnknownName;
                continue;
            }

            if (!IsCorpusTopic(index, forms, topicArticles) && !forms.Any(f => Answerer.AllIn(index, [f], start, last)))
            {
                return EntityFit.Mismatch;
            }
        }

        // "What did X say?" is answered by X's words, not by a sentence about X.
        if (q.AsksForWords && q.SubjectUnknown)
        {
            return EntityFit.Mismatch;
        }

        if (q.AsksForWords && q.Subject.Length > 0)
        {
            var speaks = false;
            for (var s = first; s <= last && !speaks; s++)
            {
                speaks = index.SpeakerOf(s) is not null && Answerer.AllInSpeaker(index, q.Subject, s);
            }

            return speaks ? fit : EntityFit.Mismatch;
        }

        return fit;
    }

    /// <summary>True when a text (a figure's sentence) names every name of the question that the corpus knows and
    /// that is not what the whole corpus is about.</summary>
    public static bool AllowsText(SentenceIndex index, QuestionAnalysis q, string text)
    {
        var topicArticles = TopicArticles(index);
        var terms = new HashSet<int>();
        foreach (var token in index.Analyzer.Analyze(text))
        {
            terms.Add(index.TermIdOf(token.Term));
        }

        return q.Entities.All(forms => forms.Length == 0 || IsCorpusTopic(index, forms, topicArticles) || forms.Any(terms.Contains));
    }

    /// <summary>The term is in so many articles that it is what the whole corpus is about.</summary>
    public static bool IsCorpusTopic(SentenceIndex index, int term) => index.ArticleFrequency(term) >= TopicArticles(index);

    private static int TopicArticles(SentenceIndex index) => Math.Max(2, (int)Math.Ceiling(index.Articles.Count * CorpusTopicShare));

    private static bool IsCorpusTopic(SentenceIndex index, int[] forms, int topicArticles) =>
        forms.Any(f => index.ArticleFrequency(f) >= topicArticles);
}

/// <summary>How a passage's names fit the question's.</summary>
internal enum EntityFit
{
    /// <summary>It names someone or somewhere else, or does not give the subject's words: it cannot answer.</summary>
    Mismatch,

    /// <summary>Every name of the question that the corpus knows is there (or is what the whole corpus is about).</summary>
    Match,

    /// <summary>The question uses a name the corpus never does: only closeness in meaning can make it an answer.</summary>
    UnknownName,
}
