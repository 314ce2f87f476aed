using System.Globalization;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Storage;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Scheduling;

/// <summary>
/// Posts each subscription's daily digest once. Every pass: record the (subscription, day) rows now owed (or skipped when
/// missed beyond the grace period), then for each open row claim it atomically in the ledger, post it through the channel's
/// <see cref="IChannelPoster"/>, and record the outcome (delivered, retry later with back-off, failed, blocked → paused).
/// Several instances over one database, or a restarted one, never post the same day twice except in the window described
/// on <see cref="DeliveryLedger.TryClaimAsync"/>: a process that dies after the channel accepted a post but before the
/// ledger says so is retried once its lease runs out (at-least-once towards the remote side).
/// </summary>
public sealed partial class DigestScheduler : BackgroundService
{
    private readonly SubscriptionStore _subscriptions;
    private readonly DeliveryLedger _ledger;
    private readonly DigestComposer _composer;
    private readonly IReadOnlyDictionary<string, IChannelPoster> _posters;
    private readonly TimeProvider _time;
    private readonly SchedulingOptions _options;
    private readonly ILogger<DigestScheduler> _logger;

    public DigestScheduler(
        SubscriptionStore subscriptions,
        DeliveryLedger ledger,
        DigestComposer composer,
        IEnumerable<IChannelPoster> posters,
        TimeProvider time,
        IOptions<SchedulingOptions> options,
        ILogger<DigestScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(posters);
        ArgumentNullException.ThrowIfNull(options);
        _subscriptions = subscriptions;
        _ledger = ledger;
        _composer = composer;
        _posters = posters.GroupBy(p => p.Channel, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Identifies this instance's claims in the ledger.</summary>
    public string InstanceId { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <summary>Exponential back-off before attempt <paramref name="failedAttempts"/> + 1, at least the channel's Retry-After.</summary>
    public static TimeSpan RetryDelay(int failedAttempts, TimeSpan? retryAfter, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var backoff = TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, options.RetryBaseDelay.Ticks * (1L << Math.Min(exponent, 20))));
        return retryAfter is { } after && after > backoff ? after : backoff;
    }

    /// <summary>One pass over subscriptions and open ledger rows; returns when the next pass is worth running.</summary>
    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var poll = now + _options.PollInterval;
        if (!_composer.IsReady)
        {
            LogCorpusNotReady(_logger);
            return poll;
        }

        var subscriptions = (await _subscriptions.ListActiveAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Id);
        var wake = poll;
        foreach (var subscription in subscriptions.Values.Where(s => !s.Paused))
        {
            if (!TimeZones.TryFind(subscription.TimeZoneId, out var zone))
            {
                LogUnknownZone(_logger, subscription.Id, subscription.TimeZoneId);
                continue;
            }

            await RecordOwedAsync(subscription, zone, now, cancellationToken).ConfigureAwait(false);
            var next = DueTimes.NextDue(subscription.LocalTime, zone, now).DueAt;
            wake = next < wake ? next : wake;
        }

        foreach (var row in await _ledger.ListOpenAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!subscriptions.TryGetValue(row.SubscriptionId, out var subscription) || subscription.Paused)
            {
                continue; // Unsubscribed or paused: the row waits (and expires) rather than posting.
            }

            var retryAt = await ProcessAsync(subscription, row, now, cancellationToken).ConfigureAwait(false);
            wake = retryAt is { } at && at < wake ? at : wake;
        }

        return wake;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            LogDisabled(_logger);
            return;
        }

        LogStarted(_logger, InstanceId);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = _time.GetUtcNow() + _options.PollInterval;
            try
            {
                wake = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The scheduler must outlive a failed pass (a locked or briefly unreadable database); it logs and tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPassFailed(_logger, ex);
            }

            var delay = wake - _time.GetUtcNow();
            delay = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay > _options.PollInterval ? _options.PollInterval : delay;
            try
            {
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RecordOwedAsync(Subscription subscription, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Look back a week at most: older misses are neither sent nor recorded.
        var from = subscription.ActiveFrom > now.AddDays(-DigestComposer.MaxLookbackDays) ? subscription.ActiveFrom : now.AddDays(-DigestComposer.MaxLookbackDays);
        foreach (var (day, dueAt) in DueTimes.DueBetween(subscription.LocalTime, zone, from, now))
        {
            if (now - dueAt <= _options.GracePeriod)
            {
                await _ledger.RecordDueAsync(subscription.Id, day, dueAt, cancellationToken).ConfigureAwait(false);
            }
            else if (await _ledger.RecordSkippedAsync(subscription.Id, day, dueAt, SkipReason(dueAt, zone), cancellationToken).ConfigureAwait(false))
            {
                LogSkipped(_logger, subscription.Id, day, _options.GracePeriod);
            }
        }
    }

    /// <summary>Handles one open row; returns when it next wants attention (its retry time or lease end), if ever.</summary>
    private async Task<DateTimeOffset?> ProcessAsync(Subscription subscription, Delivery row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Status == DeliveryStatus.Sending && row.LeaseUntil > now)
        {
            return row.LeaseUntil; // Another instance (or an earlier pass) holds it.
        }

        if (now >= row.DueAt.AddDays(1))
        {
            // The next digest is due by now: this one is stale, and the next one covers its articles.
            var reason = $"expired: not delivered within a day of {row.DueAt:yyyy-MM-dd HH:mm} UTC (last error: {row.LastError ?? "none"})";
            if (await _ledger.CloseUnclaimedAsync(row.Id, DeliveryStatus.Failed, reason, cancellationToken).ConfigureAwait(false))
            {
                LogGaveUp(_logger, subscription.Id, row.LocalDay, reason);
            }

            return null;
        }

        if (row.Status == DeliveryStatus.Pending && row.Attempts == 0 && now - row.DueAt > _options.GracePeriod)
        {
            if (await _ledger.CloseUnclaimedAsync(row.Id, DeliveryStatus.Skipped, "missed: recorded but not attempted within the grace period", cancellationToken).ConfigureAwait(false))
            {
                LogSkipped(_logger, subscription.Id, row.LocalDay, _options.GracePeriod);
            }

            return null;
        }

        if (row.Status == DeliveryStatus.Sending && row.Attempts >= _options.MaxAttempts)
        {
            var reason = $"gave up: the last of {row.Attempts} attempts never confirmed (process stopped while posting)";
            if (await _ledger.CloseUnclaimedAsync(row.Id, DeliveryStatus.Failed, reason, cancellationToken).ConfigureAwait(false))
            {
                LogGaveUp(_logger, subscription.Id, row.LocalDay, reason);
            }

            return null;
        }

        if (row.Status == DeliveryStatus.Pending && row.NextAttemptAt > now)
        {
            return row.NextAttemptAt;
        }

        var claimed = await _ledger.TryClaimAsync(row.Id, InstanceId, _options.LeaseTimeout, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return null; // Someone else won the claim.
        }

        if (row.Status == DeliveryStatus.Sending)
        {
            LogReclaimed(_logger, subscription.Id, row.LocalDay, row.LeaseOwner);
        }

        return await DeliverAsync(subscription, claimed, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DateTimeOffset?> DeliverAsync(Subscription subscription, Delivery claimed, CancellationToken cancellationToken)
    {
        var conversation = subscription.Conversation;
        IReadOnlyList<string> articleIds = [];
        DeliveryResult result;
        if (!_posters.TryGetValue(conversation.Channel, out var poster))
        {
            result = new DeliveryResult(DeliveryOutcome.RetryLater, $"no poster is registered for channel '{conversation.Channel}'");
        }
        else
        {
            // The post is cut off well inside the lease, so no other instance can take the row while this one still posts.
            using var timeout = new CancellationTokenSource(_options.LeaseTimeout / 2, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                var composed = await ComposeAsync(subscription, claimed, cancellationToken).ConfigureAwait(false);
                articleIds = composed.ArticleIds;
                result = await poster.PostAsync(conversation, composed.Reply, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down mid-post: the row stays claimed and is retried when the lease runs out.
                throw;
            }
            catch (OperationCanceledException)
            {
                result = new DeliveryResult(DeliveryOutcome.RetryLater, $"timed out after {_options.LeaseTimeout / 2}");
            }
#pragma warning disable CA1031 // A poster or digest failure is recorded in the ledger and retried, never lost.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result = new DeliveryResult(DeliveryOutcome.RetryLater, $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        // The outcome is recorded even if shutdown began meanwhile: the post already happened.
        var now = _time.GetUtcNow();
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                if (await _ledger.MarkDeliveredAsync(claimed.Id, InstanceId, articleIds, CancellationToken.None).ConfigureAwait(false))
                {
                    LogDelivered(_logger, subscription.Id, claimed.LocalDay, claimed.Attempts);
                }
                else
                {
                    LogLeaseLost(_logger, subscription.Id, claimed.LocalDay);
                }

                return null;

            case DeliveryOutcome.Blocked:
                var blocked = $"blocked: {result.Error ?? "the conversation refuses the bot"}";
                await _ledger.MarkFailedAsync(claimed.Id, InstanceId, blocked, CancellationToken.None).ConfigureAwait(false);
                await _subscriptions.PauseAsync(conversation.Channel, conversation.ConversationId, blocked, CancellationToken.None).ConfigureAwait(false);
                LogGaveUp(_logger, subscription.Id, claimed.LocalDay, blocked);
                return null;

            case DeliveryOutcome.Rejected:
                var rejected = $"rejected: {result.Error ?? "the channel refused the message"}";
                await _ledger.MarkFailedAsync(claimed.Id, InstanceId, rejected, CancellationToken.None).ConfigureAwait(false);
                LogGaveUp(_logger, subscription.Id, claimed.LocalDay, rejected);
                return null;

            default:
                var error = result.Error ?? "the channel asked to retry later";
                if (claimed.Attempts >= _options.MaxAttempts)
                {
                    var reason = $"gave up after {claimed.Attempts} attempts: {error}";
                    await _ledger.MarkFailedAsync(claimed.Id, InstanceId, reason, CancellationToken.None).ConfigureAwait(false);
                    LogGaveUp(_logger, subscription.Id, claimed.LocalDay, reason);
                    return null;
                }

                var next = now + RetryDelay(claimed.Attempts, result.RetryAfter, _options);
                await _ledger.MarkRetryAsync(claimed.Id, InstanceId, next, error, CancellationToken.None).ConfigureAwait(false);
                LogRetry(_logger, subscription.Id, claimed.LocalDay, claimed.Attempts, next, error);
                return next;
        }
    }

    private async Task<ComposedDigest> ComposeAsync(Subscription subscription, Delivery claimed, CancellationToken cancellationToken)
    {
        var last = await _ledger.LastDeliveredAsync(subscription.Id, cancellationToken).ConfigureAwait(false);
        var from = DigestComposer.CoverageStart(claimed.LocalDay, last);
        var alreadySent = await _ledger.DeliveredArticleIdsAsync(subscription.Id, from.AddDays(-1), cancellationToken).ConfigureAwait(false);
        return _composer.Compose(claimed.LocalDay, claimed.DueAt, last, alreadySent);
    }

    private string SkipReason(DateTimeOffset dueAt, TimeZoneInfo zone) =>
        $"missed: due {DueTimes.Describe(dueAt, zone)}, and the scheduler was not running within the grace period ({_options.GracePeriod})";

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest scheduler {Instance} started")]
    private static partial void LogStarted(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest scheduler disabled (Scheduling:Enabled = false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Corpus not loaded yet; scheduled digests wait")]
    private static partial void LogCorpusNotReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {Subscription} has an unknown time zone {Zone}; its digests are not scheduled")]
    private static partial void LogUnknownZone(ILogger logger, long subscription, string zone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest of subscription {Subscription} for {Day} skipped: missed by more than the grace period {Grace}")]
    private static partial void LogSkipped(ILogger logger, long subscription, DateOnly day, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of subscription {Subscription} for {Day} delivered (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, long subscription, DateOnly day, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest of subscription {Subscription} for {Day}: attempt {Attempt} failed ({Error}); next attempt at {Next}")]
    private static partial void LogRetry(ILogger logger, long subscription, DateOnly day, int attempt, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest of subscription {Subscription} for {Day} failed: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, long subscription, DateOnly day, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest of subscription {Subscription} for {Day}: claim by {Owner} was never confirmed; retrying (the earlier post may have reached the channel)")]
    private static partial void LogReclaimed(ILogger logger, long subscription, DateOnly day, string? owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest of subscription {Subscription} for {Day} was posted but its claim had been lost; another instance may post it again")]
    private static partial void LogLeaseLost(ILogger logger, long subscription, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest scheduler pass failed; retrying at the next poll")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
