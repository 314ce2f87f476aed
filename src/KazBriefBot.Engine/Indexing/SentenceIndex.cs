using System.Runtime.CompilerServices;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Indexing;

/// <summary>A sentence of the index: which article it belongs to and its place there.</summary>
public sealed record IndexedSentence(int ArticleIndex, Sentence Sentence);

/// <summary>A scored search hit.</summary>
public sealed record SentenceHit(int SentenceId, double Score);

/// <summary>Immutable inverted index over the sentences of a corpus; safe to share across threads.</summary>
/// <remarks>Terms are numbered; postings are flat arrays (sentence ids ascending, term frequencies), and a forward
/// array keeps each sentence's term ids in order for proximity. Each sentence's speaker (from its attribution) is
/// indexed as extra terms so "what did Akylbayev say" finds the sentences of his quotation (and of his reported speech
/// later in the same paragraph).</remarks>
public sealed class SentenceIndex
{
    // Sentences are short: term frequency saturates early and length matters less than for documents
    // (k1 and the other weights here were chosen on the even-numbered SQuAD dev paragraphs and checked on the odd ones).
    internal const double K1 = 0.6;
    internal const double B = 0.5;

    // Article-level BM25 for the context score: a repeated term adds little, presence across the passage counts.
    internal const double ArticleK1 = 0.4;
    internal const double ArticleB = 0.75;

    /// <summary>How much the sentence's article (its paragraph, on SQuAD) adds to a sentence's BM25: the answer sentence
    /// sits in the passage that best matches the question, even when the sentence itself repeats few of its words.</summary>
    internal const double ArticleContextWeight = 1.8;

    /// <summary>How many body occurrences one headline word is worth in the article's context score: the headline names
    /// what the article is about (a field weight; the headline itself is never quoted).</summary>
    internal const int TitleWeight = 4;

    [ThreadStatic]
    private static QueryScratch? _scratch;

    // Built once and never written again, so concurrent reads are safe; not frozen because freezing ~100k terms costs
    // more build time than it saves on the handful of lookups a query makes.
    private readonly Dictionary<string, int> _termIds;
    private readonly int[] _postingOffsets;
    private readonly int[] _postingSentences;
    private readonly byte[] _postingFrequencies;
    private readonly int[] _forwardOffsets;
    private readonly int[] _forwardTerms;
    private readonly int[] _speakerOffsets;
    private readonly int[] _speakerTerms;
    private readonly string?[] _speakers;
    private readonly bool[] _speakerExplicit;
    private readonly int[] _quotations;
    private readonly float[] _lengthNorms;
    private readonly double[] _idf;
    private readonly int[] _sentenceArticles;
    private readonly float[] _articleLengthNorms;
    private readonly double[] _articleIdf;
    private readonly int[] _articlePostingOffsets;
    private readonly int[] _articlePostingArticles;
    private readonly ushort[] _articlePostingFrequencies;
    private readonly int[][] _titleTerms;
    private readonly int[] _articleQuotationBase;
    private readonly int[] _articleFirstSentence;
    private HashSet<Article>? _holds;

    private SentenceIndex(IReadOnlyList<Article> articles, IndexedSentence[] sentences, TextAnalyzer analyzer, Dictionary<string, int> termIds, BuildArrays arrays)
    {
        Articles = articles;
        Sentences = sentences;
        Analyzer = analyzer;
        _termIds = termIds;
        _postingOffsets = arrays.PostingOffsets;
        _postingSentences = arrays.PostingSentences;
        _postingFrequencies = arrays.PostingFrequencies;
        _forwardOffsets = arrays.ForwardOffsets;
        _forwardTerms = arrays.ForwardTerms;
        _speakerOffsets = arrays.SpeakerOffsets;
        _speakerTerms = arrays.SpeakerTerms;
        _speakers = arrays.Speakers;
        _speakerExplicit = arrays.SpeakerExplicit;
        _quotations = arrays.Quotations;
        _titleTerms = arrays.TitleTerms;
        _articleQuotationBase = arrays.ArticleQuotationBase;
        _articleFirstSentence = arrays.ArticleFirstSentence;

        var n = sentences.Length;
        AverageLength = n == 0 ? 1 : Math.Max(1, _forwardOffsets[^1] / (double)n);
        _lengthNorms = new float[n];
        for (var s = 0; s < n; s++)
        {
            _lengthNorms[s] = (float)(K1 * (1 - B + (B * (_forwardOffsets[s + 1] - _forwardOffsets[s]) / AverageLength)));
        }

        _idf = new double[_termIds.Count];
        for (var t = 0; t < _idf.Length; t++)
        {
            _idf[t] = IdfFor(_postingOffsets[t + 1] - _postingOffsets[t]);
        }

        // Article-level BM25 statistics (articles as documents) for the context score.
        _sentenceArticles = new int[n];
        var articleLengths = new int[articles.Count];
        for (var s = 0; s < n; s++)
        {
            var a = sentences[s].ArticleIndex;
            _sentenceArticles[s] = a;
            articleLengths[a] += _forwardOffsets[s + 1] - _forwardOffsets[s];
        }

        var averageArticle = articles.Count == 0 ? 1 : Math.Max(1, _forwardOffsets[^1] / (double)articles.Count);
        _articleLengthNorms = new float[articles.Count];
        for (var a = 0; a < articles.Count; a++)
        {
            _articleLengthNorms[a] = (float)(ArticleK1 * (1 - ArticleB + (ArticleB * articleLengths[a] / averageArticle)));
        }

        // Article postings (article ids ascending; the term's frequency summed over the article's sentences, plus
        // TitleWeight per occurrence in its headline): the context score then costs one step per article instead of
        // bookkeeping on every sentence posting.
        var termCount = _termIds.Count;
        var titleOffsets = new int[termCount + 1];
        foreach (var title in arrays.TitleTerms)
        {
            foreach (var t in title)
            {
                titleOffsets[t + 1]++;
            }
        }

        for (var t = 0; t < termCount; t++)
        {
            titleOffsets[t + 1] += titleOffsets[t];
        }

        var titleArticles = new int[titleOffsets[termCount]];
        var titleFill = new int[termCount];
        for (var a = 0; a < arrays.TitleTerms.Length; a++)
        {
            foreach (var t in arrays.TitleTerms[a])
            {
                titleArticles[titleOffsets[t] + titleFill[t]++] = a;
            }
        }

        // Two passes over each term's postings (count, then fill exact arrays); terms are independent, so both run in parallel.
        var articleOffsets = new int[termCount + 1];
        _articleIdf = new double[termCount];
        ForEachTerm(termCount, t => articleOffsets[t + 1] = MergeArticles(t, null, null, 0));
        for (var t = 0; t < termCount; t++)
        {
            articleOffsets[t + 1] += articleOffsets[t];
        }

        _articlePostingOffsets = articleOffsets;
        _articlePostingArticles = new int[articleOffsets[termCount]];
        _articlePostingFrequencies = new ushort[articleOffsets[termCount]];
        var articleIds = _articlePostingArticles;
        var frequencies = _articlePostingFrequencies;
        var articleIdf = _articleIdf;
        ForEachTerm(termCount, t =>
        {
            MergeArticles(t, articleIds, frequencies, articleOffsets[t]);
            var articleFrequency = articleOffsets[t + 1] - articleOffsets[t];
            articleIdf[t] = Math.Log(1 + ((articles.Count - articleFrequency + 0.5) / (articleFrequency + 0.5)));
        });

        // Merges the term's sentence postings (one article's sentences are consecutive) with its headline occurrences, both
        // in article order; writes them from slot `start` when given arrays, and returns how many articles hold the term.
        int MergeArticles(int t, int[]? articleIds, ushort[]? frequencies, int start)
        {
            var count = 0;
            var p = _postingOffsets[t];
            var h = titleOffsets[t];
            var bodyEnd = _postingOffsets[t + 1];
            var titleEnd = titleOffsets[t + 1];
            while (p < bodyEnd || h < titleEnd)
            {
                var fromBody = p < bodyEnd ? _sentenceArticles[_postingSentences[p]] : int.MaxValue;
                var fromTitle = h < titleEnd ? titleArticles[h] : int.MaxValue;
                var article = Math.Min(fromBody, fromTitle);
                var frequency = 0;
                for (; p < bodyEnd && _sentenceArticles[_postingSentences[p]] == article; p++)
                {
                    frequency += _postingFrequencies[p];
                }

                for (; h < titleEnd && titleArticles[h] == article; h++)
                {
                    frequency += TitleWeight;
                }

                if (articleIds is not null)
                {
                    articleIds[start + count] = article;
                    frequencies![start + count] = (ushort)Math.Min(ushort.MaxValue, frequency);
                }

                count++;
            }

            return count;
        }
    }

    public IReadOnlyList<Article> Articles { get; }

    public IReadOnlyList<IndexedSentence> Sentences { get; }

    /// <summary>The analyzer the index was built with; queries must use the same one.</summary>
    public TextAnalyzer Analyzer { get; }

    public int TermCount => _termIds.Count;

    internal double AverageLength { get; }

    /// <summary>Builds the index with the default analyzer (Porter2).</summary>
    public static SentenceIndex Build(IReadOnlyList<Article> articles) => Build(articles, TextAnalyzer.Default);

    /// <summary>Builds the index with the given analyzer.</summary>
    public static SentenceIndex Build(IReadOnlyList<Article> articles, TextAnalyzer analyzer) => Build(articles, analyzer, null);

    /// <summary>Builds the index; articles that <paramref name="previous"/> also holds (the same instances, as a reload
    /// keeps them for unchanged files) take their terms and speakers from it instead of being analysed again. The result
    /// is the same as a build from scratch.</summary>
    public static SentenceIndex Build(IReadOnlyList<Article> articles, TextAnalyzer analyzer, SentenceIndex? previous) =>
        Build(articles, analyzer, previous, parallel: true);

    /// <param name="parallel">False analyses the articles one after another (the reference of the determinism test).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static SentenceIndex Build(IReadOnlyList<Article> articles, TextAnalyzer analyzer, SentenceIndex? previous, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(analyzer);
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);

        // The analyzer hands out cached string instances, so most lookups hit by reference (no string hashing).
        var byReference = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        var sentenceCount = 0;
        foreach (var article in articles)
        {
            sentenceCount += article.Sentences.Count;
        }

        // Analysis and speaker detection are per article and independent: run them in parallel (each in its article's
        // slot), then number terms in article order, so the index is the same whatever the scheduling. Articles go in
        // chunks, each chunk's analyses dropped once numbered: holding every article's analysis at once cost more memory
        // than the finished index.
        var reuse = previous is not null && ReferenceEquals(previous.Analyzer, analyzer) ? new Reuse(previous) : null;
        var sentences = new IndexedSentence[sentenceCount];
        var forwardOffsets = new int[sentenceCount + 1];
        var forward = new int[EstimatedTerms(articles)];
        var forwardCount = 0;
        var speakerOffsets = new int[sentenceCount + 1];
        var speakerTerms = new List<int>();
        var speakers = new string?[sentenceCount];
        var speakerExplicit = new bool[sentenceCount];
        var quotations = new int[sentenceCount];
        var documentFrequency = new List<int>();
        var lastSentence = new List<int>();
        var id = 0;
        var quotationBase = 0;
        var articleQuotationBase = new int[articles.Count];
        var articleFirstSentence = new int[articles.Count + 1];
        var titleWords = new string[articles.Count][];
        var chunk = new ArticleAnalysis[Math.Min(AnalysisChunk, articles.Count)];
        for (var from = 0; from < articles.Count; from += chunk.Length)
        {
            var count = Math.Min(chunk.Length, articles.Count - from);
            var first = from;
            if (parallel && articles.Count > 16)
            {
                Parallel.For(0, count, k => chunk[k] = reuse?.Of(articles[first + k]) ?? ArticleAnalysis.Of(articles[first + k], analyzer));
            }
            else
            {
                for (var k = 0; k < count; k++)
                {
                    chunk[k] = reuse?.Of(articles[first + k]) ?? ArticleAnalysis.Of(articles[first + k], analyzer);
                }
            }

            for (var k = 0; k < count; k++)
            {
                NumberArticle(first + k, chunk[k]);
                titleWords[first + k] = chunk[k].TitleTerms;
                chunk[k] = null!;
            }
        }

        articleFirstSentence[articles.Count] = id;

        // Headline words (a field of the article, never a quotable sentence): numbered like body words, kept per article.
        var titleTerms = new int[articles.Count][];
        for (var a = 0; a < articles.Count; a++)
        {
            var words = titleWords[a];
            titleTerms[a] = new int[words.Length];
            for (var w = 0; w < words.Length; w++)
            {
                titleTerms[a][w] = TermId(words[w]);
            }
        }

        // Postings: one slot per (term, sentence), filled in sentence order so each list is sorted.
        var termCount = termIds.Count;
        var postingOffsets = new int[termCount + 1];
        for (var t = 0; t < termCount; t++)
        {
            postingOffsets[t + 1] = postingOffsets[t] + documentFrequency[t];
        }

        var postingSentences = new int[postingOffsets[termCount]];
        var postingFrequencies = new byte[postingOffsets[termCount]];
        var fill = new int[termCount];
        var lastSeen = new int[termCount];
        Array.Fill(lastSeen, -1);
        var forwardTerms = forward; // may end in unused slack: every read goes through forwardOffsets
        var speakerArray = speakerTerms.ToArray();
        for (var s = 0; s < sentenceCount; s++)
        {
            for (var p = forwardOffsets[s]; p < forwardOffsets[s + 1]; p++)
            {
                Add(forwardTerms[p], s);
            }

            for (var p = speakerOffsets[s]; p < speakerOffsets[s + 1]; p++)
            {
                if (lastSeen[speakerArray[p]] != s)
                {
                    Add(speakerArray[p], s);
                }
            }
        }

        var arrays = new BuildArrays(postingOffsets, postingSentences, postingFrequencies, forwardOffsets, forwardTerms, speakerOffsets,
            speakerArray, speakers, speakerExplicit, quotations, titleTerms, articleQuotationBase, articleFirstSentence);
        return new SentenceIndex(articles, sentences, analyzer, termIds, arrays);

        void NumberArticle(int a, ArticleAnalysis analysis)
        {
            var article = articles[a];
            articleQuotationBase[a] = quotationBase;
            articleFirstSentence[a] = id;
            var maxQuotation = -1;
            var termIndex = 0;
            var speakerIndex = 0;
            if (forward.Length - forwardCount < analysis.Terms.Length)
            {
                Array.Resize(ref forward, Math.Max(forward.Length * 5 / 4, forwardCount + analysis.Terms.Length));
            }

            for (var i = 0; i < article.Sentences.Count; i++, id++)
            {
                sentences[id] = new IndexedSentence(a, article.Sentences[i]);
                for (; termIndex < analysis.SentenceEnds[i]; termIndex++)
                {
                    var term = TermId(analysis.Terms[termIndex]);
                    forward[forwardCount++] = term;
                    CountOnce(term);
                }

                forwardOffsets[id + 1] = forwardCount;
                speakers[id] = analysis.Speakers[i];
                speakerExplicit[id] = analysis.Explicit[i];
                quotations[id] = analysis.Quotations[i] < 0 ? -1 : quotationBase + analysis.Quotations[i];
                maxQuotation = Math.Max(maxQuotation, analysis.Quotations[i]);
                for (; speakerIndex < analysis.SpeakerEnds[i]; speakerIndex++)
                {
                    var term = TermId(analysis.SpeakerTerms[speakerIndex]);
                    speakerTerms.Add(term);
                    CountOnce(term);
                }

                speakerOffsets[id + 1] = speakerTerms.Count;
            }

            quotationBase += maxQuotation + 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        int TermId(string term)
        {
            if (byReference.TryGetValue(term, out var known))
            {
                return known;
            }

            if (!termIds.TryGetValue(term, out var t))
            {
                t = termIds.Count;
                termIds.Add(term, t);
                documentFrequency.Add(0);
                lastSentence.Add(-1);
            }

            byReference[term] = t;
            return t;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void CountOnce(int term)
        {
            if (lastSentence[term] != id)
            {
                lastSentence[term] = id;
                documentFrequency[term]++;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Add(int term, int sentence)
        {
            if (lastSeen[term] == sentence)
            {
                var slot = postingOffsets[term] + fill[term] - 1;
                if (postingFrequencies[slot] < byte.MaxValue)
                {
                    postingFrequencies[slot]++;
                }

                return;
            }

            lastSeen[term] = sentence;
            var next = postingOffsets[term] + fill[term]++;
            postingSentences[next] = sentence;
            postingFrequencies[next] = 1;
        }
    }

    // Articles analysed (in parallel) before their terms are numbered and their analyses dropped.
    private const int AnalysisChunk = 512;

    /// <summary>About how many terms the articles hold (English news: one per 10 or 11 characters, stopwords left out),
    /// so that the forward array is rarely regrown and has little slack.</summary>
    private static int EstimatedTerms(IReadOnlyList<Article> articles)
    {
        long characters = 0;
        foreach (var article in articles)
        {
            characters += article.Text.Length;
        }

        return (int)Math.Min(Array.MaxLength, (characters / 10) + 1024);
    }

    /// <summary>BM25 over the query's terms with a bonus for query terms close together; best first.</summary>
    public IReadOnlyList<SentenceHit> Search(string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (limit <= 0)
        {
            return [];
        }

        var tokens = Analyzer.Analyze(query);
        var terms = new int[Math.Min(tokens.Count, 64)];
        var count = 0;
        foreach (var token in tokens)
        {
            if (count < terms.Length && _termIds.TryGetValue(token.Term, out var t) && Array.IndexOf(terms, t, 0, count) < 0)
            {
                terms[count++] = t;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var weights = new double[count];
        Array.Fill(weights, 1.0);
        var queryTerms = terms.AsSpan(0, count);
        var candidates = TopBm25(queryTerms, weights, Math.Max(limit * 4, 20));
        if (count > 1)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                var (sentence, score, context) = candidates[i];
                candidates[i] = (sentence, ((score - context) * (1 + (0.25 * Proximity(sentence, queryTerms)))) + context, context);
            }

            Array.Sort(candidates, static (x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.Sentence.CompareTo(y.Sentence));
        }

        var result = new List<SentenceHit>(Math.Min(limit, candidates.Length));
        for (var i = 0; i < candidates.Length && i < limit; i++)
        {
            result.Add(new SentenceHit(candidates[i].Sentence, candidates[i].Score));
        }

        return result;
    }

    /// <summary>Runs body for every term id in parallel; per-term work is tiny, so the pool gets ranges of terms.</summary>
    private static void ForEachTerm(int termCount, Action<int> body)
    {
        if (termCount == 0)
        {
            return;
        }

        var ranges = System.Collections.Concurrent.Partitioner.Create(0, termCount, Math.Max(1024, termCount / (4 * Environment.ProcessorCount)));
        Parallel.ForEach(ranges, range =>
        {
            for (var t = range.Item1; t < range.Item2; t++)
            {
                body(t);
            }
        });
    }

    /// <summary>Whether the index holds this very article instance (a reload reuses its analysis).</summary>
    internal bool Holds(Article article) => (_holds ??= new HashSet<Article>(Articles, ReferenceEqualityComparer.Instance)).Contains(article);

    /// <summary>Term id of an analyzed term, or -1 when neither a sentence nor a headline contains it.</summary>
    internal int TermIdOf(string term) => _termIds.TryGetValue(term, out var t) ? t : -1;

    /// <summary>Inverse document frequency (BM25, never negative) of a term id; -1 gives the idf of an unseen term.</summary>
    internal double Idf(int term) => term < 0 ? IdfFor(0) : _idf[term];

    internal double IdfFor(int documentFrequency) =>
        Math.Log(1 + ((Sentences.Count - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    /// <summary>The sentence's term ids in order (stopwords removed).</summary>
    internal ReadOnlySpan<int> TermsOf(int sentence) => _forwardTerms.AsSpan(_forwardOffsets[sentence], _forwardOffsets[sentence + 1] - _forwardOffsets[sentence]);

    /// <summary>Term ids of the sentence's speaker's name, or of the paragraph's speaker (empty when none).</summary>
    internal ReadOnlySpan<int> SpeakerTermsOf(int sentence) => _speakerTerms.AsSpan(_speakerOffsets[sentence], _speakerOffsets[sentence + 1] - _speakerOffsets[sentence]);

    internal string? SpeakerOf(int sentence) => _speakers[sentence];

    /// <summary>True when the sentence itself names its speaker (not inherited from a pronoun or a quotation).</summary>
    internal bool SpeakerIsExplicit(int sentence) => _speakerExplicit[sentence];

    /// <summary>Quotation id of the sentence (unique across the corpus), or -1.</summary>
    internal int QuotationOf(int sentence) => _quotations[sentence];

    /// <summary>True when the sentence contains the term (or its speaker's name does).</summary>
    internal bool Contains(int sentence, int term, bool includeSpeaker)
    {
        if (term < 0)
        {
            return false;
        }

        return TermsOf(sentence).Contains(term) || (includeSpeaker && SpeakerTermsOf(sentence).Contains(term));
    }

    /// <summary>How many articles hold the term (headline included).</summary>
    /// <summary>The articles (indexes into <see cref="Articles"/>, ascending) whose sentences hold the term.</summary>
    internal ReadOnlySpan<int> ArticlesWith(int term) =>
        term < 0 ? [] : _articlePostingArticles.AsSpan(_articlePostingOffsets[term], _articlePostingOffsets[term + 1] - _articlePostingOffsets[term]);

    internal int ArticleFrequency(int term) => term < 0 ? 0 : _articlePostingOffsets[term + 1] - _articlePostingOffsets[term];

    /// <summary>The two parts of <see cref="TopBm25(ReadOnlySpan{int}, ReadOnlySpan{double}, int)"/>'s score for one
    /// given sentence: its own BM25 and the weighted BM25 of its article (for candidates found another way).</summary>
    internal (double Sentence, double Context) Bm25Of(int sentence, ReadOnlySpan<int> terms, ReadOnlySpan<double> weights)
    {
        var words = TermsOf(sentence);
        var article = _sentenceArticles[sentence];
        double own = 0, context = 0;
        for (var q = 0; q < terms.Length; q++)
        {
            var term = terms[q];
            if (term < 0)
            {
                continue;
            }

            var tf = 0;
            foreach (var w in words)
            {
                tf += w == term ? 1 : 0;
            }

            if (tf > 0)
            {
                own += _idf[term] * weights[q] * tf * (K1 + 1) / (tf + _lengthNorms[sentence]);
            }

            var postings = _articlePostingArticles.AsSpan(_articlePostingOffsets[term], _articlePostingOffsets[term + 1] - _articlePostingOffsets[term]);
            var at = postings.BinarySearch(article);
            if (at >= 0)
            {
                var atf = _articlePostingFrequencies[_articlePostingOffsets[term] + at];
                context += _articleIdf[term] * weights[q] * atf * (ArticleK1 + 1) / (atf + _articleLengthNorms[article]);
            }
        }

        return (own, ArticleContextWeight * context);
    }

    /// <summary>Top sentences by weighted BM25 over distinct term ids plus <see cref="ArticleContextWeight"/> times the
    /// BM25 of their article; best first.</summary>
    internal (int Sentence, double Score, double Context)[] TopBm25(ReadOnlySpan<int> terms, ReadOnlySpan<double> weights, int limit) =>
        TopBm25(terms, weights, limit, ArticleContextWeight);

    /// <summary>Top sentences by weighted BM25 plus contextWeight times their article's BM25; best first. Context is
    /// the article part of Score, so callers can rescore the sentence part and add the context back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal (int Sentence, double Score, double Context)[] TopBm25(ReadOnlySpan<int> terms, ReadOnlySpan<double> weights, int limit, double contextWeight)
    {
        var scratch = _scratch;
        if (scratch is null || scratch.Scores.Length < Sentences.Count || scratch.ArticleScores.Length < Articles.Count)
        {
            _scratch = scratch = new QueryScratch(Sentences.Count, Articles.Count);
        }

        var scores = scratch.Scores;
        var touched = scratch.Touched;
        var articleScores = scratch.ArticleScores;
        var touchedArticles = scratch.TouchedArticles;
        var touchedCount = 0;
        var touchedArticleCount = 0;
        for (var q = 0; q < terms.Length; q++)
        {
            var term = terms[q];
            if (term < 0)
            {
                continue;
            }

            var idf = _idf[term] * weights[q];
            var end = _postingOffsets[term + 1];
            for (var p = _postingOffsets[term]; p < end; p++)
            {
                var sentence = _postingSentences[p];
                var tf = _postingFrequencies[p];
                if (scores[sentence] == 0)
                {
                    touched[touchedCount++] = sentence;
                }

                scores[sentence] += idf * tf * (K1 + 1) / (tf + _lengthNorms[sentence]);
            }

            if (contextWeight > 0)
            {
                var articleIdf = _articleIdf[term] * weights[q];
                var articleEnd = _articlePostingOffsets[term + 1];
                for (var p = _articlePostingOffsets[term]; p < articleEnd; p++)
                {
                    var article = _articlePostingArticles[p];
                    var tf = _articlePostingFrequencies[p];
                    if (articleScores[article] == 0)
                    {
                        touchedArticles[touchedArticleCount++] = article;
                    }

                    articleScores[article] += articleIdf * tf * (ArticleK1 + 1) / (tf + _articleLengthNorms[article]);
                }
            }
        }

        // Keep the best `limit` with a small min-heap; reset the accumulator as we go.
        var heap = new PriorityQueue<int, (double Score, int NegSentence)>(limit + 1);
        for (var i = 0; i < touchedCount; i++)
        {
            var sentence = touched[i];
            var score = scores[sentence] + (contextWeight * articleScores[_sentenceArticles[sentence]]);
            scores[sentence] = 0;
            if (heap.Count < limit)
            {
                heap.Enqueue(sentence, (score, -sentence));
            }
            else if (heap.TryPeek(out _, out var lowest) && (score > lowest.Score || (score == lowest.Score && -sentence > lowest.NegSentence)))
            {
                heap.EnqueueDequeue(sentence, (score, -sentence));
            }
        }

        var result = new (int Sentence, double Score, double Context)[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var sentence, out var key);
            result[i] = (sentence, key.Score, contextWeight * articleScores[_sentenceArticles[sentence]]);
        }

        for (var i = 0; i < touchedArticleCount; i++)
        {
            articleScores[touchedArticles[i]] = 0;
        }

        return result;
    }

    /// <summary>0..1: share of the query's consecutive term pairs (in question order) that the sentence holds as adjacent
    /// terms in the same order ("Super Bowl", "regular season"): phrases matter more than scattered words.</summary>
    internal double OrderedBigrams(int sentence, ReadOnlySpan<int> terms)
    {
        if (terms.Length < 2)
        {
            return 0;
        }

        var words = TermsOf(sentence);
        var matches = 0;
        for (var i = 0; i + 1 < terms.Length; i++)
        {
            var (first, second) = (terms[i], terms[i + 1]);
            for (var p = 0; p + 1 < words.Length; p++)
            {
                if (words[p] == first && words[p + 1] == second)
                {
                    matches++;
                    break;
                }
            }
        }

        return matches / (double)(terms.Length - 1);
    }

    /// <summary>0..1: how tightly the query terms present in the sentence sit together (1 = adjacent).</summary>
    internal double Proximity(int sentence, ReadOnlySpan<int> terms)
    {
        var words = TermsOf(sentence);
        var best = int.MaxValue;
        var found = 0;
        var n = Math.Min(terms.Length, 64);
        Span<int> lastPosition = stackalloc int[n];
        lastPosition.Fill(-1);
        for (var p = 0; p < words.Length; p++)
        {
            var q = terms[..n].IndexOf(words[p]);
            if (q < 0)
            {
                continue;
            }

            lastPosition[q] = p;
            var seen = 0;
            var earliest = p;
            foreach (var last in lastPosition)
            {
                if (last >= 0)
                {
                    seen++;
                    earliest = Math.Min(earliest, last);
                }
            }

            if (seen > found || (seen == found && p - earliest + 1 < best))
            {
                found = seen;
                best = p - earliest + 1;
            }
        }

        return found < 2 ? 0 : (found - 1) / (double)(best - 1);
    }

    /// <summary>One article's terms per sentence and its speakers, computed independently of the other articles.</summary>
    /// <param name="Quotations">Per sentence: the article's own quotation number, or -1.</param>
    private sealed record ArticleAnalysis(string[] Terms, int[] SentenceEnds, string?[] Speakers, bool[] Explicit, int[] Quotations,
        string[] SpeakerTerms, int[] SpeakerEnds, string[] TitleTerms)
    {
        [ThreadStatic]
        private static List<AnalyzedToken>? _tokens;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static ArticleAnalysis Of(Article article, TextAnalyzer analyzer)
        {
            // One token buffer per thread, reused from article to article: growing a new one for each cost a tenth of
            // what loading a corpus allocates.
            var tokens = _tokens ??= new List<AnalyzedToken>(4096);
            tokens.Clear();
            var ends = new int[article.Sentences.Count];
            for (var i = 0; i < article.Sentences.Count; i++)
            {
                // Straight from the string that holds the sentence: no copy of its text is made for indexing.
                var sentence = article.Sentences[i];
                analyzer.Analyze(sentence.Source, sentence.SourceStart, sentence.SourceStart + sentence.Length, tokens);
                ends[i] = tokens.Count;
            }

            var terms = new string[tokens.Count];
            for (var t = 0; t < terms.Length; t++)
            {
                terms[t] = tokens[t].Term;
            }

            var detected = SpeakerDetector.Detect(article);
            var speakerTerms = new List<string>();
            var speakerEnds = new int[article.Sentences.Count];
            var nameTokens = new List<AnalyzedToken>();
            for (var i = 0; i < article.Sentences.Count; i++)
            {
                if ((detected.Speakers[i] ?? detected.ParagraphSpeakers[i]) is { } speaker)
                {
                    nameTokens.Clear();
                    analyzer.Analyze(speaker, 0, speaker.Length, nameTokens);
                    foreach (var token in nameTokens)
                    {
                        speakerTerms.Add(token.Term);
                    }
                }

                speakerEnds[i] = speakerTerms.Count;
            }

            var titleTokens = new List<AnalyzedToken>();
            if (article.Metadata.Title is { Length: > 0 } title)
            {
                analyzer.Analyze(title, 0, title.Length, titleTokens);
            }

            return new ArticleAnalysis(terms, ends, detected.Speakers, detected.Explicit, detected.Quotations, [.. speakerTerms], speakerEnds,
                [.. titleTokens.Select(t => t.Term)]);
        }
    }

    /// <summary>Reads the analysis of an article back out of the index that holds it (a reload: the file is unchanged).</summary>
    private sealed class Reuse
    {
        private readonly SentenceIndex _index;
        private readonly Dictionary<Article, int> _articles;
        private readonly string[] _terms;

        public Reuse(SentenceIndex index)
        {
            _index = index;
            _articles = new Dictionary<Article, int>(index.Articles.Count, ReferenceEqualityComparer.Instance);
            for (var a = 0; a < index.Articles.Count; a++)
            {
                _articles.TryAdd(index.Articles[a], a);
            }

            _terms = new string[index._termIds.Count];
            foreach (var (term, t) in index._termIds)
            {
                _terms[t] = term;
            }
        }

        /// <summary>The article's analysis as the index holds it, or null when the index does not hold this article.</summary>
        public ArticleAnalysis? Of(Article article)
        {
            if (!_articles.TryGetValue(article, out var a))
            {
                return null;
            }

            var index = _index;
            var first = index._articleFirstSentence[a];
            var count = index._articleFirstSentence[a + 1] - first;
            var terms = new string[index._forwardOffsets[first + count] - index._forwardOffsets[first]];
            var ends = new int[count];
            var speakerTerms = new string[index._speakerOffsets[first + count] - index._speakerOffsets[first]];
            var speakerEnds = new int[count];
            var quotations = new int[count];
            for (var i = 0; i < count; i++)
            {
                var s = first + i;
                ends[i] = index._forwardOffsets[s + 1] - index._forwardOffsets[first];
                speakerEnds[i] = index._speakerOffsets[s + 1] - index._speakerOffsets[first];
                quotations[i] = index._quotations[s] < 0 ? -1 : index._quotations[s] - index._articleQuotationBase[a];
            }

            for (var p = 0; p < terms.Length; p++)
            {
                terms[p] = _terms[index._forwardTerms[index._forwardOffsets[first] + p]];
            }

            for (var p = 0; p < speakerTerms.Length; p++)
            {
                speakerTerms[p] = _terms[index._speakerTerms[index._speakerOffsets[first] + p]];
            }

            var title = Array.ConvertAll(index._titleTerms[a], t => _terms[t]);
            return new ArticleAnalysis(terms, ends, index._speakers.AsSpan(first, count).ToArray(), index._speakerExplicit.AsSpan(first, count).ToArray(),
                quotations, speakerTerms, speakerEnds, title);
        }
    }

    private sealed record BuildArrays(
        int[] PostingOffsets,
        int[] PostingSentences,
        byte[] PostingFrequencies,
        int[] ForwardOffsets,
        int[] ForwardTerms,
        int[] SpeakerOffsets,
        int[] SpeakerTerms,
        string?[] Speakers,
        bool[] SpeakerExplicit,
        int[] Quotations,
        int[][] TitleTerms,
        int[] ArticleQuotationBase,
        int[] ArticleFirstSentence);

    private sealed class QueryScratch(int sentences, int articles)
    {
        public double[] Scores { get; } = new double[sentences];

        public int[] Touched { get; } = new int[sentences];

        public double[] ArticleScores { get; } = new double[articles];

        public int[] TouchedArticles { get; } = new int[articles];
    }
}
