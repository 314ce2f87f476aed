using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>End to end over the real host on 127.0.0.1 with a local fake Slack Web API.</summary>
public sealed class SlackEndpointTests(SlackHostFixture fixture) : IClassFixture<SlackHostFixture>
{
    private const string Question = "What did Blinken announce?";

    private SlackHost S => fixture.Slack;

    [Fact]
    public async Task A_signed_slash_command_is_acknowledged_empty_and_answered_through_its_response_url_with_quotes_and_sources()
    {
        S.Fake.Reset();
        var expected = await ExpectedAnswerAsync();
        Assert.NotEmpty(expected.Quotes);
        var hook = S.Fake.ResponseUrl("answer-" + Guid.NewGuid().ToString("N"));

        using var response = await S.Slack.CommandAsync(SlackTestClient.SlashCommand(Question, hook));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var body = Assert.Single(await S.Fake.WaitForAsync(c => c.Path == hook.AbsolutePath)).Body;
        Assert.Equal("in_channel", (string?)body["response_type"]);
        var text = SlackTestClient.AllText(body["blocks"]);
        foreach (var quote in expected.Quotes)
        {
            Assert.Contains(SlackMrkdwn.Escape(quote.Text), text, StringComparison.Ordinal);
            Assert.Contains(quote.Source.Id, text, StringComparison.Ordinal);
        }

        var buttons = body["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).ToList();
        Assert.Contains(buttons, b => ((string?)b!["value"])!.StartsWith("article ", StringComparison.Ordinal));
        Assert.Single(S.Fake.Calls);
    }

    [Fact]
    public async Task A_slow_answer_is_acknowledged_before_it_is_ready_and_then_posted_to_the_response_url()
    {
        S.Fake.Reset();
        S.Gate.Close();
        var hook = S.Fake.ResponseUrl("slow-" + Guid.NewGuid().ToString("N"));

        using var response = await S.Slack.CommandAsync(SlackTestClient.SlashCommand("slowtest trade figures", hook));

        // The gate is still closed: the acknowledgement cannot have waited for the answer.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Empty(S.Fake.Calls);

        S.Gate.Release();
        var posted = Assert.Single(await S.Fake.WaitForAsync(c => c.Path == hook.AbsolutePath));
        Assert.Equal("in_channel", posted.Str("response_type"));
        Assert.Contains("Slow answer ready: trade figures", SlackTestClient.AllText(posted.Body["blocks"]), StringComparison.Ordinal);
        Assert.Null(posted.Authorization);
    }

    [Fact]
    public async Task A_mention_is_answered_in_its_thread_without_the_mention()
    {
        S.Fake.Reset();
        var mention = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0TESTTEAM",
            ["event_id"] = "Ev-mention-" + Guid.NewGuid().ToString("N"),
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention",
                ["user"] = "U0TESTUSER",
                ["text"] = "<@U0BOT> " + Question,
                ["ts"] = "1767326125.870439",
                ["channel"] = "C0MENTION",
            },
            ["authorizations"] = new JsonArray(new JsonObject { ["user_id"] = "U0BOT", ["is_bot"] = true }),
        };

        using var response = await S.Slack.EventAsync(mention.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await S.Fake.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("C0MENTION", call.Str("channel"));
        Assert.Equal("1767326125.870439", call.Str("thread_ts"));
        Assert.Equal("Bearer " + SlackTestClient.TestToken, call.Authorization);
        var expected = await ExpectedAnswerAsync();
        Assert.Contains(SlackMrkdwn.Escape(expected.Quotes[0].Text), SlackTestClient.AllText(call.Body["blocks"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_in_an_existing_thread_is_answered_in_that_thread()
    {
        S.Fake.Reset();
        var dm = Dm("Ev-thread-" + Guid.NewGuid().ToString("N"), "sources", ts: "1700000002.000200");
        dm["event"]!["thread_ts"] = "1700000001.000100";

        using var response = await S.Slack.EventAsync(dm.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await S.Fake.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("1700000001.000100", call.Str("thread_ts"));
        Assert.Contains("001_43cb461444ca7a2a", SlackTestClient.AllText(call.Body["blocks"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_event_is_handled_once()
    {
        S.Fake.Reset();
        var id = "Ev-retry-" + Guid.NewGuid().ToString("N");
        var first = Dm(id, "help").ToJsonString();

        using var one = await S.Slack.EventAsync(first);
        using var two = await S.Slack.EventAsync(first, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" });
        using var three = await S.Slack.EventAsync(first, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "2", ["X-Slack-Retry-Reason"] = "http_timeout" });
        // With one worker the queue is first in, first out: once the marker is answered, any duplicate would have been too.
        using var marker = await S.Slack.EventAsync(Dm("Ev-marker-" + Guid.NewGuid().ToString("N"), "sources", channel: "D0MARKER").ToJsonString());

        Assert.All([one, two, three, marker], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await S.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        Assert.Single(S.Fake.Calls, c => c.Str("channel") == "D0TESTDM");
    }

    [Fact]
    public async Task One_message_delivered_as_two_events_is_answered_once()
    {
        S.Fake.Reset();
        var asDm = Dm("Ev-im-" + Guid.NewGuid().ToString("N"), "<@U0BOT> help", ts: "1700000099.000100");
        var asMention = asDm.DeepClone().AsObject();
        asMention["event_id"] = "Ev-mention-" + Guid.NewGuid().ToString("N");
        asMention["event"]!["type"] = "app_mention";

        using var one = await S.Slack.EventAsync(asDm.ToJsonString());
        using var two = await S.Slack.EventAsync(asMention.ToJsonString());
        using var marker = await S.Slack.EventAsync(Dm("Ev-marker-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKER").ToJsonString());

        await S.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        Assert.Single(S.Fake.Calls, c => c.Str("channel") == "D0TESTDM");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var body = new byte[(1024 * 1024) + 1];
        Array.Fill(body, (byte)'a');

        using var response = await S.Slack.PostAsync("/slack/events", body, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Messages_from_bots_and_from_the_bot_itself_are_ignored()
    {
        S.Fake.Reset();
        var fromBot = Dm("Ev-bot-" + Guid.NewGuid().ToString("N"), "help");
        fromBot["event"]!["bot_id"] = "B0OTHER";
        var botMessage = Dm("Ev-botmsg-" + Guid.NewGuid().ToString("N"), "help");
        botMessage["event"]!["subtype"] = "bot_message";
        var fromSelf = Dm("Ev-self-" + Guid.NewGuid().ToString("N"), "help", user: "U0BOT");
        var edited = Dm("Ev-edit-" + Guid.NewGuid().ToString("N"), "help");
        edited["event"]!["subtype"] = "message_changed";
        var channelChatter = Dm("Ev-chan-" + Guid.NewGuid().ToString("N"), "help");
        channelChatter["event"]!["channel_type"] = "channel";

        foreach (var ignored in new[] { fromBot, botMessage, fromSelf, edited, channelChatter })
        {
            using var response = await S.Slack.EventAsync(ignored.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var marker = await S.Slack.EventAsync(Dm("Ev-marker-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKER").ToJsonString());
        await S.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        Assert.Single(S.Fake.Calls);
    }

    [Fact]
    public async Task A_bad_signature_or_a_stale_timestamp_gets_401_and_nothing_else()
    {
        S.Fake.Reset();
        var body = SlackTestClient.Form(SlackTestClient.SlashCommand("help", S.Fake.ResponseUrl("never")));
        var now = SlackTestClient.Now();
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var future = DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var eventBody = Encoding.UTF8.GetBytes(Dm("Ev-unsigned", "help").ToJsonString());

        var attempts = new[]
        {
            S.Slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", now, SlackSignature.Compute("wrong-secret", now, body)),
            S.Slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", now, "v0=" + new string('0', 64)),
            S.Slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", stale, SlackSignature.Compute(SlackTestClient.TestSecret, stale, body)),
            S.Slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", future, SlackSignature.Compute(SlackTestClient.TestSecret, future, body)),
            S.Slack.PostAsync("/slack/events", eventBody, "application/json", now, SlackSignature.Compute(SlackTestClient.TestSecret, now, body)),
            S.Slack.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded", now, string.Empty),
        };
        foreach (var attempt in attempts)
        {
            using var response = await attempt;
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        }

        using var noHeaders = await S.Host.Client.PostAsync(new Uri("/slack/events", UriKind.Relative), new ByteArrayContent(eventBody));
        Assert.Equal(HttpStatusCode.Unauthorized, noHeaders.StatusCode);

        // Had any of them been accepted, the marker's answer would come after theirs.
        using var marker = await S.Slack.EventAsync(Dm("Ev-marker-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKER").ToJsonString());
        await S.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        Assert.Single(S.Fake.Calls);
    }

    [Fact]
    public async Task Malformed_signed_requests_get_400()
    {
        var cases = new (string Path, byte[] Body, string Type)[]
        {
            ("/slack/events", "not json"u8.ToArray(), "application/json"),
            ("/slack/events", "[1,2]"u8.ToArray(), "application/json"),
            ("/slack/events", """{"type":"url_verification"}"""u8.ToArray(), "application/json"),
            ("/slack/events", """{"type":"event_callback","event_id":"Ev1"}"""u8.ToArray(), "application/json"),
            ("/slack/commands", """{"command":"/kazbrief"}"""u8.ToArray(), "application/json"),
            ("/slack/commands", "text=hello"u8.ToArray(), "application/x-www-form-urlencoded"),
            ("/slack/interactions", "nopayload=1"u8.ToArray(), "application/x-www-form-urlencoded"),
            ("/slack/interactions", SlackTestClient.Form([new("payload", "{broken")]), "application/x-www-form-urlencoded"),
            ("/slack/interactions", SlackTestClient.Form([new("payload", new string('[', 5000))]), "application/x-www-form-urlencoded"),
            ("/slack/commands", Encoding.UTF8.GetBytes(new string('[', 5000)), "application/x-www-form-urlencoded"),
            ("/slack/interactions", Encoding.UTF8.GetBytes(new string('[', 5000)), "application/x-www-form-urlencoded"),
            ("/slack/events", Encoding.UTF8.GetBytes(new string('[', 5000)), "application/json"),
        };
        foreach (var (path, body, type) in cases)
        {
            using var response = await S.Slack.PostAsync(path, body, type);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {Encoding.UTF8.GetString(body)} → {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_follow_up_button_click_routes_its_command_text()
    {
        S.Fake.Reset();
        var hook = S.Fake.ResponseUrl("click-" + Guid.NewGuid().ToString("N"));
        var click = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0TESTUSER", ["team_id"] = "T0TESTTEAM" },
            ["team"] = new JsonObject { ["id"] = "T0TESTTEAM" },
            ["channel"] = new JsonObject { ["id"] = "C0CLICK" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C0CLICK" },
            ["response_url"] = hook.ToString(),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = SlackBlockRenderer.FollowUpActionPrefix + "0",
                ["value"] = "article 001_43cb461444ca7a2a",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Show article" },
            }),
        };

        using var response = await S.Slack.InteractionAsync(click.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await S.Fake.WaitForAsync(c => c.Path == hook.AbsolutePath);
        Assert.Contains("001_43cb461444ca7a2a", SlackTestClient.AllText(posted[0].Body["blocks"]), StringComparison.Ordinal);

        // In a thread, the answer goes to the thread with chat.postMessage.
        S.Fake.Reset();
        click["container"]!["thread_ts"] = "1699999999.000100";
        using var inThread = await S.Slack.InteractionAsync(click.ToJsonString());
        var threaded = Assert.Single(await S.Fake.WaitForAsync(c => c.Method == "chat.postMessage"));
        Assert.Equal("C0CLICK", threaded.Str("channel"));
        Assert.Equal("1699999999.000100", threaded.Str("thread_ts"));
    }

    [Fact]
    public async Task Invalid_utf8_and_lone_surrogates_inside_signed_json_get_400_and_ssl_check_gets_200()
    {
        var invalidUtf8 = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\",\"text\":\"caf"u8.ToArray()
            .Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}}"u8.ToArray()).ToArray();
        var loneSurrogate = """{"type":"event_callback","event_id":"Ev2","event":{"type":"message","channel_type":"im","user":"U1","channel":"D1","ts":"1.2","text":"\ud800"}}"""u8.ToArray();
        var cases = new (string Path, byte[] Body, string Type)[]
        {
            ("/slack/events", invalidUtf8, "application/json"),
            ("/slack/events", loneSurrogate, "application/json"),
            ("/slack/interactions", SlackTestClient.Form([new("payload", """{"type":"block_actions","user":{"id":"\udc00"}}""")]), "application/x-www-form-urlencoded"),
        };
        foreach (var (path, body, type) in cases)
        {
            using var response = await S.Slack.PostAsync(path, body, type);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} → {response.StatusCode}");
        }

        // Slack's certificate probe: a form with ssl_check=1 and no command, signed or not.
        using var signed = await S.Slack.PostAsync("/slack/commands", "ssl_check=1&token=x"u8.ToArray(), "application/x-www-form-urlencoded");
        using var unsigned = await S.Host.Client.PostAsync(new Uri("/slack/commands", UriKind.Relative), new StringContent("ssl_check=1&token=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unsigned.StatusCode);
    }

    [Fact]
    public async Task A_follow_up_under_an_ephemeral_answer_stays_ephemeral()
    {
        S.Fake.Reset();
        var hook = S.Fake.ResponseUrl("ephemeral-" + Guid.NewGuid().ToString("N"));
        var click = Click(hook);
        click["container"]!["is_ephemeral"] = true;

        using var response = await S.Slack.InteractionAsync(click.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await S.Fake.WaitForAsync(c => c.Path == hook.AbsolutePath));
        Assert.Equal("ephemeral", posted.Str("response_type"));
        Assert.DoesNotContain(S.Fake.Calls, c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task When_the_response_url_is_refused_the_answer_still_comes_through_the_web_api()
    {
        S.Fake.Reset();
        var hook = S.Fake.ResponseUrl("expired-" + Guid.NewGuid().ToString("N"));
        S.Fake.Script(new FakeSlackResponse(404, "expired_url"));

        using var response = await S.Slack.CommandAsync(SlackTestClient.SlashCommand("sources", hook, channel: "C0EXPIRED"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(await S.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0EXPIRED"));
        Assert.Contains("001_43cb461444ca7a2a", SlackTestClient.AllText(posted.Body["blocks"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribing_where_the_bot_cannot_post_pauses_and_tells_the_user_how_to_invite_it()
    {
        S.Fake.Reset();
        var store = S.Host.Services.GetRequiredService<KazBriefBot.Host.Storage.SubscriptionStore>();
        S.Fake.Refuse("C0PRIVATE", "channel_not_found");
        var hook = S.Fake.ResponseUrl("subscribe-" + Guid.NewGuid().ToString("N"));

        using var response = await S.Slack.CommandAsync(SlackTestClient.SlashCommand("subscribe 08:00 Asia/Almaty", hook, channel: "C0PRIVATE"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var help = Assert.Single(await S.Fake.WaitForAsync(c => c.Path == hook.AbsolutePath));
        Assert.Equal("ephemeral", help.Str("response_type"));
        Assert.Contains("/invite @KazBrief", SlackTestClient.AllText(help.Body["blocks"]), StringComparison.Ordinal);
        var subscription = await store.FindAsync("slack", "C0PRIVATE");
        Assert.True(subscription!.Paused);

        // Where it can post, the confirmation is the proof: posted in the channel, the subscription active.
        var open = S.Fake.ResponseUrl("subscribe-open-" + Guid.NewGuid().ToString("N"));
        using var ok = await S.Slack.CommandAsync(SlackTestClient.SlashCommand("subscribe 08:00 Asia/Almaty", open, channel: "C0PUBLIC"));
        var confirmation = Assert.Single(await S.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0PUBLIC"));
        Assert.Contains("Subscribed", SlackTestClient.AllText(confirmation.Body["blocks"]), StringComparison.Ordinal);
        Assert.False((await store.FindAsync("slack", "C0PUBLIC"))!.Paused);
    }

    [Fact]
    public async Task A_long_article_asked_in_a_direct_message_is_posted_whole_in_parts_slack_accepts()
    {
        // The incident: `article` on a 25,544-character article went out as one message that Slack refused.
        var corpus = KazBriefBot.Host.Tests.Infrastructure.Paths.CopyOfSeeds();
        var paragraph = string.Concat(Enumerable.Repeat("Astana & Washington <agreed> on critical minerals 🇰🇿 today. ", 25));
        await File.WriteAllTextAsync(Path.Combine(corpus, "901_long.txt"), "A long agreement\n\n" + string.Join("\n\n", Enumerable.Repeat(paragraph, 17)));
        await using var s = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Corpus:Path"] = corpus, ["Slack:Workers"] = "1" });

        using var response = await s.Slack.EventAsync(Dm("Ev-long", "article 901_long", channel: "D0LONG").ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var marker = await s.Slack.EventAsync(Dm("Ev-marker", "help", channel: "D0MARKER").ToJsonString());
        await s.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        var posts = s.Fake.Calls.Where(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0LONG").ToList();
        Assert.InRange(posts.Count, 3, 10);
        Assert.Equal(posts.Count, s.Fake.MessagesIn("D0LONG").Count);
        var text = string.Concat(posts.Select(p => SlackTestClient.AllText(p.Body["blocks"])));
        Assert.Equal(17 * 25, System.Text.RegularExpressions.Regex.Count(text, "Astana &amp; Washington &lt;agreed&gt;"));
    }

    private static JsonObject Click(Uri hook) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "U0TESTUSER", ["team_id"] = "T0TESTTEAM" },
        ["team"] = new JsonObject { ["id"] = "T0TESTTEAM" },
        ["channel"] = new JsonObject { ["id"] = "C0CLICK" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C0CLICK" },
        ["response_url"] = hook.ToString(),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = SlackBlockRenderer.FollowUpActionPrefix + "0",
            ["action_ts"] = "1700000001." + Guid.NewGuid().ToString("N")[..6],
            ["value"] = "article 001_43cb461444ca7a2a",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Show article" },
        }),
    };

    private async Task<Answer> ExpectedAnswerAsync()
    {
        var reply = await S.Host.Services.GetRequiredService<CommandRouter>().RouteAsync(Question, new ConversationRef("slack", "C0EXPECTED"));
        return Assert.Single(reply.Blocks.OfType<AnswerBlock>()).Answer;
    }

    private static int _messageCounter;

    /// <summary>A direct message event; each gets its own ts unless one is given (a ts identifies a message).</summary>
    internal static JsonObject Dm(string eventId, string text, string channel = "D0TESTDM", string user = "U0TESTUSER", string? ts = null) => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = "T0TESTTEAM",
        ["event_id"] = eventId,
        ["event"] = new JsonObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts ?? $"17{Interlocked.Increment(ref _messageCounter):D8}.000100",
            ["channel"] = channel,
        },
        ["authorizations"] = new JsonArray(new JsonObject { ["user_id"] = "U0BOT", ["is_bot"] = true }),
    };
}
