using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using static KazBriefBot.Host.Storage.SqliteValues;

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
/// before they reach the database, so the SQLite file alone never reveals one.
/// </summary>
public sealed class SlackInstallationStore(SqliteDatabase database, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Columns = "team_id, team_name, enterprise_id, app_id, bot_user_id, bot_token, scopes, installed_by, installed_at";

    // The purpose string isolates these ciphertexts from any other use of the key ring.
    private readonly IDataProtector _protector = protection.CreateProtector("KazBriefBot.Slack.BotToken.v1");

    /// <summary>Stores (or replaces, on a reinstall) a workspace's installation.</summary>
    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        cancellationToken.ThrowIfCancellationRequested();
        var now = ToMs(time.GetUtcNow());
        using var connection = database.Open();
        using var command = Command(
            connection,
            """
            INSERT INTO slack_installations (team_id, team_name, enterprise_id, app_id, bot_user_id, bot_token, scopes, installed_by, installed_at, updated_at)
            VALUES ($team, $name, $enterprise, $app, $bot, $token, $scopes, $by, $now, $now)
            ON CONFLICT (team_id) DO UPDATE SET team_name = excluded.team_name, enterprise_id = excluded.enterprise_id, app_id = excluded.app_id,
                bot_user_id = excluded.bot_user_id, bot_token = excluded.bot_token, scopes = excluded.scopes, installed_by = excluded.installed_by,
                updated_at = excluded.updated_at
            """,
            ("$team", installation.TeamId), ("$name", OrNull(installation.TeamName)), ("$enterprise", OrNull(installation.EnterpriseId)),
            ("$app", OrNull(installation.AppId)), ("$bot", installation.BotUserId), ("$token", _protector.Protect(installation.BotToken)),
            ("$scopes", OrNull(installation.Scopes)), ("$by", OrNull(installation.InstalledBy)), ("$now", now));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <summary>The team's installation, or null when it has none (or its token can no longer be decrypted: the key ring was lost).</summary>
    public Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(connection, $"SELECT {Columns} FROM slack_installations WHERE team_id = $team", ("$team", teamId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Map(reader) : null);
    }

    /// <summary>How many workspaces are installed.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(connection, "SELECT count(*) FROM slack_installations");
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Deletes the team's installation (app uninstalled or tokens revoked); false when there was none.</summary>
    public Task<bool> DeleteAsync(string teamId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM slack_installations WHERE team_id = $team", ("$team", teamId));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    private SlackInstallation? Map(SqliteDataReader reader)
    {
        string token;
        try
        {
            token = _protector.Unprotect(reader.GetString(reader.GetOrdinal("bot_token")));
        }
        catch (CryptographicException)
        {
            return null;
        }

        return new SlackInstallation(
            reader.GetString(reader.GetOrdinal("team_id")),
            NullableString(reader, "team_name"),
            NullableString(reader, "enterprise_id"),
            NullableString(reader, "app_id"),
            reader.GetString(reader.GetOrdinal("bot_user_id")),
            token,
            NullableString(reader, "scopes"),
            NullableString(reader, "installed_by"),
            FromMs(reader.GetInt64(reader.GetOrdinal("installed_at"))));
    }
}
