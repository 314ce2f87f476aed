using System.Globalization;
using System.Numerics.Tensors;
using KazBriefBot.Embeddings;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Bench;

/// <summary>"rerank": does a late-interaction score (each question word-piece's best cosine with the sentence's
/// word-pieces, BERTScore recall, from MiniLM's token vectors) reorder the hybrid top 20 better? Ranking top-1 only
/// (no refusal), on paraphrase-dev and a sample of SQuAD dev's even paragraphs.</summary>
public static class RerankExperiment
{
    // "rerank [--take N] [--sample N] [--work DIR]".

    public static int Run(string[] args, TextWriter output)
    {
        using var embedder = new OnnxSentenceEmbedder(EmbeddingModel.MiniLM);
        var take = args.Contains("--take") ? int.Parse(args[Array.IndexOf(args, "--take") + 1], CultureInfo.InvariantCulture) : 20;
        var root = NoAnswerReport.RepoRoot();
        var work = NoAnswerReport.WorkFolder(args);
        var options = new CorpusOptions { Path = Path.Combine(root, "seeds") };
        using var engine = new BriefingEngine(options, embedder: embedder, embeddingCacheFolder: Path.Combine(work, "seeds-embeddings"));
        engine.Load();
        engine.EmbedAsync().GetAwaiter().GetResult();
        var snapshot = engine.Current;
        var cases = EvaluationCase.Parse(File.ReadAllLines(Path.Combine(root, "tests", "KazBriefBot.Engine.Tests", "Answering", "paraphrase-dev.tsv")))
            .Where(c => !c.ExpectsNoAnswer).ToList();
        var weights = new[] { 0.0, 1.0, 2.0, 3.0, 4.0, 5.0 };
        var hits = new int[weights.Length];
        foreach (var c in cases)
        {
            var candidates = Answerer.Candidates(snapshot.Index, snapshot.Semantic, snapshot.Semantic!.EmbedQuery(c.Question), c.Question, Answerer.MaxQuotes, take: take, weights: Answerer.DefaultHybrid with { RerankDepth = 0 }).ToList();
            var texts = candidates.Select(k => snapshot.Index.Sentences[k.Sentence].Sentence.Text).ToList();
            var scores = MaxSim(embedder, c.Question, texts);
            for (var w = 0; w < weights.Length; w++)
            {
                var best = Enumerable.Range(0, candidates.Count).OrderByDescending(i => candidates[i].Score + (weights[w] * scores[i])).FirstOrDefault(-1);
                if (best >= 0 && c.Articles.Any(a => candidates[best].ArticleId.StartsWith(a, StringComparison.OrdinalIgnoreCase))
                    && c.Phrases.Any(p => texts[best].Contains(p, StringComparison.Ordinal)))
                {
                    hits[w]++;
                }
            }
        }

        for (var w = 0; w < weights.Length; w++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paraphrase-dev weight {weights[w]}: ranking top-1 {hits[w]}/{cases.Count}"));
        }

        Squad(embedder, work, take, weights, output, args.Contains("--sample") ? int.Parse(args[Array.IndexOf(args, "--sample") + 1], CultureInfo.InvariantCulture) : 400);
        return 0;
    }

    private static void Squad(OnnxSentenceEmbedder embedder, string work, int take, double[] weights, TextWriter output, int sample)
    {
        var (articles, questions) = NoAnswerReport.LoadSquad();
        var index = Engine.Indexing.SentenceIndex.Build(articles);
        var cache = EmbeddingCache.Open(Path.Combine(work, "squad-embeddings"), embedder.ModelId, embedder.Dimensions, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var semantic = SemanticIndex.Build(index, embedder, cache);
        // Every k-th question of the even paragraphs.
        var even = questions.Where(q => q.Article % 2 == 0).ToList();
        var asked = even.Where((q, i) => i % Math.Max(1, even.Count / sample) == 0).Take(sample).ToList();
        var vectors = NoAnswerReport.QueryVectors(embedder, Path.Combine(work, "squad-query-embeddings"), asked.Select(q => q.Question).ToList());
        var hits = new int[weights.Length];
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var n = 0; n < asked.Count; n++)
        {
            var q = asked[n];
            var candidates = Answerer.Candidates(index, semantic, vectors[n], q.Question, Answerer.MaxQuotes, take: take, weights: Answerer.DefaultHybrid with { RerankDepth = 0 }).ToList();
            var texts = candidates.Select(k => index.Sentences[k.Sentence].Sentence.Text).ToList();
            var scores = MaxSim(embedder, q.Question, texts);
            for (var w = 0; w < weights.Length; w++)
            {
                var best = Enumerable.Range(0, candidates.Count).OrderByDescending(i => candidates[i].Score + (weights[w] * scores[i])).FirstOrDefault(-1);
                if (best >= 0 && index.Sentences[candidates[best].Sentence].ArticleIndex == q.Article && q.Answers.Any(a => texts[best].Contains(a, StringComparison.Ordinal)))
                {
                    hits[w]++;
                }
            }
        }

        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / Math.Max(1, asked.Count);
        for (var w = 0; w < weights.Length; w++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SQuAD even sample weight {weights[w]}: ranking top-1 {hits[w]}/{asked.Count}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms:F0} ms per question for the token vectors of the question and 20 sentences"));
    }

    /// <summary>BERTScore recall: mean over the question's word-pieces of the best cosine with any of the sentence's
    /// (as SemanticIndex.LateInteraction).</summary>
    private static double[] MaxSim(OnnxSentenceEmbedder embedder, string question, IReadOnlyList<string> sentences)
    {
        var all = embedder.EmbedTokens([question, .. sentences]);
        var q = all[0];
        var s = all[1..];
        var result = new double[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var total = 0.0;
            foreach (var qt in q)
            {
                var best = -1.0;
                foreach (var st in s[i])
                {
                    best = Math.Max(best, TensorPrimitives.Dot<float>(qt, st));
                }

                total += best;
            }

            result[i] = q.Length > 0 ? total / q.Length : 0;
        }

        return result;
    }
}
