using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using System.Data.Common;
using KazBriefBot.Host.Storage;

namespace KazBriefBot.Host.Teams;

/// <summary>
/// The rest of a reply too long for one Teams message, kept in the bot's database so that a "More" button works after
/// a restart and on every host that shares the database (the click may reach another host). Each entry belongs to one conversation.
/// </summary>
public sealed class TeamsContinuationStore(BotDatabase database, TimeProvider time)
{
    /// <summary>How long a "More" button keeps working.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Stores the remaining units and buttons; returns the key the "More" button carries.</summary>
    public string Save(string conversationId, IReadOnlyList<JsonArray> units, IReadOnlyList<FollowUpAction> actions)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var payload = new JsonObject
        {
            ["units"] = new JsonArray([.. units.Select(u => (JsonNode)u.DeepClone())]),
            ["actions"] = new JsonArray([.. actions.Select(a => (JsonNode)new JsonObject { ["label"] = a.Label, ["command"] = a.CommandText })]),
        };
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = database.OpenSync();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM teams_continuations WHERE created_at < @cutoff", ("@cutoff", now - (long)Retention.TotalMilliseconds));
        Execute(
            connection,
            transaction,
            "INSERT INTO teams_continuations (id, conversation_id, payload, created_at) VALUES (@id, @conversation, @payload, @now)",
            ("@id", key), ("@conversation", conversationId), ("@payload", payload.ToJsonString()), ("@now", now));
        transaction.Commit();
        return key;
    }

    /// <summary>The stored rest of a reply, or null when the key is unknown, expired or belongs to another conversation.</summary>
    public Continuation? Find(string key, string conversationId)
    {
        using var connection = database.OpenSync();
        using var command = StoredValues.Command(
            connection,
            "SELECT payload FROM teams_continuations WHERE id = @id AND conversation_id = @conversation AND created_at >= @cutoff",
            ("@id", key), ("@conversation", conversationId), ("@cutoff", time.GetUtcNow().ToUnixTimeMilliseconds() - (long)Retention.TotalMilliseconds));
        if (command.ExecuteScalar() is not string json)
        {
            return null;
        }

        return Parse(json);
    }

    private static Continuation? Parse(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject { } root || root["units"] is not JsonArray units || root["actions"] is not JsonArray actions)
            {
                return null;
            }

            var parsedUnits = units.OfType<JsonArray>().Select(u => u.DeepClone().AsArray()).ToList();
            var parsedActions = actions.OfType<JsonObject>()
                .Where(a => a["label"] is JsonValue && a["command"] is JsonValue)
                .Select(a => new FollowUpAction(a["label"]!.GetValue<string>(), a["command"]!.GetValue<string>()))
                .ToList();
            return new Continuation(parsedUnits, parsedActions);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = StoredValues.Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }
}

/// <summary>What a "More" button continues: the card units not shown yet and the reply's follow-up buttons.</summary>
public sealed record Continuation(IReadOnlyList<JsonArray> Units, IReadOnlyList<FollowUpAction> Actions);
