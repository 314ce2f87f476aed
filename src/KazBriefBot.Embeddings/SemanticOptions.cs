namespace KazBriefBot.Embeddings;

/// <summary>The <c>Semantic</c> configuration section: which embedding model, and where its vectors are cached.</summary>
public sealed class SemanticOptions
{
    public const string SectionName = "Semantic";

    /// <summary>False (or <c>--lexical</c>) keeps retrieval lexical and loads no model.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>One of <see cref="EmbeddingModel.All"/> by name.</summary>
    public string Model { get; set; } = EmbeddingModel.MiniLM.Name;

    /// <summary>Folder of the on-disk vector cache (one file per model).</summary>
    public string CachePath { get; set; } = "data/embeddings";

    /// <summary>Threads ONNX Runtime uses per model call; 0 = one per core.</summary>
    public int Threads { get; set; }

    /// <summary>The problems with these options, one line each (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Enabled && EmbeddingModel.Find(Model) is null)
        {
            problems.Add($"Semantic:Model '{Model}' is not a known model; use one of {string.Join(", ", EmbeddingModel.All.Select(m => m.Name))}.");
        }

        if (Enabled && string.IsNullOrWhiteSpace(CachePath))
        {
            problems.Add("Semantic:CachePath must name a folder.");
        }

        if (Threads < 0)
        {
            problems.Add($"Semantic:Threads must be 0 (one per core) or more, not {Threads}.");
        }

        return problems;
    }

    /// <summary>The embedder these options ask for, or null when semantic retrieval is off.</summary>
    public OnnxSentenceEmbedder? CreateEmbedder() =>
        Enabled ? new OnnxSentenceEmbedder(EmbeddingModel.Find(Model) ?? throw new InvalidOperationException(Validate()[0]), Threads) : null;
}
