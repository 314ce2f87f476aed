using System.Text.Json;
using KazBriefBot.Host.Tests.Infrastructure;
using NJsonSchema;

namespace KazBriefBot.Host.Tests.Slack;

public sealed class SlackManifestTests
{
    private static string ManifestPath => Path.Combine(Paths.Root, "manifests", "slack", "manifest.json");

    private static string SchemaPath => Path.Combine(Paths.Shared, "schemas", "slack", "schemas", "manifest.schema.1.0.0.json");

    [Fact]
    public async Task The_manifest_is_valid_against_slacks_schema()
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath);

        var errors = schema.Validate(await File.ReadAllTextAsync(ManifestPath));

        Assert.True(errors.Count == 0, "Manifest errors: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_schema_check_catches_a_broken_manifest()
    {
        // Guards the test above: an unknown property and a command without its slash must be reported.
        var schema = await JsonSchema.FromFileAsync(SchemaPath);
        var broken = (await File.ReadAllTextAsync(ManifestPath))
            .Replace("\"/kazbrief\"", "\"kazbrief\"", StringComparison.Ordinal)
            .Replace("\"bot_user\"", "\"bot_person\"", StringComparison.Ordinal);

        Assert.NotEmpty(schema.Validate(broken));
    }

    [Fact]
    public void The_manifest_asks_for_exactly_what_the_bot_uses()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ManifestPath));
        var root = doc.RootElement;

        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("features").GetProperty("bot_user").GetProperty("display_name").GetString()));
        var command = Assert.Single(root.GetProperty("features").GetProperty("slash_commands").EnumerateArray());
        Assert.Equal("/kazbrief", command.GetProperty("command").GetString());
        Assert.EndsWith("/slack/commands", command.GetProperty("url").GetString(), StringComparison.Ordinal);

        var scopes = root.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot").EnumerateArray().Select(s => s.GetString()!).Order().ToArray();
        Assert.Equal(["app_mentions:read", "chat:write", "commands", "im:history"], scopes);

        var events = root.GetProperty("settings").GetProperty("event_subscriptions");
        Assert.EndsWith("/slack/events", events.GetProperty("request_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(["app_mention", "message.im"], events.GetProperty("bot_events").EnumerateArray().Select(e => e.GetString()!).Order().ToArray());

        var interactivity = root.GetProperty("settings").GetProperty("interactivity");
        Assert.True(interactivity.GetProperty("is_enabled").GetBoolean());
        Assert.EndsWith("/slack/interactions", interactivity.GetProperty("request_url").GetString(), StringComparison.Ordinal);
    }
}
