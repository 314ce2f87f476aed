using System.ComponentModel.DataAnnotations;

namespace KazBriefBot.Host.Reliability;

/// <summary>How much one user, one conversation and one HTTP client may ask per minute (configuration section "RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Chat messages one user may send per minute, across conversations.</summary>
    [Range(1, 100_000)]
    public int PerUserPerMinute { get; set; } = 20;

    /// <summary>Chat messages one conversation (chat, channel, DM) may send per minute, across users.</summary>
    [Range(1, 100_000)]
    public int PerConversationPerMinute { get; set; } = 60;

    /// <summary>Requests one client address may make to /api/* per minute.</summary>
    [Range(1, 1_000_000)]
    public int ApiPerClientPerMinute { get; set; } = 300;
}
