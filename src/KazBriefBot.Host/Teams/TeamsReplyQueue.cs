using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Teams;

/// <summary>
/// Runs the work behind an acknowledged activity (preparing the answer, posting it with retries) under the host's
/// lifetime and <see cref="TeamsOptions.ReplyTimeout"/>, not under the inbound request, which Azure Bot Service abandons
/// after 10–15 s. Work for one conversation runs in arrival order, so replies keep the order of the questions.
/// On shutdown pending work is given until the host's shutdown timeout to finish, then cancelled.
/// </summary>
public sealed partial class TeamsReplyQueue(IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsReplyQueue> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _timeout = options.Value.ReplyTimeout;
    private int _disposed;

    /// <summary>How many work items are queued or running.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _tails.Count;
            }
        }
    }

    /// <summary>Queues work for a conversation; it starts after earlier work of the same conversation and never on the caller's thread.</summary>
    public void Enqueue(string conversationKey, Func<CancellationToken, Task> work)
    {
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(conversationKey) ?? Task.CompletedTask;
            Task next = null!;
            next = RunAsync(previous, work, () =>
            {
                lock (_gate)
                {
                    if (_tails.TryGetValue(conversationKey, out var tail) && ReferenceEquals(tail, next))
                    {
                        _tails.Remove(conversationKey);
                    }
                }
            });
            _tails[conversationKey] = next;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _tails.Values];
        }

        if (pending.Length == 0)
        {
            return;
        }

        LogDraining(logger, pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout is over: cancel what is left (logged by each item).
            await _stopping.CancelAsync();
        }
    }

    public void Dispose()
    {
        // Registered both as a singleton and as a hosted service: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task RunAsync(Task previous, Func<CancellationToken, Task> work, Action done)
    {
        try
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
            using var timeout = new CancellationTokenSource(_timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
            try
            {
                await work(linked.Token);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                LogCancelled(logger, _stopping.IsCancellationRequested ? "the host stopped" : $"it took longer than {_timeout}");
            }
#pragma warning disable CA1031 // Background work must never take the process down; the failure is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
        finally
        {
            done();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: waiting for {Count} conversation(s) with replies still being prepared or sent")]
    private static partial void LogDraining(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: a reply was abandoned because {Reason}")]
    private static partial void LogCancelled(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: preparing or sending a reply failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
