using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using static KazBriefBot.Host.Storage.StoredValues;

namespace KazBriefBot.Host.Storage;

/// <summary>One workspace's installation of the Slack app (from the OAuth v2 install), with its bot token in clear.</summary>
public sealed record SlackInstallation(
    string TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? AppId,
    string BotUserId,
    string BotToken,
    string? Scopes,
    string? InstalledBy,
    DateTimeOffset InstalledAt)
{
    // Keeps the token out of logs and test output that print the record.
    public override string ToString() => $"SlackInstallation {{ TeamId = {TeamId}, TeamName = {TeamName}, BotUserId = {BotUserId}, BotToken = *** }}";
}

/// <summary>
/// The workspaces the app is installed in and their bot tokens. Tokens are encrypted with ASP.NET Core Data Protection
/// before they reach the database, so the database alone never reveals one. With PostgreSQL the key ring lives in the same
/// database, so every host decrypts what any host stored.
/// </summary>
public sealed class SlackInstallationStore(BotDatabase database, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Columns = "team_id, team_name, enterprise_id, app_id, bot_user_id, bot_token, scopes, installed_by, installed_at";

    // The purpose string isolates these ciphertexts from any other use of the key ring.
    private readonly IDataProtector _protector = protection.CreateProtector("KazBriefBot.Slack.BotToken.v1");

    /// <summary>Stores (or replaces, on a reinstall) a workspace's installation.</summary>
    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var now = ToMs(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            null,
            """
            INSERT INTO slack_installations (team_id, team_name, enterprise_id, app_id, bot_user_id, bot_token, scopes, installed_by, installed_at, updated_at)
            VALUES (@team, @name, @enterprise, @app, @bot, @token, @scopes, @by, @now, @now)
            ON CONFLICT (team_id) DO UPDATE SET team_name = excluded.team_name, enterprise_id = excluded.enterprise_id, app_id = excluded.app_id,
                bot_user_id = excluded.bot_user_id, bot_token = excluded.bot_token, scopes = excluded.scopes, installed_by = excluded.installed_by,
                updated_at = excluded.updated_at
            """,
            cancellationToken,
            ("@team", installation.TeamId), ("@name", OrNull(installation.TeamName)), ("@enterprise", OrNull(installation.EnterpriseId)),
            ("@app", OrNull(installation.AppId)), ("@bot", installation.BotUserId), ("@token", _protector.Protect(installation.BotToken)),
            ("@scopes", OrNull(installation.Scopes)), ("@by", OrNull(installation.InstalledBy)), ("@now", now)).ConfigureAwait(false);
    }

    /// <summary>The team's installation, or null when it has none (or its token can no longer be decrypted: the key ring was lost).</summary>
    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, null, $"SELECT {Columns} FROM slack_installations WHERE team_id = @team", Map, cancellationToken, ("@team", teamId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>How many workspaces are installed.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT count(*) FROM slack_installations");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the team's installation (app uninstalled or tokens revoked); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string teamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM slack_installations WHERE team_id = @team", cancellationToken, ("@team", teamId)).ConfigureAwait(false) == 1;
    }

    private SlackInstallation? Map(DbDataReader reader)
    {
        string token;
        try
        {
            token = _protector.Unprotect(String(reader, "bot_token"));
        }
        catch (CryptographicException)
        {
            return null;
        }

        return new SlackInstallation(
            String(reader, "team_id"),
            NullableString(reader, "team_name"),
            NullableString(reader, "enterprise_id"),
            NullableString(reader, "app_id"),
            String(reader, "bot_user_id"),
            token,
            NullableString(reader, "scopes"),
            NullableString(reader, "installed_by"),
            FromMs(Int64(reader, "installed_at")));
    }
}
