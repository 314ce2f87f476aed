using KazBriefBot.Host.Storage;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>
/// Which bot token and bot user a workspace's requests use: the team's installation (OAuth install) when it has one,
/// otherwise the single Slack:BotToken (one workspace, configured by hand).
/// </summary>
public sealed class SlackTokens(IOptionsMonitor<SlackOptions> options, IServiceProvider services)
{
    // Optional so that the channel works in hosts built without storage.
    private readonly SlackInstallationStore? _installations = services.GetService<SlackInstallationStore>();

    /// <summary>The bot token for the team, or null when the team has no installation and no Slack:BotToken is set.</summary>
    public async Task<string?> BotTokenAsync(string? teamId, CancellationToken cancellationToken) =>
        (await InstallationAsync(teamId, cancellationToken).ConfigureAwait(false))?.BotToken ?? Configured(options.CurrentValue.BotToken);

    /// <summary>The bot's user id in the team when known (from the installation or Slack:BotUserId).</summary>
    public async Task<string?> BotUserIdAsync(string? teamId, CancellationToken cancellationToken) =>
        (await InstallationAsync(teamId, cancellationToken).ConfigureAwait(false))?.BotUserId ?? Configured(options.CurrentValue.BotUserId);

    /// <summary>True when the team can be answered: it has an installation or the single token is configured.</summary>
    public async Task<bool> CanServeAsync(string? teamId, CancellationToken cancellationToken) =>
        await BotTokenAsync(teamId, cancellationToken).ConfigureAwait(false) is not null;

    private async Task<SlackInstallation?> InstallationAsync(string? teamId, CancellationToken cancellationToken) =>
        _installations is null || string.IsNullOrEmpty(teamId) ? null : await _installations.FindAsync(teamId, cancellationToken).ConfigureAwait(false);

    private static string? Configured(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
