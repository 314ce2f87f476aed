using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>Where a Slack conversation lives: the workspace, the channel and, for a thread, its parent ts (stored as ConversationRef.Reference).</summary>
public sealed record SlackConversation(string? TeamId, string ChannelId, string? ThreadTs = null)
{
    /// <summary>The channel-neutral reference the router and the subscription store keep.</summary>
    public ConversationRef ToRef(string? userId)
    {
        var reference = new JsonObject { ["team_id"] = TeamId, ["channel_id"] = ChannelId };
        if (ThreadTs is not null)
        {
            reference["thread_ts"] = ThreadTs;
        }

        return new ConversationRef(SlackChannel.Name, ChannelId, userId, reference.ToJsonString());
    }

    /// <summary>Reads a stored reference; falls back to the conversation id as the channel when the JSON is absent or broken.</summary>
    public static SlackConversation? FromRef(ConversationRef conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (!string.IsNullOrWhiteSpace(conversation.Reference))
        {
            try
            {
                var node = JsonNode.Parse(conversation.Reference) as JsonObject;
                var channel = Str(node, "channel_id");
                if (!string.IsNullOrEmpty(channel))
                {
                    return new SlackConversation(Str(node, "team_id"), channel, Str(node, "thread_ts"));
                }
            }
            catch (JsonException)
            {
                // Fall through to the conversation id.
            }
        }

        return string.IsNullOrWhiteSpace(conversation.ConversationId) ? null : new SlackConversation(null, conversation.ConversationId);
    }

    private static string? Str(JsonObject? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>
/// Delivers rendered replies. chat.postMessage posts go part by part through the <see cref="DeliveryPartLedger"/>: each
/// part is recorded before it is sent and confirmed after, carries message metadata naming its delivery and position, and
/// a part whose post may have reached Slack (timeout, 5xx) is looked up in the conversation before it is ever sent again.
/// </summary>
public sealed partial class SlackReplySender(
    SlackApiClient api,
    DeliveryPartLedger parts,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackReplySender> logger,
    SlackChartUpload charts)
{
    // An unconfirmed post is looked for from a little before its first attempt (clock differences with Slack).
    private static readonly TimeSpan LookupMargin = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Renders the reply and posts its parts to the channel (in the thread when given), each at most once for
    /// <paramref name="deliveryKey"/>; then its charts as PNG files, which never change the outcome (see <see cref="SlackChartUpload"/>).
    /// </summary>
    public async Task<DeliveryResult> PostAsync(string? teamId, string channel, string? threadTs, Reply reply, string deliveryKey, CancellationToken cancellationToken)
    {
        var result = await PostMessagesAsync(teamId, channel, threadTs, SlackBlockRenderer.Render(reply), deliveryKey, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == DeliveryOutcome.Delivered)
        {
            await charts.UploadAsync(teamId, channel, threadTs, reply, deliveryKey, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Posts the parts in order; stops at the first one that is not posted and reports why. Parts an earlier call for the
    /// same key posted are skipped, and the stored parts win over <paramref name="messages"/>.
    /// </summary>
    public async Task<DeliveryResult> PostMessagesAsync(string? teamId, string channel, string? threadTs, IReadOnlyList<SlackMessage> messages, string deliveryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var stored = await parts.BeginAsync(deliveryKey, SlackChannel.Name, channel, threadTs, messages.Select(Serialize).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var part in stored)
        {
            if (part.Status == PartStatus.Posted)
            {
                continue;
            }

            var result = await PostPartAsync(teamId, part, cancellationToken).ConfigureAwait(false);
            if (result.Outcome != DeliveryOutcome.Delivered)
            {
                LogNotDelivered(logger, channel, teamId ?? "(default)", part.Part + 1, part.Parts, result.Error ?? "unknown");
                return result;
            }
        }

        return DeliveryResult.Delivered;
    }

    /// <summary>Posts every part of the reply to a response_url (Slack accepts up to five posts within 30 minutes); never repeats a post that may have arrived.</summary>
    public async Task<SlackApiResult> RespondAsync(Uri responseUrl, IEnumerable<SlackMessage> messages, string responseType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var last = new SlackApiResult(true);
        foreach (var message in messages)
        {
            last = await api.PostToResponseUrlAsync(responseUrl, message, responseType, cancellationToken).ConfigureAwait(false);
            if (!last.Ok)
            {
                LogNotDelivered(logger, "response_url", "(url)", 0, 0, last.Error ?? "unknown");
                return last;
            }
        }

        return last;
    }

    private async Task<DeliveryResult> PostPartAsync(string? teamId, DeliveryPart part, CancellationToken cancellationToken)
    {
        var message = Deserialize(part.Payload);
        var unknown = part.Status == PartStatus.Unknown;
        var firstAttempt = part.FirstAttemptAt ?? time.GetUtcNow();
        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            if (unknown)
            {
                // It may be in the conversation already: find it before posting again.
                var (ts, lookup) = await api.FindPartAsync(teamId, part.Target, part.Thread, firstAttempt - LookupMargin, part.DeliveryKey, part.Part, cancellationToken).ConfigureAwait(false);
                if (!lookup.Ok)
                {
                    LogLookupFailed(logger, part.DeliveryKey, part.Part + 1, teamId ?? "(default)", lookup.Error ?? "unknown");
                    return lookup.Kind == SlackCallKind.Blocked
                        ? lookup.ToDelivery()
                        : new DeliveryResult(DeliveryOutcome.RetryLater, $"part {part.Part + 1} unconfirmed and the lookup failed ({lookup.Error}); not re-posted", lookup.RetryAfter);
                }

                if (ts is not null)
                {
                    LogFoundAfterAll(logger, part.DeliveryKey, part.Part + 1, ts);
                    await parts.MarkPostedAsync(part.DeliveryKey, part.Part, ts, CancellationToken.None).ConfigureAwait(false);
                    return DeliveryResult.Delivered;
                }
            }

            await parts.MarkSendingAsync(part.DeliveryKey, part.Part, cancellationToken).ConfigureAwait(false);
            var result = await api.PostMessageAsync(teamId, part.Target, message, part.Thread, SlackApiClient.PartMetadata(part.DeliveryKey, part.Part, part.Parts), cancellationToken).ConfigureAwait(false);

            // Recorded even when shutdown begins meanwhile: the post already happened or not.
            switch (result.Kind)
            {
                case SlackCallKind.Ok:
                    await parts.MarkPostedAsync(part.DeliveryKey, part.Part, result.Ts, CancellationToken.None).ConfigureAwait(false);
                    return DeliveryResult.Delivered;
                case SlackCallKind.Ambiguous:
                    await parts.MarkUnknownAsync(part.DeliveryKey, part.Part, result.Error ?? result.Status?.ToString() ?? "unknown", CancellationToken.None).ConfigureAwait(false);
                    if (attempt >= settings.MaxRetries)
                    {
                        return new DeliveryResult(DeliveryOutcome.RetryLater, $"part {part.Part + 1} unconfirmed: {result.Error}");
                    }

                    unknown = true;
                    await Task.Delay(Backoff(settings.RetryBaseDelay, attempt), time, cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    await parts.MarkNotPostedAsync(part.DeliveryKey, part.Part, result.Error ?? "unknown", CancellationToken.None).ConfigureAwait(false);
                    return result.ToDelivery();
            }
        }
    }

    private static TimeSpan Backoff(TimeSpan baseDelay, int attempt) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, baseDelay.Ticks * (1L << Math.Min(attempt, 10))));

    private static string Serialize(SlackMessage message) =>
        new JsonObject { ["text"] = message.Text, ["blocks"] = message.Blocks.DeepClone() }.ToJsonString();

    private static SlackMessage Deserialize(string payload)
    {
        var node = JsonNode.Parse(payload)!.AsObject();
        return new SlackMessage(node["text"]!.GetValue<string>(), node["blocks"]!.AsArray());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack reply to {Target} (team {Team}) not delivered at part {Part}/{Parts}: {Error}")]
    private static partial void LogNotDelivered(ILogger logger, string target, string team, int part, int parts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack delivery {Key} part {Part}: unconfirmed post could not be looked up (team {Team}): {Error}; it is not posted again now")]
    private static partial void LogLookupFailed(ILogger logger, string key, int part, string team, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack delivery {Key} part {Part}: the unconfirmed post had arrived (ts {Ts}); not posted again")]
    private static partial void LogFoundAfterAll(ILogger logger, string key, int part, string ts);
}

/// <summary>Posts scheduled digests to Slack channels; tells the subscriber when the channel refuses the bot.</summary>
public sealed partial class SlackChannelPoster(SlackReplySender sender, SlackApiClient api, ILogger<SlackChannelPoster> logger) : IChannelPoster
{
    public string Channel => SlackChannel.Name;

    /// <summary>Without a key (tests, one-off posts) each call is its own delivery.</summary>
    public Task<DeliveryResult> PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken) =>
        PostAsync(conversation, reply, "post:" + Guid.NewGuid().ToString("N"), cancellationToken);

    public async Task<DeliveryResult> PostAsync(ConversationRef conversation, Reply reply, string deliveryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var target = SlackConversation.FromRef(conversation);
        if (target is null)
        {
            return new DeliveryResult(DeliveryOutcome.Blocked, "channel_not_found");
        }

        var result = await sender.PostAsync(target.TeamId, target.ChannelId, target.ThreadTs, reply, deliveryKey, cancellationToken).ConfigureAwait(false);
        if (result.Outcome is DeliveryOutcome.Blocked or DeliveryOutcome.Rejected && !string.IsNullOrEmpty(conversation.UserId))
        {
            await SlackNotices.TellSubscriberAsync(api, target, conversation.UserId, result, logger, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
