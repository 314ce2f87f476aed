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
    public static EntityFit Check(SentenceIndex index, QuestionAnalysis q, int first, int last) =>
        Check(index, q, first, last, NameDistance(index, q, first, last));

    /// <summary>As above, given the passage's <see cref="NameDistance"/>.</summary>
    public static EntityFit Check(SentenceIndex index, QuestionAnalysis q, int first, int last, int nameDistance)
    {
        // A name the article gives elsewhere but not near the passage: the article itself tells the passage apart from it
        // (a list of countries, then a paragraph about one of them). A name the article never gives may be one the article
        // calls by another name ("the NFL" for "the league"): only a passage very close in meaning answers then.
        // Calibrated on the even SQuAD dev paragraphs and the seeds' sets (docs/answering.md).
        if (nameDistance > NameReach && nameDistance != LaterInArticle && nameDistance != NotInArticle)
        {
            return EntityFit.Mismatch;
        }

        var fit = nameDistance == NotInArticle ? EntityFit.NameNotInArticle
            : q.Entities.Any(forms => forms.Length == 0) ? EntityFit.UnknownName
            : EntityFit.Match;
        // "What did X say?" is answered by X's words, not by a sentence about X.
        if (q.AsksForWords && q.SubjectUnknown)
        {
            return EntityFit.NotTheirWords;
        }

        if (q.AsksForWords && q.Subject.Length > 0)
        {
            var speaks = false;
            for (var s = first; s <= last && !speaks; s++)
            {
                speaks = index.SpeakerOf(s) is not null && Answerer.AllInSpeaker(index, q.Subject, s);
            }

            return speaks ? fit : EntityFit.NotTheirWords;
        }

        return fit;
    }

    /// <summary>Sentence distance within the article at which the passage first..last has every name of the question
    /// that the corpus knows (and that is not what the whole corpus is about): 0 when the passage itself names them, k when
    /// the farthest is named k sentences before it, <see cref="LaterInArticle"/> when one is named only after it in the
    /// article, <see cref="NotInArticle"/> when the article never names one.</summary>
    public static int NameDistance(SentenceIndex index, QuestionAnalysis q, int first, int last)
    {
        var distance = 0;
        var topicArticles = 0;
        foreach (var forms in q.Entities)
        {
            if (forms.Length == 0)
            {
                // A name the corpus never uses ("NYC" for New York, "the Kremlin"): no passage holds it as written, so only
                // a passage close in meaning may answer (EntityFit.UnknownName).
                continue;
            }

            topicArticles = topicArticles == 0 ? TopicArticles(index) : topicArticles;
            if (IsCorpusTopic(index, forms, topicArticles))
            {
                continue;
            }

            distance = Math.Max(distance, DistanceOf(index, forms, first, last));
            if (distance == NotInArticle)
            {
                break;
            }
        }

        return distance;
    }

    /// <summary><see cref="NameDistance"/> of a name the article names only after the passage.</summary>
    internal const int LaterInArticle = 500;

    /// <summary><see cref="NameDistance"/> of a name the article never names.</summary>
    internal const int NotInArticle = 1000;

    private static int DistanceOf(SentenceIndex index, int[] forms, int first, int last)
    {
        var article = index.Sentences[first].ArticleIndex;
        for (var s = last; s >= 0 && index.Sentences[s].ArticleIndex == article; s--)
        {
            if (HasAny(index, forms, s))
            {
                return Math.Max(0, first - s);
            }
        }

        for (var s = last + 1; s < index.Sentences.Count && index.Sentences[s].ArticleIndex == article; s++)
        {
            if (HasAny(index, forms, s))
            {
                return LaterInArticle;
            }
        }

        return NotInArticle;
    }

    private static bool HasAny(SentenceIndex index, int[] forms, int sentence)
    {
        foreach (var f in forms)
        {
            if (index.Contains(sentence, f, includeSpeaker: true))
            {
                return true;
            }
        }

        return false;
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
    /// <summary>It lacks a name of the question (names someone or somewhere else): it cannot answer.</summary>
    Mismatch,

    /// <summary>The question asks for someone's words ("What did X say?") and the passage does not give X's words.</summary>
    NotTheirWords,

    /// <summary>Every name of the question that the corpus knows is there (or is what the whole corpus is about).</summary>
    Match,

    /// <summary>The question uses a name the corpus never does: only closeness in meaning can make it an answer.</summary>
    UnknownName,

    /// <summary>The passage's article never gives one of the question's names (the corpus does): only a passage very
    /// close in meaning answers (with sentence vectors; lexically it cannot).</summary>
    NameNotInArticle,
}
