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
        for (var s = 0; s < total; s++)
        {
            keys[s] = cache.KeyOf(PassageText(index, s));
            if (cache.TryGet(keys[s], out var cached))
            {
                rows[s] = cached;
            }
            else
            {
                missing.Add(s);
            }
        }

        var done = total - missing.Count;
        progress?.Report(new EmbeddingProgress(done, total));
        for (var start = 0; start < missing.Count; start += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = missing.GetRange(start, Math.Min(ChunkSize, missing.Count - start));
            var vectors = embedder.Embed(chunk.Select(s => PassageText(index, s)).ToArray(), EmbeddingRole.Passage, cancellationToken);
            for (var i = 0; i < chunk.Count; i++)
            {
                var q = QuantizedVectors.Quantize(vectors[i]);
                rows[chunk[i]] = q;
                cache.Add(keys[chunk[i]], q);
            }

            done += chunk.Count;
            progress?.Report(new EmbeddingProgress(done, total));
        }

        return new SemanticIndex(embedder, QuantizedVectors.FromRows(embedder.Dimensions, rows), missing.Count);
    }

    /// <summary>What is embedded for a sentence: the sentence alone (with the headline or the previous sentence in
    /// front it ranked worse on the paraphrase set; docs/answering.md).</summary>
    internal static string PassageText(SentenceIndex index, int sentence) => index.Sentences[sentence].Sentence.Text;

    /// <summary>The question's vector, quantized like the sentences'.</summary>
    public QuantizedVector EmbedQuery(string question) =>
        QuantizedVectors.Quantize(Embedder.Embed([question], EmbeddingRole.Query)[0]);

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
