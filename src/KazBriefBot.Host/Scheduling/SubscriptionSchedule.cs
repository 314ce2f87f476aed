using KazBriefBot.Host.Storage;

namespace KazBriefBot.Host.Scheduling;

/// <summary>When a subscription's next digest will be posted, taking the ledger into account.</summary>
public static class SubscriptionSchedule
{
    /// <summary>Channels that can receive scheduled posts (web and CLI conversations only exist while a user types).</summary>
    public static bool CanReceiveScheduledPosts(string channel) =>
        string.Equals(channel, "teams", StringComparison.OrdinalIgnoreCase) || string.Equals(channel, "slack", StringComparison.OrdinalIgnoreCase);

    /// <summary>The next due instant after <paramref name="now"/> whose day the ledger has not already settled (delivered, failed or skipped).</summary>
    public static async Task<(DateOnly Day, DateTimeOffset DueAt)> NextDueAsync(Subscription subscription, TimeZoneInfo zone, DeliveryLedger ledger, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(ledger);
        var settled = (await ledger.ListAsync(subscription.Id, 3, cancellationToken).ConfigureAwait(false))
            .Where(d => d.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed or DeliveryStatus.Skipped)
            .Select(d => d.LocalDay)
            .ToHashSet();
        var after = subscription.ActiveFrom > now ? subscription.ActiveFrom.AddTicks(-1) : now;
        while (true)
        {
            var next = DueTimes.NextDue(subscription.LocalTime, zone, after);
            if (!settled.Contains(next.Day))
            {
                return next;
            }

            after = next.DueAt;
        }
    }
}
