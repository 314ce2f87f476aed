using System.Threading.Channels;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Host;

/// <summary>Turns answers hybrid in the background: once the server listens it loads the model and embeds the corpus
/// sentences, and it embeds again after every successful reload (a reloaded snapshot is lexical until then; the vector
/// cache makes that cheap).</summary>
/// <remarks>Answers never wait for it: the engine answers lexically until it swaps in the embedded snapshot.</remarks>
public sealed class SemanticIndexer(
    BriefingEngine engine,
    DeferredEmbedder? embedder,
    IHostApplicationLifetime lifetime,
    ILogger<SemanticIndexer> logger) : BackgroundService
{
    // One pending request is enough: the engine embeds whatever snapshot is current when it runs.
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Where semantic retrieval stands: the engine's status, or "building" ("failed") while the model is still
    /// loading (could not be loaded), with the configured model name.</summary>
    public SemanticStatus Status
    {
        get
        {
            if (embedder is null || embedder.IsLoaded)
            {
                return engine.SemanticStatus;
            }

            var total = engine.IsLoaded ? engine.Current.SentenceCount : 0;
            return embedder.LoadError is { } error
                ? new SemanticStatus(SemanticState.Failed, embedder.ModelName, 0, total, error)
                : new SemanticStatus(SemanticState.Building, embedder.ModelName, 0, total, null);
        }
    }

    /// <summary>Asks for the current snapshot to be embedded; called by <see cref="CorpusWatcher"/> after each load.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _requests.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (embedder is null)
        {
            return;
        }

        // Stop embedding as soon as shutdown begins, not only once the server has drained its requests.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var token = stopping.Token;
        try
        {
            // The model load and the embedding take every core: let the start finish first.
            await WaitForStartedAsync(token);
            if (!await Task.Run(embedder.Load, token))
            {
                return;
            }

            while (await _requests.Reader.WaitToReadAsync(token))
            {
                _requests.Reader.TryRead(out _);
                await EmbedAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task EmbedAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The engine logs a model failure itself and keeps answering lexically; the next reload tries again.
            await engine.EmbedAsync(progress: null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever goes wrong, lexical answers and later reloads must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Embedding the corpus failed; answers stay lexical");
        }
    }

    private async Task WaitForStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }
    }
}
