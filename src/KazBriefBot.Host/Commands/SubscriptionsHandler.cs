using System.Globalization;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Commands;

/// <summary>subscriptions: this conversation's subscription: time, zone, next digest, last delivery, paused state and why.</summary>
public sealed class SubscriptionsHandler(SubscriptionStore store, DeliveryLedger ledger, TimeProvider time, IOptions<SchedulingOptions> options) : IHostCommandHandler
{
    public string Name => "subscriptions";

    public string Usage => "subscriptions";

    public string Summary => "Show this conversation's daily digest subscription and its next delivery.";

    public async Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var conversation = invocation.Conversation;
        if (!SubscriptionSchedule.CanReceiveScheduledPosts(conversation.Channel))
        {
            return Reply.Text(SubscriptionText.CannotReceive(conversation.Channel));
        }

        var subscription = await store.FindAsync(conversation.Channel, conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        if (subscription is null)
        {
            return Reply.Text($"This conversation has no digest subscription. Type `subscribe [HH:MM] [TIME_ZONE]` for a daily digest (default {options.Value.DefaultTime} {options.Value.DefaultTimeZone}).");
        }

        if (!TimeZones.TryFind(subscription.TimeZoneId, out var zone))
        {
            return Reply.Text($"This conversation's subscription names an unknown time zone '{subscription.TimeZoneId}'; type `subscribe HH:MM ZONE` to fix it.");
        }

        var now = time.GetUtcNow();
        var lines = new List<string> { $"Daily digest at {SubscriptionText.Schedule(subscription, zone)}." };
        if (subscription.Paused)
        {
            var since = subscription.PausedAt is { } at ? $" since {SubscriptionText.Instant(at, zone)}" : string.Empty;
            lines.Add($"Paused{since}: {subscription.PausedReason ?? "no reason recorded"}. Type `subscribe` to resume.");
        }
        else
        {
            var next = await SubscriptionSchedule.NextDueAsync(subscription, zone, ledger, now, cancellationToken).ConfigureAwait(false);
            lines.Add($"Next digest: {DueTimes.Describe(next.DueAt, zone)}.");
        }

        var recent = await ledger.ListAsync(subscription.Id, 7, cancellationToken).ConfigureAwait(false);
        if (recent.FirstOrDefault(d => d.Status == DeliveryStatus.Delivered) is { DeliveredAt: { } deliveredAt } last)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Last delivered: the digest of {last.LocalDay:yyyy-MM-dd}, at {SubscriptionText.Instant(deliveredAt, zone)}."));
        }

        foreach (var row in recent.Where(d => d.Status is DeliveryStatus.Pending or DeliveryStatus.Sending && d.Attempts > 0))
        {
            var retry = row.NextAttemptAt is { } at ? $"; next attempt at {SubscriptionText.Instant(at, zone)}" : string.Empty;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Retrying the digest of {row.LocalDay:yyyy-MM-dd}: {row.Attempts} of {options.Value.MaxAttempts} attempts made (last error: {row.LastError ?? "none"}){retry}."));
        }

        if (recent.FirstOrDefault() is { Status: DeliveryStatus.Failed or DeliveryStatus.Skipped } missed)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"The digest of {missed.LocalDay:yyyy-MM-dd} was not delivered: {missed.LastError}."));
        }

        return Reply.Text(string.Join('\n', lines));
    }
}
