using KazBriefBot.Engine.Semantic;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazBriefBot.Engine.Tests.Semantic;

public sealed class EmbeddingCacheTests
{
    private static readonly QuantizedVector Vector = QuantizedVectors.Quantize([0.6f, 0.8f, 0f]);

    [Fact]
    public void Vectors_survive_a_save_and_a_reopen()
    {
        var folder = TestCorpus.NewTempFolder();
        var cache = EmbeddingCache.Open(folder, "model-a", 3, NullLogger.Instance);
        var key = cache.KeyOf("The US invested $6 billion.");
        cache.Add(key, Vector);
        cache.Save();

        var reopened = EmbeddingCache.Open(folder, "model-a", 3, NullLogger.Instance);
        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.TryGet(reopened.KeyOf("The US invested $6 billion."), out var back));
        Assert.Equal(Vector.Values, back.Values);
        Assert.Equal(Vector.Scale, back.Scale);
        Assert.False(reopened.TryGet(reopened.KeyOf("Another sentence."), out _));
    }

    [Fact]
    public void The_key_depends_on_the_model_as_well_as_the_text()
    {
        var a = EmbeddingCache.InMemory("model-a", 3);
        var b = EmbeddingCache.InMemory("model-b", 3);
        Assert.Equal(a.KeyOf("same text"), a.KeyOf("same text"));
        Assert.NotEqual(a.KeyOf("same text"), b.KeyOf("same text"));
        Assert.NotEqual(a.KeyOf("same text"), a.KeyOf("same text."));
    }

    [Fact]
    public void A_corrupt_file_is_ignored_and_rebuilt()
    {
        var folder = TestCorpus.NewTempFolder();
        var file = EmbeddingCache.FileFor(folder, "model-a");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var cache = EmbeddingCache.Open(folder, "model-a", 3, NullLogger.Instance);
        Assert.Equal(0, cache.Count);
        cache.Add(cache.KeyOf("x"), Vector);
        cache.Save();
        Assert.Equal(1, EmbeddingCache.Open(folder, "model-a", 3, NullLogger.Instance).Count);
    }

    [Fact]
    public void A_file_written_for_other_dimensions_is_not_trusted()
    {
        var folder = TestCorpus.NewTempFolder();
        var cache = EmbeddingCache.Open(folder, "model-a", 3, NullLogger.Instance);
        cache.Add(cache.KeyOf("x"), Vector);
        cache.Save();

        // Same file name (same model id) but another vector size: a foreign file, read as empty.
        Assert.Equal(0, EmbeddingCache.Open(folder, "model-a", 4, NullLogger.Instance).Count);
    }

    [Fact]
    public void A_truncated_file_is_ignored()
    {
        var folder = TestCorpus.NewTempFolder();
        var cache = EmbeddingCache.Open(folder, "model-a", 3, NullLogger.Instance);
        cache.Add(cache.KeyOf("x"), Vector);
        cache.Add(cache.KeyOf("y"), Vector);
        cache.Save();
        var file = EmbeddingCache.FileFor(folder, "model-a");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^5]);

        Assert.Equal(0, EmbeddingCache.Open(folder, "model-a", 3, NullLogger.Instance).Count);
    }
}
