using System.Net;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>Outbound Web API behaviour against the local fake: rate limits, server errors, refusals and scheduled posts.</summary>
public sealed class SlackDeliveryTests(SlackHostFixture fixture) : IClassFixture<SlackHostFixture>
{
    private SlackHost S => fixture.Slack;

    private IChannelPoster Poster => S.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "slack");

    private static ConversationRef Channel(string id) =>
        new SlackConversation("T0TESTTEAM", id).ToRef(null);

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_then_delivered()
    {
        S.Fake.Reset();
        S.Fake.Script(new FakeSlackResponse(429, """{"ok":false,"error":"ratelimited"}""", RetryAfterSeconds: 1));

        using var response = await S.Slack.EventAsync(SlackEndpointTests.Dm("Ev-429-" + Guid.NewGuid().ToString("N"), "help").ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await S.Fake.WaitForAsync(c => c.Method == "chat.postMessage", count: 2);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms, Retry-After said 1 s");
        Assert.Equal(calls[0].Body.ToJsonString(), calls[1].Body.ToJsonString());
    }

    [Fact]
    public async Task Server_errors_are_retried_with_back_off_until_delivered()
    {
        S.Fake.Reset();
        S.Fake.Script(new FakeSlackResponse(503, "upstream down"), new FakeSlackResponse(500, """{"ok":false,"error":"internal_error"}"""));

        var result = await Poster.PostAsync(Channel("C0RETRY"), Reply.Text("Daily digest"), CancellationToken.None);

        // A 5xx may come after Slack posted: each time the channel is searched for the part before it is sent again.
        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Equal(3, S.Fake.Calls.Count(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0RETRY"));
        Assert.Equal(2, S.Fake.Calls.Count(c => c.Method == "conversations.history" && c.Str("channel") == "C0RETRY"));
        Assert.Single(S.Fake.MessagesIn("C0RETRY"));
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("not_in_channel")]
    [InlineData("account_inactive")]
    public async Task A_refusal_of_the_conversation_is_reported_as_Blocked(string error)
    {
        S.Fake.Reset();
        S.Fake.Script(FakeSlackResponse.Error(error));

        var result = await Poster.PostAsync(Channel("C0GONE"), Reply.Text("Daily digest"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Blocked, result.Outcome);
        Assert.Equal(error, result.Error);
        Assert.Single(S.Fake.Calls);
    }

    [Theory]
    [InlineData("msg_blocks_too_long")]
    [InlineData("invalid_blocks")]
    [InlineData("invalid_auth")]
    [InlineData("token_revoked")]
    [InlineData("missing_scope")]
    [InlineData("restricted_action")]
    public async Task Permanent_refusals_are_rejected_and_never_sent_again_unchanged(string error)
    {
        S.Fake.Reset();
        S.Fake.Script(FakeSlackResponse.Error(error));

        var result = await Poster.PostAsync(Channel("C0PERM"), Reply.Text("Daily digest"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Equal(error, result.Error);
        Assert.Single(S.Fake.Calls, c => c.Method == "chat.postMessage" && c.Str("channel") == "C0PERM");
    }

    [Fact]
    public async Task An_unknown_slack_error_is_not_blocked_and_can_be_retried_later()
    {
        S.Fake.Reset();
        S.Fake.Script(FakeSlackResponse.Error("some_future_error"));

        var result = await Poster.PostAsync(Channel("C0LATER"), Reply.Text("Daily digest"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.RetryLater, result.Outcome);
        Assert.Equal("some_future_error", result.Error);
        Assert.Empty(S.Fake.MessagesIn("C0LATER"));
    }

    [Fact]
    public async Task A_scheduled_digest_is_posted_with_chat_postMessage_to_the_stored_channel_and_thread()
    {
        S.Fake.Reset();
        var reply = await S.Host.Services.GetRequiredService<CommandRouter>().RouteAsync("digest", Channel("C0DIGEST"));
        var conversation = new SlackConversation("T0TESTTEAM", "C0DIGEST", "1700000000.000100").ToRef("U0TESTUSER");

        var result = await Poster.PostAsync(conversation, reply, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var expected = SlackBlockRenderer.Render(reply);
        var calls = S.Fake.Calls.Where(c => c.Method == "chat.postMessage").ToList();
        Assert.Equal(expected.Count, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.Equal("C0DIGEST", c.Str("channel"));
            Assert.Equal("1700000000.000100", c.Str("thread_ts"));
            Assert.Equal("Bearer " + SlackTestClient.TestToken, c.Authorization);
        });
        Assert.Equal(expected[0].Blocks.ToJsonString(), calls[0].Body["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task Ephemeral_messages_and_updates_use_their_methods_with_the_bot_token()
    {
        S.Fake.Reset();
        var api = S.Host.Services.GetRequiredService<SlackApiClient>();
        var message = SlackBlockRenderer.Render(Reply.Text("Only for you <!here>"))[0];

        var ephemeral = await api.PostEphemeralAsync("T0TESTTEAM", "C0EPH", "U0TESTUSER", message, null, CancellationToken.None);
        var update = await api.UpdateAsync("T0TESTTEAM", "C0EPH", "1700000000.000100", message, CancellationToken.None);

        Assert.True(ephemeral.Ok);
        Assert.True(update.Ok);
        var e = Assert.Single(S.Fake.Calls, c => c.Method == "chat.postEphemeral");
        Assert.Equal("U0TESTUSER", e.Str("user"));
        Assert.Equal("C0EPH", e.Str("channel"));
        var u = Assert.Single(S.Fake.Calls, c => c.Method == "chat.update");
        Assert.Equal("1700000000.000100", u.Str("ts"));
        Assert.All(S.Fake.Calls, c =>
        {
            Assert.Equal("Bearer " + SlackTestClient.TestToken, c.Authorization);
            Assert.Equal("Only for you &lt;!here&gt;", c.Str("text"));
        });
    }

    [Fact]
    public async Task A_reply_refused_with_channel_not_found_pauses_the_subscription_and_is_not_retried()
    {
        S.Fake.Reset();
        var store = S.Host.Services.GetRequiredService<SubscriptionStore>();
        var gone = new SlackConversation("T0TESTTEAM", "D0GONE").ToRef("U0TESTUSER");
        await store.SubscribeAsync(gone, new TimeOnly(8, 0), "UTC");
        Assert.False((await store.FindAsync("slack", "D0GONE"))!.Paused);
        S.Fake.Script(FakeSlackResponse.Error("channel_not_found"));

        using var response = await S.Slack.EventAsync(SlackEndpointTests.Dm("Ev-gone-" + Guid.NewGuid().ToString("N"), "help", channel: "D0GONE").ToJsonString());
        using var marker = await S.Slack.EventAsync(SlackEndpointTests.Dm("Ev-marker-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKER").ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await S.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        Assert.Single(S.Fake.Calls, c => c.Str("channel") == "D0GONE");
        var subscription = await store.FindAsync("slack", "D0GONE");
        Assert.True(subscription!.Paused);
        Assert.Equal("channel_not_found", subscription.PausedReason);
    }
}

/// <summary>Hosts with their own settings: no signing secret, and a corpus article that tries to ping everyone.</summary>
public sealed class SlackConfigurationTests
{
    [Fact]
    public async Task Without_a_signing_secret_the_endpoints_refuse_every_request_with_503()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "", ["Slack:BotToken"] = "" });
        var slack = new SlackTestClient(host.Client, "anything");

        foreach (var path in new[] { "/slack/commands", "/slack/events", "/slack/interactions" })
        {
            using var response = await slack.PostAsync(path, """{"type":"url_verification","challenge":"x"}"""u8.ToArray(), "application/json");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Slack:SigningSecret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Slacks_published_example_request_is_accepted_at_its_own_time_and_refused_later()
    {
        using var vector = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Paths.Shared, "fixtures", "slack", "signature-vector.json")));
        var v = vector.RootElement;
        var timestamp = v.GetProperty("timestamp").GetString()!;
        var body = System.Text.Encoding.UTF8.GetBytes(v.GetProperty("body").GetString()!);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)).AddMinutes(1));
        await using var s = await SlackHost.StartAsync(
            new Dictionary<string, string?> { ["Slack:SigningSecret"] = v.GetProperty("signing_secret").GetString() },
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var slack = new SlackTestClient(s.Host.Client, "unused");

        using (var accepted = await slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", timestamp, v.GetProperty("signature").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // The example's response_url is Slack's hook (sent to the fake here): the help text arrives there.
        var answer = Assert.Single(await s.Fake.WaitForAsync(c => c.Path.StartsWith("/commands/T1DC2JH3J/", StringComparison.Ordinal)));
        Assert.Contains("help", SlackTestClient.AllText(answer.Body), StringComparison.OrdinalIgnoreCase);

        clock.Advance(TimeSpan.FromMinutes(5));
        using var stale = await slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", timestamp, v.GetProperty("signature").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Fact]
    public async Task An_acknowledged_answer_is_still_delivered_when_the_host_stops()
    {
        await using var s = await SlackHost.StartAsync();
        s.Gate.Close();
        var hook = s.Fake.ResponseUrl("shutdown");
        using var ack = await s.Slack.CommandAsync(SlackTestClient.SlashCommand("slowtest digest", hook));
        Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);

        var stopping = s.Host.App.StopAsync();
        Assert.False(stopping.IsCompleted);
        s.Gate.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        var posted = Assert.Single(s.Fake.Calls, c => c.Path == hook.AbsolutePath);
        Assert.Contains("Slow answer ready: digest", SlackTestClient.AllText(posted.Body["blocks"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_secret_without_a_bot_token_stops_the_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestHost.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "" }));

        Assert.Contains(error.Failures, f => f.Contains("Slack:BotToken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_article_containing_channel_pings_and_mentions_is_rendered_escaped()
    {
        var corpus = Path.Combine(Paths.NewTempFolder(), "corpus");
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.GetFiles(Paths.Seeds))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(
            Path.Combine(corpus, "900_ping.txt"),
            "Pipeline talks in Astana\n\nThe ministers announced a pipeline agreement <!channel> and asked <@U123ABC> to review <https://evil.example|the terms>. "
            + "Officials said trade & investment would grow.\n");
        await using var s = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Corpus:Path"] = corpus });

        using var article = await s.Slack.CommandAsync(SlackTestClient.SlashCommand("article 900_ping", s.Fake.ResponseUrl("article")));
        var articleJson = Assert.Single(await s.Fake.WaitForAsync(c => c.Path == "/hooks/article")).Body.ToJsonString();
        using var asked = await s.Slack.EventAsync(SlackEndpointTests.Dm("Ev-ping", "What did the ministers announce about the pipeline agreement?").ToJsonString());
        var answer = Assert.Single(await s.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0TESTDM"));

        foreach (var rendered in new[] { SlackTestClient.AllText(System.Text.Json.Nodes.JsonNode.Parse(articleJson)), SlackTestClient.AllText(answer.Body) })
        {
            Assert.Contains("&lt;!channel&gt;", rendered, StringComparison.Ordinal);
            Assert.DoesNotContain("<!channel>", rendered, StringComparison.Ordinal);
            Assert.DoesNotContain("<@U123ABC>", rendered, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil.example", rendered, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;@U123ABC&gt;", SlackTestClient.AllText(System.Text.Json.Nodes.JsonNode.Parse(articleJson)), StringComparison.Ordinal);
    }
}

/// <summary>Multi-part replies over the real per-part ledger: a failure halfway, a timeout after Slack posted, a lookup that fails.</summary>
public sealed class SlackNoDuplicateTests
{
    private static ConversationRef Channel(string id) => new SlackConversation("T0TESTTEAM", id).ToRef("U0SUBSCRIBER");

    /// <summary>An article long enough for three messages.</summary>
    private static Reply LongReply()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Kazakhstan and the United States signed an agreement on critical minerals. ", 30));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 14));
        return new Reply([new ArticleBlock(new ArticleView(new ArticleSummary("long", "Long", "Outlet", null, null, "long.txt", 1), text))], []);
    }

    private static int PartOf(FakeSlackMessage m) => (int)m.Body["metadata"]!["event_payload"]!["part"]!;

    [Fact]
    public async Task A_reply_that_fails_at_part_two_is_retried_with_only_the_missing_parts()
    {
        await using var s = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:MaxRetries"] = "1" });
        var poster = s.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "slack");
        var reply = LongReply();
        var parts = SlackBlockRenderer.Render(reply).Count;
        Assert.True(parts >= 3, $"{parts} parts");

        // Part 1 goes through; part 2 is refused with 429 on every try of this attempt (Slack posted nothing).
        s.Fake.Script(FakeSlackResponse.Normal, new(429, """{"ok":false,"error":"ratelimited"}""", 0), new(429, """{"ok":false,"error":"ratelimited"}""", 0));
        var first = await poster.PostAsync(Channel("C0HALF"), reply, "digest:4242", CancellationToken.None);
        Assert.Equal(DeliveryOutcome.RetryLater, first.Outcome);
        Assert.Equal([0], s.Fake.MessagesIn("C0HALF").Select(PartOf));

        // The scheduler's next attempt (same delivery key) sends parts 2.. only.
        var second = await poster.PostAsync(Channel("C0HALF"), reply, "digest:4242", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, second.Outcome);
        Assert.Equal(Enumerable.Range(0, parts), s.Fake.MessagesIn("C0HALF").Select(PartOf));
        Assert.Equal(parts, s.Fake.MessagesIn("C0HALF").Select(m => m.Ts).Distinct().Count());

        // A third attempt (say, the ledger row was reclaimed after a crash) posts nothing at all.
        var calls = s.Fake.Calls.Count(c => c.Method == "chat.postMessage");
        Assert.Equal(DeliveryOutcome.Delivered, (await poster.PostAsync(Channel("C0HALF"), reply, "digest:4242", CancellationToken.None)).Outcome);
        Assert.Equal(calls, s.Fake.Calls.Count(c => c.Method == "chat.postMessage"));
    }

    [Fact]
    public async Task A_post_that_timed_out_after_slack_posted_it_is_found_in_the_history_and_not_posted_again()
    {
        await using var s = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:AttemptTimeout"] = "00:00:00.400" });
        var poster = s.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "slack");
        var reply = LongReply();
        var parts = SlackBlockRenderer.Render(reply).Count;
        s.Fake.Script(FakeSlackResponse.Normal, FakeSlackResponse.PostedThenTimeout(1500));

        var result = await poster.PostAsync(Channel("C0LATE"), reply, "digest:77", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Equal(Enumerable.Range(0, parts), s.Fake.MessagesIn("C0LATE").Select(PartOf));
        Assert.Single(s.Fake.Calls, c => c.Method == "chat.postMessage" && (int)c.Body["metadata"]!["event_payload"]!["part"]! == 1);
        var lookup = Assert.Single(s.Fake.Calls, c => c.Method == "conversations.history");
        Assert.Equal("true", lookup.Str("include_all_metadata"));
    }

    [Fact]
    public async Task An_unconfirmed_post_whose_lookup_fails_is_not_posted_again()
    {
        await using var s = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:AttemptTimeout"] = "00:00:00.400" });
        var poster = s.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "slack");
        s.Fake.Script(FakeSlackResponse.PostedThenTimeout(1500));
        s.Fake.ScriptFor("conversations.history", FakeSlackResponse.Error("missing_scope"), FakeSlackResponse.Error("missing_scope"));

        var first = await poster.PostAsync(Channel("C0BLIND"), Reply.Text("Daily digest"), "digest:88", CancellationToken.None);
        var second = await poster.PostAsync(Channel("C0BLIND"), Reply.Text("Daily digest"), "digest:88", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.RetryLater, first.Outcome);
        Assert.Equal(DeliveryOutcome.RetryLater, second.Outcome);
        Assert.Single(s.Fake.Calls, c => c.Method == "chat.postMessage");
        Assert.Single(s.Fake.MessagesIn("C0BLIND"));
    }

    [Fact]
    public async Task When_a_digest_is_refused_by_the_channel_the_subscriber_is_told_in_a_direct_message()
    {
        await using var s = await SlackHost.StartAsync();
        var poster = s.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "slack");
        s.Fake.Refuse("C0KICKED", "not_in_channel");

        var result = await poster.PostAsync(Channel("C0KICKED"), Reply.Text("Daily digest"), "digest:99", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Blocked, result.Outcome);
        var notice = Assert.Single(await s.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "U0SUBSCRIBER"));
        var text = SlackTestClient.AllText(notice.Body["blocks"]);
        Assert.Contains("<#C0KICKED>", text, StringComparison.Ordinal);
        Assert.Contains("paused", text, StringComparison.Ordinal);
        Assert.Contains("/invite @KazBrief", text, StringComparison.Ordinal);
    }
}
