using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KazBriefBot.Host.Scheduling;

namespace KazBriefBot.Host.Slack;

/// <summary>The short messages the bot sends about its own trouble: a paused subscription, a refused message, a channel it cannot post in.</summary>
public static partial class SlackNotices
{
    /// <summary>Errors after which the bot cannot reach anyone in the workspace with its token: no notice is attempted.</summary>
    private static readonly HashSet<string> AuthErrors = new(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "token_revoked", "token_expired", "no_installation", "account_inactive", "team_access_not_granted",
    };

    /// <summary>How to let the bot in, for a channel it cannot post in.</summary>
    public static string InviteHelp(string channelId) =>
        $"I can't post in {ChannelMention(channelId)}: it is private or I was removed. Invite me there with `/invite @KazBrief`, then run `/kazbrief subscribe` again.";

    /// <summary>Why a scheduled digest stopped, for the person who subscribed.</summary>
    public static string ForSubscriber(string channelId, DeliveryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome == DeliveryOutcome.Blocked
            ? $"I could not post the daily digest in {ChannelMention(channelId)} (Slack said `{result.Error}`), so that subscription is paused. "
              + "Invite me there with `/invite @KazBrief` and run `/kazbrief subscribe` in that channel to resume."
            : $"Slack refused today's digest for {ChannelMention(channelId)} (`{result.Error}`), so it was not posted. The subscription stays on.";
    }

    /// <summary>For a user whose answer Slack refused.</summary>
    public static string Refused(string? error) =>
        $"Slack refused my answer (`{error ?? "unknown"}`), so part of it could not be shown. Try a narrower request.";

    /// <summary>A one-section message of our own text.</summary>
    public static SlackMessage Message(string mrkdwn) => new(mrkdwn, [new JsonObject
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn },
    }]);

    /// <summary>True when a notice can still reach someone after this error.</summary>
    public static bool CanNotify(string? error) => error is null || !AuthErrors.Contains(error);

    /// <summary>Direct-messages the subscriber why the digest of <paramref name="target"/> stopped; failures are only logged.</summary>
    public static async Task TellSubscriberAsync(SlackApiClient api, SlackConversation target, string userId, DeliveryResult result, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(result);
        if (!CanNotify(result.Error) || !SlackId().IsMatch(userId) || target.ChannelId.StartsWith('D'))
        {
            return;
        }

        // chat.postMessage to a user id posts in the app's direct-message conversation with that user.
        var sent = await api.PostMessageAsync(target.TeamId, userId, Message(ForSubscriber(target.ChannelId, result)), null, null, cancellationToken).ConfigureAwait(false);
        LogTold(logger, userId, target.ChannelId, sent.Ok ? "sent" : sent.Error ?? "failed");
    }

    private static string ChannelMention(string channelId) => SlackId().IsMatch(channelId) && !channelId.StartsWith('D') ? $"<#{channelId}>" : "this conversation";

    [GeneratedRegex("^[A-Z][A-Z0-9]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackId();

    [LoggerMessage(Level = LogLevel.Information, Message = "Told subscriber {User} why the digest of {Channel} stopped: {Outcome}")]
    private static partial void LogTold(ILogger logger, string user, string channel, string outcome);
}
