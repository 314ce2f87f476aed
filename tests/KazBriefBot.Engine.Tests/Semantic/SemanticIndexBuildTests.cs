using System.Security.Cryptography;
using System.Text;
using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Engine.Tests.Semantic;

public sealed class SemanticIndexBuildTests
{
    /// <summary>Counts what it is asked to embed; every text gets the same unit vector (only the calls matter here).</summary>
    private sealed class CountingEmbedder : ISentenceEmbedder
    {
        public List<string> Embedded { get; } = [];

        public string ModelId => "counting";

        public int Dimensions => 3;

        public float[][] Embed(IReadOnlyList<string> texts, EmbeddingRole role, CancellationToken cancellationToken = default)
        {
            Embedded.AddRange(texts);
            return [.. texts.Select(_ => new[] { 0.6f, 0.8f, 0f })];
        }
    }

    [Fact]
    public void A_sentence_that_recurs_is_embedded_once()
    {
        var folder = TestCorpus.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, "a.txt"), "title: A\n\nThe ministry confirmed the figures. Exports rose in May.\n");
        File.WriteAllText(Path.Combine(folder, "b.txt"), "title: B\n\nThe ministry confirmed the figures. Imports fell in June.\n");
        var snapshot = TestCorpus.Build(folder);
        var embedder = new CountingEmbedder();

        var semantic = SemanticIndex.Build(snapshot.Index, embedder, EmbeddingCache.InMemory(embedder.ModelId, 3));

        Assert.Equal(4, snapshot.SentenceCount);
        Assert.Equal(3, embedder.Embedded.Count);
        Assert.Single(embedder.Embedded, t => t == "The ministry confirmed the figures.");
        Assert.Contains("Exports rose in May.", embedder.Embedded);
        Assert.Contains("Imports fell in June.", embedder.Embedded);
        Assert.Equal(4, semantic.Vectors.Count);
    }

    [Fact]
    public void A_key_is_the_hash_of_the_model_id_and_the_text_as_before()
    {
        // Caches written by earlier versions stay valid: SHA-256 of UTF-8("model id\ntext"), first 16 bytes.
        var text = "Kazakhstan’s trade with the US grew 37.2%.";
        var expected = BitConverter.ToUInt128(SHA256.HashData(Encoding.UTF8.GetBytes("model-a\n" + text)).AsSpan(0, 16));
        var cache = EmbeddingCache.InMemory("model-a", 3);
        Assert.Equal(expected, cache.KeyOf(text));
        Assert.Equal(expected, cache.KeyOf(("xx" + text + "yy").AsSpan(2, text.Length)));
    }
}
