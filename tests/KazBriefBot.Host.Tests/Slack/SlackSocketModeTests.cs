using System.Text.Json.Nodes;
using KazBriefBot.Host.Slack;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>Socket Mode against a local fake: apps.connections.open on the fake Web API hands out a ws://127.0.0.1 URL.</summary>
public sealed class SlackSocketModeTests
{
    private static async Task<(SlackHost Host, FakeSocketModeServer Socket)> StartAsync()
    {
        var socket = await FakeSocketModeServer.StartAsync();
        var ticket = 0;
        var host = await SlackHost.StartAsync(new Dictionary<string, string?>
        {
            // No signing secret and no public URL: everything comes over the socket.
            ["Slack:SigningSecret"] = "",
            ["Slack:AppToken"] = "xapp-1-test-not-real",
            ["Slack:SocketReconnectDelay"] = "00:00:00.100",
            ["Slack:Workers"] = "1",
        }, prepareFake: fake => fake.SocketUrl = () => socket.Url(Interlocked.Increment(ref ticket)));
        await socket.WaitForConnectionAsync(1);
        return (host, socket);
    }

    [Fact]
    public async Task Envelopes_of_every_kind_are_acknowledged_within_three_seconds_and_answered_like_http()
    {
        var (s, socket) = await StartAsync();
        await using var _ = s;
        await using var __ = socket;
        var open = Assert.Single(s.Fake.Calls, c => c.Method == "apps.connections.open");
        Assert.Equal("Bearer xapp-1-test-not-real", open.Authorization);
        await WaitForStateAsync(s, "connected");

        var (eventAck, eventTook) = await socket.SendEnvelopeAsync("events_api", SlackEndpointTests.Dm("Ev-socket", "sources", channel: "D0SOCKET"), "env-event-1");
        var hook = s.Fake.ResponseUrl("socket-command");
        var command = new JsonObject();
        foreach (var (key, value) in SlackTestClient.SlashCommand("help", hook))
        {
            command[key] = value;
        }

        var (commandAck, commandTook) = await socket.SendEnvelopeAsync("slash_commands", command, "env-command-1");
        var clickHook = s.Fake.ResponseUrl("socket-click");
        var click = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0TESTUSER" },
            ["team"] = new JsonObject { ["id"] = "T0TESTTEAM" },
            ["channel"] = new JsonObject { ["id"] = "C0SOCKET" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C0SOCKET", ["is_ephemeral"] = false },
            ["response_url"] = clickHook.ToString(),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = SlackBlockRenderer.FollowUpActionPrefix + "0", ["value"] = "article 001_43cb461444ca7a2a", ["action_ts"] = "1.1" }),
        };
        var (clickAck, clickTook) = await socket.SendEnvelopeAsync("interactive", click, "env-click-1");

        // The acknowledgement is exactly {"envelope_id": …}; slash commands answer through their response_url.
        Assert.Equal("""{"envelope_id":"env-event-1"}""", eventAck.ToJsonString());
        Assert.Equal("""{"envelope_id":"env-command-1"}""", commandAck.ToJsonString());
        Assert.Equal("""{"envelope_id":"env-click-1"}""", clickAck.ToJsonString());
        Assert.All([eventTook, commandTook, clickTook], t => Assert.True(t < TimeSpan.FromSeconds(3), $"acknowledged after {t}"));
        var answer = Assert.Single(await s.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0SOCKET"));
        Assert.Contains("001_43cb461444ca7a2a", SlackTestClient.AllText(answer.Body["blocks"]), StringComparison.Ordinal);
        Assert.Contains("digest", SlackTestClient.AllText(Assert.Single(await s.Fake.WaitForAsync(c => c.Path == hook.AbsolutePath)).Body), StringComparison.Ordinal);
        Assert.Contains("001_43cb461444ca7a2a", SlackTestClient.AllText(Assert.Single(await s.Fake.WaitForAsync(c => c.Path == clickHook.AbsolutePath)).Body), StringComparison.Ordinal);

        // The same event again (Slack's retry after a missed ack) is acknowledged and not answered twice.
        var (retryAck, _) = await socket.SendEnvelopeAsync("events_api", SlackEndpointTests.Dm("Ev-socket", "sources", channel: "D0SOCKET"), "env-event-2");
        Assert.Equal("env-event-2", (string?)retryAck["envelope_id"]);
        await socket.SendEnvelopeAsync("events_api", SlackEndpointTests.Dm("Ev-socket-marker", "help", channel: "D0MARKER"), "env-marker");
        await s.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        Assert.Single(s.Fake.Calls, c => c.Method == "chat.postMessage" && c.Str("channel") == "D0SOCKET");
    }

    [Fact]
    public async Task A_disconnect_message_or_a_dropped_connection_leads_to_a_new_connection_from_a_fresh_url()
    {
        var (s, socket) = await StartAsync();
        await using var _ = s;
        await using var __ = socket;

        await socket.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "applink-fake" } });
        await socket.WaitForConnectionAsync(2);
        await WaitForConnectsAsync(s, 2);
        socket.Drop();
        await socket.WaitForConnectionAsync(3);
        await WaitForConnectsAsync(s, 3);

        Assert.Equal(3, s.Fake.Calls.Count(c => c.Method == "apps.connections.open"));
        var (ack, _) = await socket.SendEnvelopeAsync("events_api", SlackEndpointTests.Dm("Ev-after-reconnect", "help", channel: "D0AGAIN"), "env-after");
        Assert.Equal("env-after", (string?)ack["envelope_id"]);
        await s.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0AGAIN");
        using var ready = await s.Host.ReadyAsync();
        var slack = ready.RootElement.GetProperty("slack");
        Assert.Equal("socket", slack.GetProperty("mode").GetString());
        Assert.True(slack.GetProperty("connects").GetInt32() >= 3, slack.ToString());
    }

    [Fact]
    public async Task A_refused_app_token_is_reported_as_failed_in_readyz()
    {
        var socket = await FakeSocketModeServer.StartAsync();
        await using var __ = socket;
        await using var s = await SlackHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "",
            ["Slack:AppToken"] = "xapp-refused",
        }, prepareFake: fake => fake.ScriptFor("apps.connections.open", FakeSlackResponse.Error("invalid_auth")));

        await WaitForStateAsync(s, "failed");
        Assert.Equal(0, socket.Connections);
    }

    /// <summary>Waits until the bot has seen Slack's hello on <paramref name="count"/> connections.</summary>
    private static async Task WaitForConnectsAsync(SlackHost s, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await s.Host.ReadyAsync();
            if (ready.RootElement.GetProperty("slack").GetProperty("connects").GetInt32() >= count)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"fewer than {count} connections greeted");
    }

    private static async Task WaitForStateAsync(SlackHost s, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await s.Host.ReadyAsync();
            seen = ready.RootElement.GetProperty("slack").GetProperty("state").GetString();
            if (seen == state)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Socket Mode state {seen}, expected {state}");
    }
}
