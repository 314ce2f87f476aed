using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>Work acknowledged to Slack and finished in the background (events, deferred slash answers, button clicks).</summary>
public sealed record SlackWorkItem(string Description, Func<CancellationToken, Task> Work);

/// <summary>A bounded queue between the Slack endpoints (which must answer within 3 seconds) and <see cref="SlackWorker"/>.</summary>
public sealed class SlackWorkQueue(IOptions<SlackOptions> options)
{
    private readonly Channel<SlackWorkItem> _channel = Channel.CreateBounded<SlackWorkItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    /// <summary>Queues the work; false when the queue is full or shutting down (the caller asks Slack to retry).</summary>
    public bool TryEnqueue(SlackWorkItem item) => _channel.Writer.TryWrite(item);

    /// <summary>Accepts no more work; what is queued is still handed out.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    internal ChannelReader<SlackWorkItem> Reader => _channel.Reader;
}

/// <summary>Runs queued Slack work with a few parallel consumers; a failing item is logged and never stops the others.
/// At shutdown it stops taking work and finishes what was acknowledged, for up to Slack:ShutdownDrainTimeout.</summary>
public sealed partial class SlackWorker(SlackWorkQueue queue, IOptions<SlackOptions> options, ILogger<SlackWorker> logger) : BackgroundService
{
    private readonly CancellationTokenSource _hardStop = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            await Task.WhenAny(running, Task.Delay(options.Value.ShutdownDrainTimeout, cancellationToken)).ConfigureAwait(false);
        }

        await _hardStop.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _hardStop.Dispose();
        base.Dispose();
    }

    // The host's stopping token is not used: StopAsync completes the queue first, so the consumers drain it and end.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => ConsumeAsync(_hardStop.Token), CancellationToken.None)));

    private async Task ConsumeAsync(CancellationToken hardStop)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(hardStop).ConfigureAwait(false))
            {
                try
                {
                    await item.Work(hardStop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
                {
                    LogAbandoned(logger, item.Description);
                    return;
                }
#pragma warning disable CA1031 // One failing Slack item must not stop the worker; it is logged with its description.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogFailed(logger, ex, item.Description);
                }
            }
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            LogAbandoned(logger, "queued items left at shutdown");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed: {Description}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack work abandoned at shutdown: {Description}")]
    private static partial void LogAbandoned(ILogger logger, string description);
}

/// <summary>Remembers Events API event ids for a while so that Slack's retries of one event are handled once.</summary>
public sealed class SlackEventDeduplicator(TimeProvider time, IOptions<SlackOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>True the first time an event id is seen within the window; false for a retry of it.</summary>
    public bool TryBegin(string eventId)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _sinceSweep) >= 256)
        {
            Interlocked.Exchange(ref _sinceSweep, 0);
            Sweep(now);
        }

        var expires = now + options.Value.EventDedupeWindow;
        while (true)
        {
            if (_seen.TryAdd(eventId, expires))
            {
                return true;
            }

            if (!_seen.TryGetValue(eventId, out var existing))
            {
                continue;
            }

            if (existing > now)
            {
                return false;
            }

            if (_seen.TryUpdate(eventId, expires, existing))
            {
                return true;
            }
        }
    }

    /// <summary>Forgets an id whose event could not be queued, so that Slack's retry is handled.</summary>
    public void Forget(string eventId) => _seen.TryRemove(eventId, out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (id, expires) in _seen)
        {
            if (expires <= now)
            {
                _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, expires));
            }
        }
    }
}
