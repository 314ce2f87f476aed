using System.Text.RegularExpressions;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Engine.Answering;

/// <summary>Answers a question from a snapshot with up to three verbatim quotes, or says that nothing was found.</summary>
/// <remarks>Ranking: weighted BM25 over the question's content terms (a sentence's speaker counts as one of its terms),
/// times how much of the question's idf mass the quote covers, with boosts for query terms close together, for the
/// question's subject acting or speaking, and for definitions ("X, the ...", "X is a ...") to "what/who is X" questions.
/// Relevance rule: the best quote must cover at least <see cref="MinimumCoverage"/> of the question's idf mass, where a
/// word no sentence contains weighs as much as the rarest word could; otherwise the answer is "nothing found".</remarks>
public static partial class Answerer
{
    public const int MaxQuotes = 3;

    /// <summary>Share of the question's idf mass the best quote must cover to count as an answer.</summary>
    public const double MinimumCoverage = 0.5;

    // Candidates rescored per question: the rescoring is the costly part of a query, and on SQuAD dev 15 rank as well as 60.
    private const int MinCandidates = 15;

    // Rescoring weights, chosen by coordinate ascent on the even-numbered SQuAD dev paragraphs and checked on the odd ones
    // (bench --fold): the sentence BM25 is scaled by (CoverageOffset + coverage) and by phrase-likeness.
    private const double CoverageOffset = 0.3;
    private const double ProximityWeight = 0.15;
    private const double BigramWeight = 0.5;

    // Hybrid retrieval: semantic nearest neighbours added to the lexical candidates, and the share of the cosine in the
    // fused score; chosen on the even SQuAD dev paragraphs, checked on the odd ones (bench --fold).
    // The late-interaction reranker (Rerank) is off: on paraphrase-dev it puts the right passage first for 27 of 56
    // questions instead of 20, and on a sample of the even SQuAD dev paragraphs for 293 of 400 instead of 287 (bench
    // rerank; depth 10, weight 3), but the no-answer rule then refuses the gained paraphrase answers (their cosine and
    // coverage stay low), so the bot's answers do not improve, while every question costs one more model call (60-100 ms
    // on 2 shared cores). docs/answering.md.
    internal static readonly HybridWeights DefaultHybrid = new(DenseCandidates: 20, SemanticWeight: 0.5, UncoveredSemanticWeight: 1.0);

    /// <summary>The reranker's tested setting (bench rerank): the fused top 10, late-interaction weight 3.</summary>
    internal static readonly HybridWeights RerankedHybrid = DefaultHybrid with { RerankDepth = 10, RerankWeight = 3.0 };

    [GeneratedRegex(@"^\W*(?:He|She|They|His|Her|Their|It|Its|This|These|That|Those|Such|The (?:expert|minister|president|diplomat|ambassador|official|analyst|leader|secretary)s?)\b")]
    private static partial Regex RefersBack();

    [GeneratedRegex(@"^\s*(?:\([^)]*\)\s*)?(?:,[^,;]{0,80},\s*)?(?:is|are|was|were)\s+(?:a|an|the|one)\b")]
    private static partial Regex DefinitionAfterName();

    [GeneratedRegex(@"^\s*(?:\([^)]*\)\s*)?,\s*(?:a|an|the)\b")]
    private static partial Regex AppositiveAfterName();

    // Cheap pre-check for IsDefinition (which analyzes the sentence): some definition form occurs at all.
    [GeneratedRegex(@"\b(?:is|are|was|were)\s+(?:a|an|the|one)\b|,\s*(?:a|an|the)\b")]
    private static partial Regex DefinitionForm();

    [GeneratedRegex(@"\b(?:because|reasons?|due to|since|thanks to|as a result|in order to|so that|aim(?:s|ed)? to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Reason();

    public static Answer Ask(CorpusSnapshot snapshot, string question, int maxQuotes = MaxQuotes) => Ask(snapshot, question, 0, maxQuotes);

    /// <summary>Answers with quotes number skip+1 .. skip+take of the ranking ("more quotes" asks with skip = 3).</summary>
    public static Answer Ask(CorpusSnapshot snapshot, string question, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var ranked = Rank(snapshot.Index, snapshot.Semantic, question, skip + take + 1);
        var quotes = ranked.Skip(skip).Take(take).ToList();
        foreach (var quote in quotes)
        {
            VerifyVerbatim(snapshot, quote);
        }

        // Figures are looked up whether or not a quote passes: "summarise the trade figures" has no sentence that
        // answers it, but figures that do. They obey the names rule as quotes do (a US figure does not answer about China).
        var figures = skip == 0 ? FiguresFor(snapshot, question) : [];
        if (quotes.Count == 0 && figures.Count > 0)
        {
            return new Answer(question, true, $"No quote answers that directly; {figures.Count} figure(s) from the {snapshot.Articles.Count} articles I have.", [], figures);
        }

        if (quotes.Count == 0)
        {
            var message = skip > 0 && ranked.Count > 0
                ? $"No more quotes: that was all I found in the {snapshot.Articles.Count} articles I have."
                : NothingFound(snapshot);
            return new Answer(question, false, message, [], []);
        }

        var articles = quotes.Select(q => q.Source.Id).Distinct(StringComparer.Ordinal).Count();
        return new Answer(question, true, $"{quotes.Count} quote(s) from {articles} of the {snapshot.Articles.Count} articles I have.", quotes, figures)
        {
            HasMore = ranked.Count > skip + take,
        };
    }

    /// <summary>The figures of the question's metric and parties (FigureSet.ForQuestion applies the parties rule, so
    /// that China's figures never answer for the United States), looked up whether or not a quote passes.
    /// Most questions cannot use figures: those never make the snapshot extract them.</summary>
    private static IReadOnlyList<Figures.Figure> FiguresFor(CorpusSnapshot snapshot, string question) =>
        snapshot.FiguresForQuestion(question);

    public static string NothingFound(CorpusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return $"I found nothing about that in the {snapshot.Articles.Count} articles I have.";
    }

    /// <summary>The sentences the answer ranking puts first for the question (the hit sentence of each candidate quote,
    /// best first), before the no-answer rule and the removal of overlapping quotes. The benchmark measures this ranking,
    /// so it is exactly the one <see cref="Ask(CorpusSnapshot, string, int)"/> quotes from.</summary>
    public static IReadOnlyList<SentenceHit> RankSentences(SentenceIndex index, string question, int limit) => RankSentences(index, null, question, limit);

    /// <summary>As <see cref="RankSentences(SentenceIndex, string, int)"/>, hybrid when sentence vectors are given.</summary>
    public static IReadOnlyList<SentenceHit> RankSentences(SentenceIndex index, SemanticIndex? semantic, string question, int limit) =>
        RankSentences(index, semantic, question, limit, DefaultHybrid);

    /// <summary>As above with other fusion weights (the bench's weight search).</summary>
    internal static IReadOnlyList<SentenceHit> RankSentences(SentenceIndex index, SemanticIndex? semantic, string question, int limit, HybridWeights weights,
        QuantizedVector? queryVector = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(question);
        var windows = RankWindows(index, semantic, queryVector ?? semantic?.EmbedQuery(question), question, limit, weights);
        var result = new SentenceHit[Math.Min(Math.Max(limit, 0), windows.Count)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new SentenceHit(windows[i].Hit, windows[i].Score);
        }

        return result;
    }

    /// <summary>The candidate passages with the signals the no-answer decision sees, best first (for calibration and the
    /// bench; the bot itself calls <see cref="Ask(CorpusSnapshot, string, int)"/>).</summary>
    public static IReadOnlyList<CandidateSignals> Candidates(SentenceIndex index, SemanticIndex? semantic, string question, int limit) =>
        Candidates(index, semantic, semantic?.EmbedQuery(question), question, limit);

    /// <param name="take">How many to return (all of the pool when larger than limit: the bench's calibration dump).</param>
    /// <param name="weights">Fusion weights (the bot's when null).</param>
    internal static IReadOnlyList<CandidateSignals> Candidates(SentenceIndex index, SemanticIndex? semantic, QuantizedVector? queryVector, string question, int limit,
        int? take = null, HybridWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(question);
        return RankWindows(index, semantic, queryVector, question, limit, weights ?? DefaultHybrid)
            .Take(take ?? limit)
            .Select(w => new CandidateSignals(w.Hit, index.Articles[index.Sentences[w.Hit].ArticleIndex].Id, w.Score, w.Coverage, w.Cosine, w.Eligible, w.Fit == EntityFit.UnknownName)
            {
                First = w.First,
                Last = w.Last,
                NameDistance = w.NameDistance,
                Fit = w.Fit.ToString(),
                WordsFit = w.NameDistance > 0 ? w.WordsFit.ToString() : w.Fit.ToString(),
                HasForm = w.HasForm,
                Lexical = w.Lexical,
                Late = w.Late,
            })
            .ToList();
    }

    /// <summary>Quotes for the question, best first (at most limit); empty when the corpus holds no answer.</summary>
    internal static IReadOnlyList<Quote> Rank(SentenceIndex index, SemanticIndex? semantic, string question, int limit) =>
        Decide(index, semantic, semantic?.EmbedQuery(question), question, limit).Quotes;

    /// <summary>The quotes for the question, or why there are none (the bench counts refusals by rule).</summary>
    internal static Decision Decide(SentenceIndex index, SemanticIndex? semantic, QuantizedVector? queryVector, string question, int limit)
    {
        var windows = RankWindows(index, semantic, queryVector, question, limit, DefaultHybrid, out var early);
        if (early != Refusal.None)
        {
            return new Decision([], early);
        }

        var quotes = new List<Quote>(limit);
        var used = new HashSet<int>();
        var hybrid = semantic is not null;
        double bestScore = 0;
        foreach (var w in windows)
        {
            if (quotes.Count >= limit)
            {
                break;
            }

            if (!w.Eligible)
            {
                // Names a different person or place than the question, does not give its subject's words, or has no time
                // for a "when" question (no number for "how many").
                continue;
            }

            if (quotes.Count == 0)
            {
                if (!Relevance.Answers(w.Coverage, w.Cosine, hybrid, w.Fit))
                {
                    // The best eligible passage does not cover the question: the corpus does not answer it. The reason
                    // reported is the one that excluded the best-ranked passage.
                    return new Decision([], ReasonFor(windows[0]));
                }

                bestScore = w.Score;
            }
            else if (!Relevance.Supports(w.Coverage, w.Cosine, hybrid, w.Fit) || w.Score < bestScore * 0.2)
            {
                continue;
            }

            var overlaps = false;
            for (var s = w.First; s <= w.Last; s++)
            {
                overlaps |= used.Contains(s);
            }

            if (overlaps)
            {
                continue;
            }

            for (var s = w.First; s <= w.Last; s++)
            {
                used.Add(s);
            }

            quotes.Add(MakeQuote(index, w));
        }

        if (quotes.Count > 0)
        {
            return new Decision(quotes, Refusal.None);
        }

        // No passage was eligible: the reason is the one that excluded the best-ranked passage.
        return new Decision([], windows.Count == 0 ? Refusal.NothingShared : ReasonFor(windows[0]));
    }

    private static Refusal ReasonFor(Window w) =>
        w.Fit == EntityFit.Mismatch ? Refusal.Names
        : w.Fit == EntityFit.NotTheirWords ? Refusal.NotTheirWords
        : !w.HasForm ? Refusal.AnswerKind
        : Refusal.NotClose;

    /// <summary>Candidate quotes scored for the question, best first: the lexical candidates and, with sentence vectors,
    /// the semantic nearest neighbours, every one scored on both signals (at least limit of them when the corpus has that
    /// many; empty when the question shares no term with the corpus and there are no vectors).</summary>
    private static List<Window> RankWindows(SentenceIndex index, SemanticIndex? semantic, QuantizedVector? queryVector, string question, int limit, HybridWeights weights) =>
        RankWindows(index, semantic, queryVector, question, limit, weights, out _);

    private static List<Window> RankWindows(SentenceIndex index, SemanticIndex? semantic, QuantizedVector? queryVector, string question, int limit, HybridWeights weights,
        out Refusal early)
    {
        early = Refusal.None;
        var q = QuestionAnalysis.Analyze(index, question);
        var totalMass = 0.0;
        var knownCount = 0;
        for (var i = 0; i < q.Terms.Length; i++)
        {
            totalMass += index.Idf(q.Terms[i]) * q.Weights[i];
            knownCount += q.Terms[i] >= 0 ? 1 : 0;
        }

        if (semantic is null && (totalMass <= 0 || knownCount == 0))
        {
            early = Refusal.NothingShared;
            return [];
        }

        if (AsksOnlyAboutTheUnknown(index, q))
        {
            // "What is the population of Kazakhstan?" on a Kazakhstan corpus that never says "population": apart from the
            // names the whole corpus is about, every word of the question is one the corpus never uses, so no passage
            // is about it, however close its meaning looks.
            early = Refusal.OnlyUnknownWords;
            return [];
        }

        var known = new int[knownCount];
        var knownWeights = new double[knownCount];
        for (int i = 0, k = 0; i < q.Terms.Length; i++)
        {
            if (q.Terms[i] >= 0)
            {
                known[k] = q.Terms[i];
                knownWeights[k++] = q.Weights[i];
            }
        }

        var wanted = Math.Max(limit + 5, MinCandidates);
        var candidates = knownCount > 0 ? index.TopBm25(known, knownWeights, wanted) : [];
        var cosines = new Dictionary<int, double>();
        if (semantic is not null && queryVector is not null)
        {
            var lexicalHits = new HashSet<int>(candidates.Select(c => c.Sentence));
            var extra = new List<(int Sentence, double Score, double Context)>();
            foreach (var (sentence, cosine) in semantic.Nearest(queryVector, Math.Max(limit + 5, weights.DenseCandidates)))
            {
                cosines[sentence] = cosine;
                if (!lexicalHits.Contains(sentence))
                {
                    // Found by meaning alone: score its words as the lexical candidates were scored.
                    var (own, context) = knownCount > 0 ? index.Bm25Of(sentence, known, knownWeights) : (0, 0);
                    extra.Add((sentence, own + context, context));
                }
            }

            candidates = [.. candidates, .. extra];
        }

        var windows = new List<Window>(candidates.Length);
        foreach (var (hit, combined, context) in candidates)
        {
            var (first, last) = WindowFor(index, hit, q);
            var coverage = totalMass > 0 ? Coverage(index, q, first, last) / totalMass : 0;
            var score = LexicalScore(index, q, known, hit, first, last, combined - context, coverage, question) + context;
            var cosine = queryVector is null ? 0 : cosines.TryGetValue(hit, out var c) ? c : semantic!.Vectors.Dot(hit, queryVector);
            var nameDistance = EntityRule.NameDistance(index, q, first, last);
            windows.Add(new Window(first, last, hit, score, coverage, cosine, EntityRule.Check(index, q, first, last, nameDistance), HasAnswerForm(index, q, first, last, question))
            {
                NameDistance = nameDistance,
                WordsFit = nameDistance > 0 ? EntityRule.Check(index, q, first, last, 0) : EntityFit.Match,
            });
        }

        if (semantic is not null && windows.Count > 0)
        {
            // Fusion: the lexical score relative to the best lexical score of this question, and the cosine. The fewer of the
            // question's words the corpus has, the less the lexical score knows, and the more the cosine counts.
            var best = windows.Max(w => w.Score);
            var bestCoverage = Math.Min(1, windows.Max(w => w.Coverage));
            var share = weights.SemanticWeightAt(bestCoverage);
            for (var i = 0; i < windows.Count; i++)
            {
                var w = windows[i];
                var lexical = best > 0 ? w.Score / best : 0;
                windows[i] = w with { Score = ((1 - share) * lexical) + (share * w.Cosine), Lexical = lexical };
            }
        }

        windows.Sort(static (x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.Hit.CompareTo(y.Hit));
        if (semantic is not null && queryVector is not null && weights.RerankDepth > 0 && windows.Count > 1)
        {
            Rerank(index, semantic, question, windows, weights);
        }

        return windows;
    }

    /// <summary>Reorders the fused top <see cref="HybridWeights.RerankDepth"/> by adding the late-interaction score
    /// (question word-pieces against the hit sentence's) times <see cref="HybridWeights.RerankWeight"/>; the rest stay
    /// below them. Costs one model call on about ten sentences per question.</summary>
    private static void Rerank(SentenceIndex index, SemanticIndex semantic, string question, List<Window> windows, HybridWeights weights)
    {
        var depth = Math.Min(weights.RerankDepth, windows.Count);
        var texts = new string[depth];
        for (var i = 0; i < depth; i++)
        {
            texts[i] = index.Sentences[windows[i].Hit].Sentence.Text;
        }

        var late = semantic.LateInteraction(question, texts);
        if (late is null)
        {
            return;
        }

        for (var i = 0; i < depth; i++)
        {
            windows[i] = windows[i] with { Score = windows[i].Score + (weights.RerankWeight * Math.Max(0, late[i])), Late = late[i] };
        }

        windows.Sort(0, depth, Comparer<Window>.Create(static (x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.Hit.CompareTo(y.Hit)));
    }

    /// <summary>The sentence features: its own BM25 scaled by coverage, proximity and phrase-likeness, and the boosts for
    /// the subject, speech, definitions, figures, reasons and the expected kind of answer.</summary>
    private static double LexicalScore(SentenceIndex index, QuestionAnalysis q, int[] known, int hit, int first, int last, double bm25, double coverage, string question)
    {
        // The sentence's own BM25 is rescored here; its article's score (context) is added back by the caller, so the
        // sentence features order sentences within a passage and the context orders the passages.
        var score = bm25 * (CoverageOffset + coverage);
        score *= 1 + (ProximityWeight * index.Proximity(hit, known)) + (BigramWeight * index.OrderedBigrams(hit, known));
        if (q.Subject.Length > 0)
        {
            var subjectHere = AllIn(index, q.Subject, hit, hit);
            var subjectNear = subjectHere || AllIn(index, q.Subject, first, last);
            var subjectSpeaks = index.SpeakerOf(hit) is not null && AllInSpeaker(index, q.Subject, hit);
            score *= subjectHere ? 1.3 : subjectNear ? 1.15 : 1.0;
            if (subjectSpeaks)
            {
                score *= q.AsksForSpeech ? 1.3 : 1.15;
            }
        }
        else if (q.AsksForSpeech && index.SpeakerOf(hit) is not null)
        {
            score *= 1.1;
        }

        if (q.AsksForDefinition && IsDefinition(index, hit, known, q.AsksForPerson))
        {
            score *= 1.5;
        }

        if ((q.AsksForQuantity && HasFigure(index, first, last)) || (q.AsksForReason && GivesReason(index, first, last)))
        {
            score *= 1.2;
        }

        // Answer-type cues: the hit sentence holds the kind of thing the question asks for.
        return score * AnswerTypeCues.Boost(q.ExpectedAnswer, index.Sentences[hit].Sentence.Text, question);
    }

    internal static bool AllInSpeaker(SentenceIndex index, int[] terms, int sentence)
    {
        var speaker = index.SpeakerTermsOf(sentence);
        foreach (var t in terms)
        {
            if (!speaker.Contains(t))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Never return text that is not an exact substring of its article: a failure here is a bug, not bad input.</summary>
    internal static void VerifyVerbatim(CorpusSnapshot snapshot, Quote quote)
    {
        var article = snapshot.FindArticle(quote.Source.Id) ?? throw new InvalidOperationException($"Quote source {quote.Source.Id} is not in the corpus.");
        if (quote.Source.Start < 0 || quote.Source.End > article.Text.Length || quote.Source.End < quote.Source.Start)
        {
            throw new InvalidOperationException($"Quote span {quote.Source.Start}..{quote.Source.End} is outside {quote.Source.Id}.");
        }

        var span = article.Text.AsSpan(quote.Source.Start, quote.Source.End - quote.Source.Start);
        if (!span.SequenceEqual(quote.Text))
        {
            throw new InvalidOperationException($"Quote is not verbatim at {quote.Source.Id}[{quote.Source.Start}..{quote.Source.End}).");
        }
    }

    internal static bool AllIn(SentenceIndex index, int[] terms, int first, int last)
    {
        foreach (var t in terms)
        {
            var found = false;
            for (var s = first; s <= last && !found; s++)
            {
                found = index.Contains(s, t, includeSpeaker: true);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sentence alone, or with its neighbour when it cannot stand alone: it refers back ("He also ..."),
    /// continues a quotation, or opens a quotation whose speaker is named in the next sentence.</summary>
    private static (int First, int Last) WindowFor(SentenceIndex index, int hit, QuestionAnalysis q)
    {
        var previous = Adjacent(index, hit, -1);
        var next = Adjacent(index, hit, +1);
        var text = index.Sentences[hit].Sentence.Text;
        var quotation = index.QuotationOf(hit);
        if (previous >= 0 && RefersBack().IsMatch(text))
        {
            return (previous, hit);
        }

        if (previous >= 0 && quotation >= 0 && index.QuotationOf(previous) == quotation)
        {
            return (previous, hit);
        }

        if (next >= 0 && quotation >= 0 && index.QuotationOf(next) == quotation && !index.SpeakerIsExplicit(hit))
        {
            return (hit, next);
        }

        // The subject is named just before, and this sentence is about what they did.
        if (previous >= 0 && q.Subject.Length > 0 && !AllIn(index, q.Subject, hit, hit) && AllIn(index, q.Subject, previous, previous)
            && index.SpeakerOf(hit) is not null)
        {
            return (previous, hit);
        }

        return (hit, hit);
    }

    /// <summary>The neighbouring sentence in the same article when only whitespace separates them, else -1.</summary>
    private static int Adjacent(SentenceIndex index, int sentence, int direction)
    {
        var other = sentence + direction;
        if (other < 0 || other >= index.Sentences.Count || index.Sentences[other].ArticleIndex != index.Sentences[sentence].ArticleIndex)
        {
            return -1;
        }

        var article = index.Articles[index.Sentences[sentence].ArticleIndex];
        var (a, b) = direction < 0
            ? (index.Sentences[other].Sentence, index.Sentences[sentence].Sentence)
            : (index.Sentences[sentence].Sentence, index.Sentences[other].Sentence);
        if (b.Start < a.End)
        {
            return -1;
        }

        // Only whitespace (a space or a paragraph break) between them: nothing else is swallowed into the quote.
        var gap = article.Text.AsSpan(a.End, b.Start - a.End);
        return gap.Length <= 4 && gap.IsWhiteSpace() ? other : -1;
    }

    private static double Coverage(SentenceIndex index, QuestionAnalysis q, int first, int last)
    {
        var mass = 0.0;
        for (var i = 0; i < q.Terms.Length; i++)
        {
            var term = q.Terms[i];
            for (var s = first; s <= last; s++)
            {
                if (index.Contains(s, term, includeSpeaker: true))
                {
                    mass += index.Idf(term) * q.Weights[i];
                    break;
                }
            }
        }

        return mass;
    }

    private static bool IsDefinition(SentenceIndex index, int hit, int[] terms, bool person)
    {
        // A definition follows the run of question terms: "The C5+1 format, initiated in 2015, is a dialogue ...".
        var text = index.Sentences[hit].Sentence.Text;
        if (!DefinitionForm().IsMatch(text))
        {
            return false;
        }

        var tokens = index.Analyzer.Analyze(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Array.IndexOf(terms, index.TermIdOf(tokens[i].Term)) < 0)
            {
                continue;
            }

            var j = i;
            while (j + 1 < tokens.Count && Array.IndexOf(terms, index.TermIdOf(tokens[j + 1].Term)) >= 0)
            {
                j++;
            }

            var after = text[tokens[j].End..];
            if (DefinitionAfterName().IsMatch(after) || (person && AppositiveAfterName().IsMatch(after)))
            {
                return true;
            }

            i = j;
        }

        return false;
    }

    private static bool HasFigure(SentenceIndex index, int first, int last)
    {
        for (var s = first; s <= last; s++)
        {
            if (index.Sentences[s].Sentence.Text.AsSpan().IndexOfAnyInRange('0', '9') >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool GivesReason(SentenceIndex index, int first, int last)
    {
        for (var s = first; s <= last; s++)
        {
            if (Reason().IsMatch(index.Sentences[s].Sentence.Text))
            {
                return true;
            }
        }

        return false;
    }

    private static Quote MakeQuote(SentenceIndex index, Window w)
    {
        var article = index.Articles[index.Sentences[w.First].ArticleIndex];
        var start = index.Sentences[w.First].Sentence.Start;
        var end = index.Sentences[w.Last].Sentence.End;
        var speaker = index.SpeakerOf(w.Hit);
        for (var s = w.First; speaker is null && s <= w.Last; s++)
        {
            speaker = index.SpeakerOf(s);
        }

        return new Quote(article.Text[start..end], speaker, Math.Round(w.Score, 4), article.SourceFor(start, end));
    }

    private static bool AsksOnlyAboutTheUnknown(SentenceIndex index, QuestionAnalysis q)
    {
        var unknown = false;
        foreach (var term in q.Terms)
        {
            if (term < 0)
            {
                unknown = true;
            }
            else if (!EntityRule.IsCorpusTopic(index, term))
            {
                return false;
            }
        }

        return unknown;
    }

    /// <summary>The passage holds the kind of thing the question asks for: a time for "when", a number for "how many".</summary>
    private static bool HasAnswerForm(SentenceIndex index, QuestionAnalysis q, int first, int last, string question)
    {
        for (var s = first; s <= last; s++)
        {
            if (AnswerTypeCues.CanAnswer(q.ExpectedAnswer, index.Sentences[s].Sentence.Text, question))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A candidate quote: sentences First..Last around the hit sentence.</summary>
    private readonly record struct Window(int First, int Last, int Hit, double Score, double Coverage, double Cosine, EntityFit Fit, bool HasForm)
    {
        /// <summary>How far back in the article the question's names are (<see cref="EntityRule.NameDistance"/>).</summary>
        public int NameDistance { get; init; }

        /// <summary>The fit were the names all in the passage (for calibration: the words rule alone).</summary>
        public EntityFit WordsFit { get; init; }

        /// <summary>The lexical score relative to the question's best, before fusion (hybrid only; for calibration).</summary>
        public double Lexical { get; init; }

        /// <summary>The late-interaction score (0 when not reranked).</summary>
        public double Late { get; init; }

        /// <summary>Its names fit the question's and it holds the kind of answer asked for.</summary>
        public bool Eligible => Fit is EntityFit.Match or EntityFit.UnknownName or EntityFit.NameNotInArticle && HasForm;
    }
}

/// <summary>The quotes for a question, or the rule that refused it.</summary>
internal sealed record Decision(IReadOnlyList<Quote> Quotes, Refusal Refusal);

/// <summary>Why a question got "nothing found".</summary>
internal enum Refusal
{
    /// <summary>Not refused: there are quotes.</summary>
    None,

    /// <summary>No passage shares a word with the question (and there are no vectors).</summary>
    NothingShared,

    /// <summary>Every word of the question is unknown to the corpus or what the whole corpus is about.</summary>
    OnlyUnknownWords,

    /// <summary>The best passage lacks a name of the question (rule 1).</summary>
    Names,

    /// <summary>The question asks for someone's words and the best passage is not theirs (rule 2).</summary>
    NotTheirWords,

    /// <summary>The best passage lacks the kind of answer asked for (rule 3).</summary>
    AnswerKind,

    /// <summary>The best eligible passage is not close enough to the question (rule 5).</summary>
    NotClose,
}

/// <summary>One candidate passage's signals: its hit sentence, article, fused score, lexical coverage of the question,
/// cosine with the question, whether the question's names and answer kind allow it, and whether the question uses a name
/// the corpus never does.</summary>
public sealed record CandidateSignals(int Sentence, string ArticleId, double Score, double Coverage, double Cosine, bool Eligible, bool UnknownName)
{
    /// <summary>The passage's first and last sentence.</summary>
    public int First { get; init; }

    public int Last { get; init; }

    /// <summary>How far back in the article the question's names are (0 = in the passage; 500 = only later; 1000 = absent).</summary>
    public int NameDistance { get; init; }

    /// <summary>How the passage's names fit the question's (Match, Mismatch, NotTheirWords, UnknownName).</summary>
    public string Fit { get; init; } = "";

    /// <summary>The fit were the question's names all in the passage (the words rule alone).</summary>
    public string WordsFit { get; init; } = "";

    /// <summary>The passage holds the kind of answer asked for.</summary>
    public bool HasForm { get; init; }

    /// <summary>The lexical score relative to the question's best, before fusion (0 when lexical only).</summary>
    public double Lexical { get; init; }

    /// <summary>The late-interaction score (0 when the passage was not reranked).</summary>
    public double Late { get; init; }
}

/// <summary>Hybrid fusion: how many semantic nearest neighbours join the lexical candidates, and the cosine's share of
/// the fused score (the rest is the lexical score relative to the question's best).</summary>
/// <param name="DenseCandidates">Semantic nearest neighbours added to the lexical candidates.</param>
/// <param name="SemanticWeight">The cosine's share when some passage covers the whole question lexically.</param>
/// <param name="UncoveredSemanticWeight">The cosine's share when no passage shares a word with the question; linear between.</param>
internal readonly record struct HybridWeights(int DenseCandidates, double SemanticWeight, double UncoveredSemanticWeight)
{
    /// <summary>How many of the fused best the late-interaction reranker reorders (0: no reranking).</summary>
    public int RerankDepth { get; init; }

    /// <summary>The late-interaction score's weight against the fused score (which lies in 0..1).</summary>
    public double RerankWeight { get; init; }

    public double SemanticWeightAt(double bestCoverage) => UncoveredSemanticWeight + ((SemanticWeight - UncoveredSemanticWeight) * bestCoverage);
}
