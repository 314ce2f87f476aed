using System.Globalization;
using System.Threading.Channels;
using KazBriefBot.Host.Storage;
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

    /// <summary>Names this host's leases on journaled work (<see cref="SlackWorkJournal"/>).</summary>
    public string Owner { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

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

/// <summary>
/// Takes over acknowledged Slack work whose host stopped before finishing it (killed, or shut down mid-work): every
/// Slack:WorkRecoveryInterval it claims journal rows whose lease ran out and queues them here. Their answers are posted
/// under the same delivery keys, so parts the first host already posted are not posted again.
/// </summary>
public sealed partial class SlackWorkRecovery(
    SlackWorkJournal journal,
    SlackWorkQueue queue,
    SlackEndpoints endpoints,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackWorkRecovery> logger) : BackgroundService
{
    private const int ClaimBatch = 8;

    /// <summary>One pass: claims abandoned rows and queues them; returns how many were taken over.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var jobs = await journal.ClaimAbandonedAsync(queue.Owner, options.Value.WorkLease, ClaimBatch, cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            if (!endpoints.TryResume(job))
            {
                // The local queue is full (or closing): hand the row back for the next pass or another host.
                await journal.ReleaseAsync(job.Id, queue.Owner, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return jobs.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.WorkRecoveryInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be briefly unreachable; the next pass tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, ex);
                try
                {
                    await Task.Delay(options.Value.WorkRecoveryInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for abandoned Slack work failed; retrying at the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
