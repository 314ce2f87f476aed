using KazBriefBot.Embeddings;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Answering;

/// <summary>The seeds with the real MiniLM model (loaded once for all hybrid tests; vectors kept in memory).</summary>
public static class HybridSeeds
{
    private static readonly Lazy<BriefingEngine> LazyEngine = new(() =>
    {
        var embedder = new SemanticOptions().CreateEmbedder()!;
        var engine = new BriefingEngine(new CorpusOptions { Path = TestCorpus.SeedsFolder }, embedder: embedder);
        engine.Load();
        if (!engine.EmbedAsync().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("Embedding the seeds failed: " + engine.SemanticStatus.Error);
        }

        return engine;
    });

    public static BriefingEngine Engine => LazyEngine.Value;

    public static CorpusSnapshot Snapshot => Engine.Current;
}
