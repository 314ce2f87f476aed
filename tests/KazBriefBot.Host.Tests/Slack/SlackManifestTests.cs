using System.Text.Json;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Tests.Infrastructure;
using NJsonSchema;

namespace KazBriefBot.Host.Tests.Slack;

public sealed class SlackManifestTests
{
    private static string ManifestPath(string name) => Path.Combine(Paths.Root, "manifests", "slack", name);

    private static string SchemaPath => Path.Combine(Paths.Shared, "schemas", "slack", "schemas", "manifest.schema.1.0.0.json");

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("manifest.socket-mode.json")]
    public async Task The_manifests_are_valid_against_slacks_schema(string name)
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath);

        var errors = schema.Validate(await File.ReadAllTextAsync(ManifestPath(name)));

        Assert.True(errors.Count == 0, "Manifest errors: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_schema_check_catches_a_broken_manifest()
    {
        // Guards the test above: an unknown property and a command without its slash must be reported.
        var schema = await JsonSchema.FromFileAsync(SchemaPath);
        var broken = (await File.ReadAllTextAsync(ManifestPath("manifest.json")))
            .Replace("\"/kazbrief\"", "\"kazbrief\"", StringComparison.Ordinal)
            .Replace("\"bot_user\"", "\"bot_person\"", StringComparison.Ordinal);

        Assert.NotEmpty(schema.Validate(broken));
    }

    [Theory]
    [InlineData("manifest.json", false)]
    [InlineData("manifest.socket-mode.json", true)]
    public void The_manifests_ask_for_exactly_what_the_bot_uses(string name, bool socketMode)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ManifestPath(name)));
        var root = doc.RootElement;

        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("features").GetProperty("bot_user").GetProperty("display_name").GetString()));
        var command = Assert.Single(root.GetProperty("features").GetProperty("slash_commands").EnumerateArray());
        Assert.Equal("/kazbrief", command.GetProperty("command").GetString());

        // Written out by hand: chat:write.public lets digests go to public channels the bot was not invited to;
        // the history scopes let an unconfirmed post be looked up before it is ever sent again; files:write shares chart PNGs.
        string[] expected = ["app_mentions:read", "channels:history", "chat:write", "chat:write.public", "commands", "files:write", "groups:history", "im:history", "mpim:history"];
        var scopes = root.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot").EnumerateArray().Select(s => s.GetString()!).Order().ToArray();
        Assert.Equal(expected, scopes);
        Assert.Equal(expected, SlackOptions.DefaultScopes.Order().ToArray());

        var settings = root.GetProperty("settings");
        var events = settings.GetProperty("event_subscriptions");
        Assert.Equal(["app_mention", "app_uninstalled", "message.im", "tokens_revoked"], events.GetProperty("bot_events").EnumerateArray().Select(e => e.GetString()!).Order().ToArray());
        var interactivity = settings.GetProperty("interactivity");
        Assert.True(interactivity.GetProperty("is_enabled").GetBoolean());
        Assert.Equal(socketMode, settings.GetProperty("socket_mode_enabled").GetBoolean());
        if (socketMode)
        {
            // No public URL anywhere: everything arrives over the socket.
            Assert.DoesNotContain("https://", File.ReadAllText(ManifestPath(name)), StringComparison.Ordinal);
        }
        else
        {
            Assert.EndsWith("/slack/commands", command.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("/slack/events", events.GetProperty("request_url").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("/slack/interactions", interactivity.GetProperty("request_url").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("/slack/oauth/callback", root.GetProperty("oauth_config").GetProperty("redirect_urls")[0].GetString(), StringComparison.Ordinal);
        }
    }
}
