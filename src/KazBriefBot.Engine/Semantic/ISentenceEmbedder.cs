namespace KazBriefBot.Engine.Semantic;

/// <summary>Whether a text is a question (some models expect a query prefix) or a corpus sentence.</summary>
public enum EmbeddingRole
{
    Query,
    Passage,
}

/// <summary>The engine's one seam to a sentence-embedding model: text in, unit-length vectors out. The engine stays a
/// plain library; the ONNX model lives in KazBriefBot.Embeddings.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Names the model, its pooling and its input handling; part of every cache key, so a change of any of
    /// them never reuses vectors made by another.</summary>
    string ModelId { get; }

    int Dimensions { get; }

    /// <summary>One L2-normalised vector per text, in order.</summary>
    float[][] Embed(IReadOnlyList<string> texts, EmbeddingRole role, CancellationToken cancellationToken = default);

    /// <summary>Per text, one L2-normalised contextual vector per word-piece (the late-interaction reranker's input), or
    /// null when the model does not give them (answers are then ranked without the reranker).</summary>
    float[][][]? EmbedTokens(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => null;
}
