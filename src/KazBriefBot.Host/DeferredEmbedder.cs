using KazBriefBot.Embeddings;
using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Host;

/// <summary>The configured embedding model, handed to the engine at once but loaded later by <see cref="SemanticIndexer"/>:
/// loading takes a second or more, and the host must listen and answer lexically without waiting for it.</summary>
/// <remarks>Nothing reads the model before it is loaded: the engine only uses it inside EmbedAsync (which the indexer calls
/// after <see cref="Load"/>) and in its semantic status (which the host reads through <see cref="SemanticIndexer.Status"/>).</remarks>
public sealed class DeferredEmbedder(SemanticOptions options, TimeProvider time, ILogger<DeferredEmbedder> logger) : ISentenceEmbedder, IDisposable
{
    private readonly Lock _lock = new();
    private OnnxSentenceEmbedder? _model;
    private string? _loadError;
    private bool _disposed;

    /// <summary>The configured model name (Semantic:Model), known before the model is loaded.</summary>
    public string ModelName => options.Model;

    public bool IsLoaded => Volatile.Read(ref _model) is not null;

    /// <summary>Why the model could not be loaded, or null.</summary>
    public string? LoadError => Volatile.Read(ref _loadError);

    public string ModelId => Model.ModelId;

    public int Dimensions => Model.Dimensions;

    private OnnxSentenceEmbedder Model =>
        Volatile.Read(ref _model) ?? throw new InvalidOperationException("The embedding model is not loaded yet.");

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingRole role, CancellationToken cancellationToken = default) =>
        Model.Embed(texts, role, cancellationToken);

    public float[][][]? EmbedTokens(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Model.EmbedTokens(texts, cancellationToken);

    /// <summary>Loads the model once; false when it cannot be loaded (logged, not retried: answers stay lexical) or the host
    /// is stopping.</summary>
    public bool Load()
    {
        lock (_lock)
        {
            if (_disposed || _model is not null || _loadError is not null)
            {
                // Disposed: the host is stopping, nothing to embed for.
                return !_disposed && _model is not null;
            }

            var started = time.GetTimestamp();
            try
            {
                // Semantic:Model was validated at start, so a failure here is the runtime or the package, not the name.
                var model = options.CreateEmbedder() ?? throw new InvalidOperationException("Semantic retrieval is off.");
                Volatile.Write(ref _model, model);
                logger.LogInformation("Embedding model {Model} loaded in {Elapsed:0} ms", model.ModelId, time.GetElapsedTime(started).TotalMilliseconds);
                return true;
            }
#pragma warning disable CA1031 // A model that cannot load must not take lexical answers down.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _loadError, ex.Message);
                logger.LogError(ex, "Cannot load the embedding model {Model}; answers stay lexical", options.Model);
                return false;
            }
        }
    }

    public void Dispose()
    {
        // Under the lock, so a load in progress finishes before the model is disposed.
        lock (_lock)
        {
            _disposed = true;
            _model?.Dispose();
        }
    }
}
