using System.Globalization;
using System.Text;
using System.Text.Json;
using KazBriefBot.Embeddings;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Semantic;
using KazBriefBot.Engine.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazBriefBot.Bench;

/// <summary>"noanswer": the no-answer decision measured where it matters. On SQuAD dev (every question answerable) it
/// counts the refusals by rule and what each costs (questions whose top passage held the answer); on the seeds'
/// evaluation sets it reports lexical, dense and hybrid side by side, with the unanswerable questions that got a quote.
/// SQuAD is scored as bench/squad-cli scores the CLI: a hit is a top quote from the question's paragraph holding a gold
/// answer. "--fold 0|1" keeps the even or odd paragraphs (calibrate on one, check on the other).</summary>
public static class NoAnswerReport
{
    /// <summary>The evaluation sets the bench runs; paraphrase-heldout2 (the clean held-out set) only with --heldout2.</summary>
    private static readonly string[] Sets = ["devset", "heldout", "heldout2", "paraphrase-dev", "paraphrase-heldout"];

    public static int Run(string[] args, TextWriter output)
    {
        var sb = new StringBuilder();
        var work = WorkFolder(args);
        var dumpPath = ArgAfter(args, "--dump");
        using var dump = dumpPath is null ? null : new StreamWriter(dumpPath);
        using var embedder = new OnnxSentenceEmbedder(EmbeddingModel.MiniLM);
        sb.AppendLine(CultureInfo.InvariantCulture, $"# No-answer decision — {DateTime.UtcNow:yyyy-MM-dd}, model {embedder.ModelId}");
        sb.AppendLine();
        if (!args.Contains("--no-seeds"))
        {
            Seeds(sb, embedder, work, args.Contains("--heldout2"), args.Contains("--verbose"), dump);
        }

        if (!args.Contains("--no-squad") && File.Exists(Datasets.SquadJson))
        {
            Squad(sb, embedder, work, Report.Fold, ArgAfter(args, "--refusals"), dump);
        }

        if (args.Contains("--negatives") && File.Exists(Datasets.SquadJson))
        {
            Negatives(sb, embedder, work, dump);
        }

        output.Write(sb.ToString());
        return 0;
    }

    private static void Seeds(StringBuilder sb, OnnxSentenceEmbedder embedder, string work, bool heldout2, bool verbose, StreamWriter? dump)
    {
        var root = RepoRoot();
        var options = new CorpusOptions { Path = Path.Combine(root, "seeds") };
        using var hybrid = new BriefingEngine(options, embedder: embedder, embeddingCacheFolder: Path.Combine(work, "seeds-embeddings"));
        using var lexical = new BriefingEngine(options);
        hybrid.Load();
        lexical.Load();
        hybrid.EmbedAsync().GetAwaiter().GetResult();
        var snapshot = hybrid.Current;
        sb.AppendLine("## Seeds: evaluation sets (`kazbrief eval`), lexical, dense and hybrid");
        sb.AppendLine();
        sb.AppendLine("Dense = the sentence nearest by cosine alone, no refusal; lexical and hybrid = the bot's answers with its no-answer rule.");
        sb.AppendLine();
        sb.AppendLine("| set | questions | lexical top-1 / top-3 | dense top-1 / top-3 | hybrid top-1 / top-3 | unanswerable refused lexical / hybrid |");
        sb.AppendLine("|---|---|---|---|---|---|");
        var failures = new StringBuilder();
        foreach (var set in heldout2 ? [.. Sets, "paraphrase-heldout2"] : Sets)
        {
            var cases = EvaluationCase.Parse(File.ReadAllLines(Path.Combine(root, "tests", "KazBriefBot.Engine.Tests", "Answering", set + ".tsv")));
            var lex = EvaluationReport.Score(cases.Select(c => (c, lexical.Ask(c.Question))));
            var hyb = EvaluationReport.Score(cases.Select(c => (c, hybrid.Ask(c.Question))));
            var den = EvaluationReport.Score(cases.Select(c => (c, DenseAnswer(snapshot, c))));
            if (dump is not null && set != "paraphrase-heldout2")
            {
                foreach (var c in cases)
                {
                    Dump(dump, set, c.Question, c.ExpectsNoAnswer, snapshot.Index, snapshot.Semantic, null, (a, text) =>
                        c.Articles.Any(p => a.StartsWith(p, StringComparison.OrdinalIgnoreCase)) && (c.Phrases.Count == 0 || c.Phrases.Any(p => text.Contains(p, StringComparison.Ordinal))));
                }
            }

            var unanswerable = cases.Count(c => c.ExpectsNoAnswer);
            var answerable = cases.Count - unanswerable;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {set} | {answerable} + {unanswerable} | {Hits(lex)} | {Hits(den)} | {Hits(hyb)} | {Refused(lex)}/{unanswerable} / {Refused(hyb)}/{unanswerable} |");
            foreach (var r in hyb.Results.Where(r => !r.Top1 && (verbose || r.Case.ExpectsNoAnswer)))
            {
                var first = r.Answer.Quotes.Count > 0 ? r.Answer.Quotes[0].Text : r.Answer.Figures.Count > 0 ? "(no quote; figures)" : "(nothing)";
                failures.AppendLine(CultureInfo.InvariantCulture, $"- {set}: {(r.Case.ExpectsNoAnswer ? "QUOTED" : "miss")} \"{r.Case.Question}\" → {Shorten(first)}");
            }
        }

        sb.AppendLine();
        if (failures.Length > 0)
        {
            sb.AppendLine("Hybrid failures (unanswerable questions that got a quote; with --verbose also the misses):");
            sb.AppendLine();
            sb.Append(failures);
            sb.AppendLine();
        }
    }

    private static string Hits(EvaluationReport report)
    {
        var answerable = report.Results.Where(r => !r.Case.ExpectsNoAnswer).ToList();
        return $"{answerable.Count(r => r.Top1)} / {answerable.Count(r => r.Top3)}";
    }

    private static int Refused(EvaluationReport report) => report.Results.Count(r => r.Case.ExpectsNoAnswer && r.Top1);

    /// <summary>The three sentences nearest the question by cosine, as quotes (dense retrieval alone, never refusing).</summary>
    private static Answer DenseAnswer(CorpusSnapshot snapshot, EvaluationCase c)
    {
        var semantic = snapshot.Semantic!;
        var index = snapshot.Index;
        var quotes = semantic.Nearest(semantic.EmbedQuery(c.Question), 3).Select(n =>
        {
            var sentence = index.Sentences[n.Sentence];
            var article = index.Articles[sentence.ArticleIndex];
            return new Quote(sentence.Sentence.Text, null, n.Cosine, article.SourceFor(sentence.Sentence.Start, sentence.Sentence.End));
        }).ToList();
        return new Answer(c.Question, quotes.Count > 0, "dense", quotes, []);
    }

    private static void Squad(StringBuilder sb, OnnxSentenceEmbedder embedder, string work, int? fold, string? refusalsPath, StreamWriter? dump)
    {
        var (articles, questions) = LoadSquad();
        var index = SentenceIndex.Build(articles);
        var cache = EmbeddingCache.Open(Path.Combine(work, "squad-embeddings"), embedder.ModelId, embedder.Dimensions, NullLogger.Instance);
        var semantic = SemanticIndex.Build(index, embedder, cache);
        cache.Save();
        var asked = questions.Where(q => fold is not { } f || q.Article % 2 == f).ToList();
        var queries = QueryVectors(embedder, Path.Combine(work, "squad-query-embeddings"), asked.Select(q => q.Question).ToList());

        var reasons = new Dictionary<Refusal, (int Count, int RankedRight)>();
        int hits = 0, rankedRight = 0;
        using var refusals = refusalsPath is null ? null : new StreamWriter(refusalsPath);
        for (var i = 0; i < asked.Count; i++)
        {
            var q = asked[i];
            var decision = Answerer.Decide(index, semantic, queries[i], q.Question, Answerer.MaxQuotes);
            if (dump is not null)
            {
                Dump(dump, "squad", q.Question, false, index, semantic, queries[i], (a, text) => a == articles[q.Article].Id && q.Answers.Any(x => text.Contains(x, StringComparison.Ordinal)));
            }

            var top = Answerer.Candidates(index, semantic, queries[i], q.Question, 1);
            var topRight = top.Count > 0 && IsHit(index, q, top[0].Sentence);
            rankedRight += topRight ? 1 : 0;
            if (decision.Quotes.Count > 0)
            {
                var quote = decision.Quotes[0];
                hits += quote.Source.Id == articles[q.Article].Id && q.Answers.Any(a => quote.Text.Contains(a, StringComparison.Ordinal)) ? 1 : 0;
                continue;
            }

            var (count, right) = reasons.GetValueOrDefault(decision.Refusal);
            reasons[decision.Refusal] = (count + 1, right + (topRight ? 1 : 0));
            refusals?.WriteLine(JsonSerializer.Serialize(new
            {
                reason = decision.Refusal.ToString(),
                rankedRight = topRight,
                question = q.Question,
                answer = q.Answers[0],
                top = top.Count > 0 ? index.Sentences[top[0].Sentence].Sentence.Text : null,
                coverage = top.Count > 0 ? Math.Round(top[0].Coverage, 3) : 0,
                cosine = top.Count > 0 ? Math.Round(top[0].Cosine, 3) : 0,
            }));
        }

        var n = (double)asked.Count;
        sb.AppendLine(CultureInfo.InvariantCulture, $"## SQuAD v1.1 dev through Ask ({asked.Count:N0} questions{(fold is { } g ? $", {(g == 0 ? "even" : "odd")} paragraphs" : "")}, hybrid)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Answered R@1 **{hits / n:F4}**; the ranking's top passage holds the answer for {rankedRight / n:F4} (no refusal).");
        sb.AppendLine();
        sb.AppendLine("| refused by | questions | of which the top passage held the answer |");
        sb.AppendLine("|---|---|---|");
        foreach (var (reason, (count, right)) in reasons.OrderByDescending(r => r.Value.Count))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {reason} | {count} | {right} |");
        }

        sb.AppendLine();
    }

    /// <summary>Unanswerable questions with hard negatives: the odd SQuAD paragraphs' questions asked of a corpus of the
    /// even paragraphs alone. Paragraphs of the same Wikipedia article fall on both sides, so the corpus names the
    /// question's people and places and talks about its topic, without the paragraph that answers it (a few questions
    /// are answered by a sibling paragraph: the refusal rate is a lower bound).</summary>
    private static void Negatives(StringBuilder sb, OnnxSentenceEmbedder embedder, string work, StreamWriter? dump)
    {
        var (articles, questions) = LoadSquad();
        var even = articles.Where((_, i) => i % 2 == 0).ToList();
        var index = SentenceIndex.Build(even);
        var cache = EmbeddingCache.Open(Path.Combine(work, "squad-embeddings"), embedder.ModelId, embedder.Dimensions, NullLogger.Instance);
        var semantic = SemanticIndex.Build(index, embedder, cache);
        var asked = questions.Where(q => q.Article % 2 == 1).ToList();
        var queries = QueryVectors(embedder, Path.Combine(work, "squad-query-embeddings"), asked.Select(q => q.Question).ToList());
        var refused = 0;
        var reasons = new Dictionary<Refusal, int>();
        for (var i = 0; i < asked.Count; i++)
        {
            var decision = Answerer.Decide(index, semantic, queries[i], asked[i].Question, Answerer.MaxQuotes);
            refused += decision.Quotes.Count == 0 ? 1 : 0;
            reasons[decision.Refusal] = reasons.GetValueOrDefault(decision.Refusal) + 1;
            if (dump is not null)
            {
                Dump(dump, "squad-neg", asked[i].Question, true, index, semantic, queries[i], (_, _) => false);
            }
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"## Hard negatives: odd SQuAD paragraphs' questions on the even paragraphs alone ({asked.Count:N0} questions)");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Refused {refused:N0} ({refused / (double)asked.Count:P1}); by rule: {string.Join(", ", reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}.");
        sb.AppendLine();
    }

    /// <summary>One JSON line per question: its top candidate passages with the signals the no-answer rule sees, for
    /// calibrating the rule offline.</summary>
    private static void Dump(StreamWriter dump, string set, string question, bool unanswerable, SentenceIndex index, SemanticIndex? semantic,
        QuantizedVector? query, Func<string, string, bool> right)
    {
        var candidates = Answerer.Candidates(index, semantic, query ?? semantic?.EmbedQuery(question), question, Answerer.MaxQuotes, take: 100);
        dump.WriteLine(JsonSerializer.Serialize(new
        {
            set,
            question,
            unanswerable,
            windows = candidates.Select(c =>
            {
                var article = index.Articles[index.Sentences[c.First].ArticleIndex];
                var text = article.Text[index.Sentences[c.First].Sentence.Start..index.Sentences[c.Last].Sentence.End];
                return new { cov = Math.Round(c.Coverage, 4), cos = Math.Round(c.Cosine, 4), fit = c.Fit, wfit = c.WordsFit, form = c.HasForm, nd = c.NameDistance, lex = Math.Round(c.Lexical, 4), late = Math.Round(c.Late, 4), right = right(article.Id, text) };
            }),
        }));
    }

    private static bool IsHit(SentenceIndex index, SquadItem q, int sentence)
    {
        var s = index.Sentences[sentence];
        return s.ArticleIndex == q.Article && q.Answers.Any(a => s.Sentence.Text.Contains(a, StringComparison.Ordinal));
    }

    /// <summary>Question vectors in batches, cached on disk like the sentences' (the questions do not change).</summary>
    internal static QuantizedVector[] QueryVectors(OnnxSentenceEmbedder embedder, string folder, IReadOnlyList<string> questions)
    {
        var cache = EmbeddingCache.Open(folder, embedder.ModelId, embedder.Dimensions, NullLogger.Instance);
        var result = new QuantizedVector[questions.Count];
        var missing = new List<int>();
        for (var i = 0; i < questions.Count; i++)
        {
            if (cache.TryGet(cache.KeyOf(questions[i]), out var v))
            {
                result[i] = v;
            }
            else
            {
                missing.Add(i);
            }
        }

        for (var start = 0; start < missing.Count; start += 256)
        {
            var chunk = missing.GetRange(start, Math.Min(256, missing.Count - start));
            var vectors = embedder.Embed(chunk.Select(i => questions[i]).ToArray(), EmbeddingRole.Query);
            for (var j = 0; j < chunk.Count; j++)
            {
                result[chunk[j]] = QuantizedVectors.Quantize(vectors[j]);
                cache.Add(cache.KeyOf(questions[chunk[j]]), result[chunk[j]]);
            }
        }

        if (missing.Count > 0)
        {
            cache.Save();
        }

        return result;
    }

    internal sealed record SquadItem(string Question, int Article, string[] Answers);

    /// <summary>SQuAD dev with every reference answer; paragraphs become articles in the CLI bench's order.</summary>
    internal static (List<Article> Articles, List<SquadItem> Questions) LoadSquad()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Datasets.SquadJson));
        var articles = new List<Article>();
        var questions = new List<SquadItem>();
        foreach (var topic in doc.RootElement.GetProperty("data").EnumerateArray())
        {
            foreach (var paragraph in topic.GetProperty("paragraphs").EnumerateArray())
            {
                var context = paragraph.GetProperty("context").GetString()!.Replace('\n', ' ');
                var id = $"p{articles.Count:D5}";
                articles.Add(new Article(id, id, context, new ArticleMetadata(null, null, null, null), SentenceSplitter.Split(context, 0, context.Length), DateTimeOffset.UnixEpoch));
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var answers = qa.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray();
                    questions.Add(new SquadItem(string.Join(' ', qa.GetProperty("question").GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), articles.Count - 1, answers));
                }
            }
        }

        return (articles, questions);
    }

    internal static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KazBriefBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (KazBriefBot.sln) was not found above the bench sources.");
    }

    /// <summary>Where the vector caches live: --work DIR, else a folder under the temporary directory.</summary>
    internal static string WorkFolder(string[] args) => ArgAfter(args, "--work") ?? Path.Combine(Path.GetTempPath(), "kazbrief-bench-noanswer");

    private static string Shorten(string text) => text.Length <= 110 ? text : text[..107] + "...";

    private static string? ArgAfter(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
