using KazBriefBot.Engine.Indexing;

namespace KazBriefBot.Engine.Semantic;

/// <summary>One quantized vector per sentence of a <see cref="SentenceIndex"/> (same order), and the embedder that makes
/// query vectors in the same space. Immutable; shared across threads.</summary>
public sealed class SemanticIndex
{
    /// <summary>Sentences embedded per model call while building: progress is reported between chunks.</summary>
    public const int ChunkSize = 256;

    private SemanticIndex(ISentenceEmbedder embedder, QuantizedVectors vectors, int computed)
    {
        Embedder = embedder;
        Vectors = vectors;
        Computed = computed;
    }

    public ISentenceEmbedder Embedder { get; }

    public QuantizedVectors Vectors { get; }

    public string ModelId => Embedder.ModelId;

    /// <summary>How many sentence vectors this build computed (the rest came from the cache).</summary>
    public int Computed { get; }

    /// <summary>Embeds every sentence of the index, taking what the cache holds and adding what it computes.</summary>
    public static SemanticIndex Build(SentenceIndex index, ISentenceEmbedder embedder, EmbeddingCache cache,
        IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(cache);
        var total = index.Sentences.Count;
        var rows = new QuantizedVector[total];
        var keys = new UInt128[total];
        var missing = new List<int>();

        // A text that recurs (a copied article, boilerplate) is embedded once; the sentences' strings are made only for
        // the texts embedded, not kept for every sentence.
        var firstWithKey = new Dictionary<UInt128, int>();
        var repeats = new List<(int Sentence, int First)>();
        for (var s = 0; s < total; s++)
        {
            keys[s] = cache.KeyOf(PassageSpan(index, s));
            if (cache.TryGet(keys[s], out var cached))
            {
                rows[s] = cached;
            }
            else if (firstWithKey.TryGetValue(keys[s], out var first))
            {
                repeats.Add((s, first));
            }
            else
            {
                firstWithKey[keys[s]] = s;
                missing.Add(s);
            }
        }

        var done = total - missing.Count;
        progress?.Report(new EmbeddingProgress(done, total));
        for (var start = 0; start < missing.Count; start += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = missing.GetRange(start, Math.Min(ChunkSize, missing.Count - start));
            var vectors = embedder.Embed(chunk.Select(s => PassageSpan(index, s).ToString()).ToArray(), EmbeddingRole.Passage, cancellationToken);
            for (var i = 0; i < chunk.Count; i++)
            {
                var q = QuantizedVectors.Quantize(vectors[i]);
                rows[chunk[i]] = q;
                cache.Add(keys[chunk[i]], q);
            }

            done += chunk.Count;
            progress?.Report(new EmbeddingProgress(done, total));
        }

        foreach (var (sentence, first) in repeats)
        {
            rows[sentence] = rows[first];
        }

        return new SemanticIndex(embedder, QuantizedVectors.FromRows(embedder.Dimensions, rows), missing.Count);
    }

    /// <summary>What is embedded for a sentence: the sentence alone (with the headline or the previous sentence in
    /// front it ranked worse on the paraphrase set; docs/answering.md).</summary>
    private static ReadOnlySpan<char> PassageSpan(SentenceIndex index, int sentence) => index.Sentences[sentence].Sentence.Span;

    /// <summary>The question's vector, quantized like the sentences'.</summary>
    public QuantizedVector EmbedQuery(string question) =>
        QuantizedVectors.Quantize(Embedder.Embed([question], EmbeddingRole.Query)[0]);

    /// <summary>Late interaction (BERTScore recall): for each sentence, the mean over the question's word-pieces of the
    /// best cosine with one of the sentence's word-pieces, from the model's contextual token vectors; null when the model
    /// gives none. Reads word for word where the sentence vector averages: "envoy" finds "ambassador" inside a long
    /// sentence whose average is about something else.</summary>
    public double[]? LateInteraction(string question, IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sentences);
        var tokens = Embedder.EmbedTokens([question, .. sentences]);
        if (tokens is null || tokens.Length != sentences.Count + 1)
        {
            return null;
        }

        var q = tokens[0];
        var result = new double[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var total = 0.0;
            foreach (var qt in q)
            {
                var best = -1f;
                foreach (var st in tokens[i + 1])
                {
                    best = Math.Max(best, Dot(qt, st));
                }

                total += best;
            }

            result[i] = q.Length > 0 ? total / q.Length : 0;
        }

        return result;
    }

    private static float Dot(float[] a, float[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var sum = 0f;
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var acc = System.Numerics.Vector<float>.Zero;
            var width = System.Numerics.Vector<float>.Count;
            for (; i <= n - width; i += width)
            {
                acc += new System.Numerics.Vector<float>(a, i) * new System.Numerics.Vector<float>(b, i);
            }

            sum = System.Numerics.Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>The k sentences nearest the query (cosine), best first; ties by sentence number.</summary>
    public IReadOnlyList<(int Sentence, double Cosine)> Nearest(QuantizedVector query, int k)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = Vectors.DotAll(query);
        var heap = new PriorityQueue<int, (float Score, int NegSentence)>(k + 1);
        for (var s = 0; s < all.Length; s++)
        {
            if (heap.Count < k)
            {
                heap.Enqueue(s, (all[s], -s));
            }
            else if (heap.TryPeek(out _, out var lowest) && (all[s] > lowest.Score || (all[s] == lowest.Score && -s > lowest.NegSentence)))
            {
                heap.EnqueueDequeue(s, (all[s], -s));
            }
        }

        var result = new (int, double)[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var s, out var key);
            result[i] = (s, key.Score);
        }

        return result;
    }
}

/// <summary>Sentences embedded so far out of all sentences of the snapshot.</summary>
public readonly record struct EmbeddingProgress(int Done, int Total);

/// <summary>Where the semantic part of retrieval stands for the current snapshot.</summary>
public enum SemanticState
{
    /// <summary>Turned off (<c>--lexical</c>, or no model configured): answers are lexical.</summary>
    Off,

    /// <summary>Sentences are being embedded; answers are lexical until they are done.</summary>
    Building,

    /// <summary>Answers use lexical and semantic retrieval.</summary>
    Ready,

    /// <summary>Embedding failed (the reason is logged); answers stay lexical.</summary>
    Failed,
}

/// <summary>The semantic state with progress and the model in use.</summary>
public sealed record SemanticStatus(SemanticState State, string? ModelId, int Embedded, int Total, string? Error)
{
    /// <summary>"hybrid" when semantic retrieval is in use, else "lexical".</summary>
    public string Retrieval => State == SemanticState.Ready ? "hybrid" : "lexical";
}
