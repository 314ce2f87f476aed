using System.Threading.RateLimiting;
using KazBriefBot.Engine.Commands;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Reliability;

/// <summary>The one entry from every chat adapter into the command router: applies per-user and per-conversation limits first.</summary>
public sealed class ChatDispatcher : IDisposable
{
    /// <summary>The friendly reply when someone asks faster than the limits allow.</summary>
    public const string SlowDownText = "You're asking faster than I can read — please slow down and try again in a minute.";

    private readonly CommandRouter _router;
    private readonly ILogger<ChatDispatcher> _logger;
    private readonly PartitionedRateLimiter<ConversationRef> _limiter;

    public ChatDispatcher(CommandRouter router, IOptions<RateLimitOptions> options, ILogger<ChatDispatcher> logger)
    {
        _router = router;
        _logger = logger;
        var o = options.Value;
        var perUser = PartitionedRateLimiter.Create<ConversationRef, string>(c => RateLimitPartition.GetFixedWindowLimiter(
            $"{c.Channel}:user:{c.UserId ?? c.ConversationId}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PerUserPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        var perConversation = PartitionedRateLimiter.Create<ConversationRef, string>(c => RateLimitPartition.GetFixedWindowLimiter(
            $"{c.Channel}:conversation:{c.ConversationId}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PerConversationPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        _limiter = PartitionedRateLimiter.CreateChained(perUser, perConversation);
    }

    /// <summary>Routes the text unless the user or conversation is over its limit, in which case the reply asks them to slow down.</summary>
    public Task<Reply> DispatchAsync(string text, ConversationRef conversation, CancellationToken cancellationToken = default)
    {
        using var lease = _limiter.AttemptAcquire(conversation);
        if (!lease.IsAcquired)
        {
            _logger.LogInformation("Rate limit reached for {Channel} conversation {Conversation}", conversation.Channel, conversation.ConversationId);
            return Task.FromResult(Reply.Text(SlowDownText));
        }

        return _router.RouteAsync(text, conversation, cancellationToken);
    }

    public void Dispose() => _limiter.Dispose();
}
