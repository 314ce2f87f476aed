using System.Globalization;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Commands;

/// <summary>subscribe [daily] [HH:MM] [TIME_ZONE]: a daily digest posted to this conversation; again to change the time (what is left out is kept).</summary>
public sealed class SubscribeHandler(SubscriptionStore store, DeliveryLedger ledger, TimeProvider time, IOptions<SchedulingOptions> options) : IHostCommandHandler
{
    public string Name => "subscribe";

    public string Usage => "subscribe [daily] [HH:MM] [TIME_ZONE]";

    public string Summary => $"Post a daily digest in this conversation (default {options.Value.DefaultTime} {options.Value.DefaultTimeZone}; IANA zones like Europe/London).";

    public async Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var conversation = invocation.Conversation;
        if (!SubscriptionSchedule.CanReceiveScheduledPosts(conversation.Channel))
        {
            return Reply.Text(SubscriptionText.CannotReceive(conversation.Channel));
        }

        TimeOnly? localTime = null;
        TimeZoneInfo? zone = null;
        foreach (var word in invocation.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Equals("daily", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (word.Equals("weekly", StringComparison.OrdinalIgnoreCase) || word.Equals("hourly", StringComparison.OrdinalIgnoreCase))
            {
                return Reply.Text($"Only daily digests are available. Usage: {Usage}");
            }

            if (char.IsAsciiDigit(word[0]))
            {
                if (!DueTimes.TryParseTime(word, out var parsed))
                {
                    return Reply.Text($"'{word}' is not a time of day; use HH:MM on a 24-hour clock, e.g. 07:30. Usage: {Usage}");
                }

                if (localTime is not null)
                {
                    return Reply.Text($"Give one time of day, not two. Usage: {Usage}");
                }

                localTime = parsed;
                continue;
            }

            if (!TimeZones.TryFind(word, out var found))
            {
                return Reply.Text($"'{word}' is not a time zone I know; use an IANA id such as Asia/Almaty, Europe/London or America/New_York. Usage: {Usage}");
            }

            if (zone is not null)
            {
                return Reply.Text($"Give one time zone, not two. Usage: {Usage}");
            }

            zone = found;
        }

        // What the user leaves out stays as it was (or takes the configured default for a new subscription).
        var before = await store.FindAsync(conversation.Channel, conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        DueTimes.TryParseTime(options.Value.DefaultTime, out var defaultTime);
        localTime ??= before?.LocalTime ?? defaultTime;
        if (zone is null && !TimeZones.TryFind(before?.TimeZoneId ?? options.Value.DefaultTimeZone, out zone))
        {
            throw new InvalidOperationException($"Scheduling:DefaultTimeZone '{options.Value.DefaultTimeZone}' is unknown.");
        }

        var result = await store.SubscribeAsync(conversation, localTime.Value, zone.Id, cancellationToken).ConfigureAwait(false);
        var next = await SubscriptionSchedule.NextDueAsync(result.Subscription, zone, ledger, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var schedule = SubscriptionText.Schedule(result.Subscription, zone);
        var first = result.Change switch
        {
            SubscribeChange.Created => $"Subscribed: this conversation will get a daily digest at {schedule}.",
            SubscribeChange.Updated => $"Subscription updated: the daily digest now comes at {schedule}.",
            SubscribeChange.Resumed => $"Subscription resumed (it was paused: {before?.PausedReason ?? "no reason recorded"}). Daily digest at {schedule}.",
            _ => $"Already subscribed: daily digest at {schedule}.",
        };
        return Reply.Text(string.Create(CultureInfo.InvariantCulture, $"{first}\nNext digest: {DueTimes.Describe(next.DueAt, zone)}.\nType `unsubscribe` to stop, or `subscribe HH:MM ZONE` to change the time."));
    }
}

/// <summary>Sentences shared by the subscription commands.</summary>
internal static class SubscriptionText
{
    public static string CannotReceive(string channel) =>
        $"Scheduled digests can only be posted to Teams and Slack conversations; this {channel} conversation cannot receive them. Type `digest` to read the latest digest here.";

    public static string Schedule(Subscription subscription, TimeZoneInfo zone) =>
        string.Create(CultureInfo.InvariantCulture, $"{subscription.LocalTime:HH:mm} {zone.Id}");

    public static string Instant(DateTimeOffset instant, TimeZoneInfo zone) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(instant, zone):yyyy-MM-dd HH:mm} {zone.Id}");
}
