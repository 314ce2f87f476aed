using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>How replies travel: acknowledged first and sent under the host's lifetime, typing, sizes as Teams counts them, "More" across restarts, SDK invoke status codes.</summary>
public sealed class TeamsDeliveryTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private FakeBotFramework Fake => fixture.Fake;

    [Fact]
    public async Task A_message_is_acknowledged_before_its_reply_is_sent()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Fake.Script(async response =>
        {
            // The connector holds the reply until the test has its 200: the request never waited for the send.
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(20));
            response.StatusCode = 200;
        });
        var activity = fixture.Message("help");

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(gate.Task.IsCompleted);
        var held = Assert.Single(await Fake.WaitForAsync(Activities.Id(activity)));
        Assert.Contains("digest", held.CardText, StringComparison.Ordinal);
        gate.SetResult();
    }

    [Fact]
    public async Task A_reply_is_still_sent_and_retried_after_the_inbound_connection_has_closed()
    {
        // The connector is slow and then fails once (as during an outage); meanwhile the caller hangs up, as Azure Bot Service does after 10-15 s.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Fake.Script(
            async response =>
            {
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(20));
                response.StatusCode = 503;
            },
            FakeBotFramework.Status(200, "{\"id\":\"1\"}"));
        var activity = fixture.Message("What did Blinken announce?");
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/messages HTTP/1.1\r\nHost: {fixture.Host.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
            $"Authorization: Bearer {fixture.ValidToken()}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, fixture.Host.BaseAddress.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(head);
            await stream.WriteAsync(body);
            await stream.FlushAsync();
            await Fake.WaitForAsync(Activities.Id(activity));
        }

        // The socket is closed; only now does the connector fail the first attempt. The retry still comes, with the same answer.
        gate.SetResult();
        var attempts = await Fake.WaitForAsync(Activities.Id(activity), 2);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        Assert.Contains(CardTexts.Runs(attempts[1].Card), r => r.StartsWith("— ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_card_actions_get_400_with_the_error_body_and_unknown_invokes_501()
    {
        var cases = new (string Name, Action<JsonObject> Mutate, string Code, string Message)[]
        {
            ("no value", a => a.Remove("value"), "BadRequest", "Missing value property"),
            ("value not an object", a => a["value"] = "x", "BadRequest", "Value property is not properly formed"),
            ("no action", a => a["value"] = new JsonObject { ["trigger"] = "manual" }, "BadRequest", "Missing action property"),
            ("Action.Submit", a => a["value"]!["action"]!["type"] = "Action.Submit", "NotSupported", "The action 'Action.Submit' is not supported."),
            ("foreign verb", a => a["value"]!["action"]!["verb"] = "approve", "BadRequest", "Unknown card action"),
        };
        var conversations = new List<string>();
        foreach (var (name, mutate, code, message) in cases)
        {
            var activity = Activities.Invoke(fixture.Message(string.Empty), new JsonObject { ["command"] = "help" });
            mutate(activity);
            conversations.Add(Activities.Id(activity));

            using var response = await fixture.PostAsync(activity, fixture.ValidToken());

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(400, body["statusCode"]!.GetValue<int>());
            Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
            Assert.Equal(code, body["value"]!["code"]!.GetValue<string>());
            Assert.StartsWith(message, body["value"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        foreach (var invokeName in new[] { "task/fetch", "composeExtension/query", "signin/verifyState", "config/fetch" })
        {
            var activity = Activities.Invoke(fixture.Message(string.Empty), new JsonObject { ["command"] = "help" });
            activity["name"] = invokeName;
            conversations.Add(Activities.Id(activity));
            using var response = await fixture.PostAsync(activity, fixture.ValidToken());
            Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        }

        // Refused actions post nothing.
        await Task.Delay(150);
        Assert.All(conversations, c => Assert.Empty(Fake.AllFor(c)));
    }

    [Fact]
    public async Task A_typing_indicator_precedes_an_answer_that_is_not_ready_at_once()
    {
        await using var host = await TeamsHostFixture.StartHostAsync(Fake, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TestTokens.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:TypingDelay"] = "00:00:00",
        });
        var activity = fixture.Message("What did Blinken announce?");

        using var response = await TeamsHostFixture.PostAsync(host, activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Fake.WaitForAsync(Activities.Id(activity));
        var all = Fake.AllFor(Activities.Id(activity));
        Assert.Equal("typing", all[0].Type);
        Assert.Null(all[0].ReplyToId);
        Assert.Equal("message", all[^1].Type);
        Assert.Equal(1, all.Count(r => r.Type == "message"));
    }

    [Fact]
    public async Task A_message_teams_finds_too_large_is_sent_once_smaller_never_again_as_it_was()
    {
        var folder = Paths.NewTempFolder();
        await using var host = await TeamsHostFixture.StartHostAsync(Fake, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TestTokens.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:MaxMessageBytes"] = "40000",
            ["Storage:Path"] = Path.Combine(folder, "kazbrief.db"),
        });
        var conversation = TeamsHostFixture.NewConversationId();
        var activity = Activities.Message("article 001", conversation, Fake.ServiceUrl);
        Fake.MaxMessageUtf16Bytes = 9_000;
        try
        {
            using var response = await TeamsHostFixture.PostAsync(host, activity, fixture.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var attempts = await Fake.WaitForAsync(conversation, 2);
            await Task.Delay(300);
            attempts = Fake.For(conversation);

            Assert.Equal(2, attempts.Count);
            Assert.True(attempts[0].Utf16Bytes > 9_000, $"first attempt {attempts[0].Utf16Bytes} bytes should exceed the limit");
            Assert.True(attempts[1].Utf16Bytes <= 9_000, $"second attempt {attempts[1].Utf16Bytes} bytes");
            Assert.NotEqual(attempts[0].Body, attempts[1].Body);

            // Nothing is lost: the smaller card offers the rest behind "More".
            Assert.Equal("More", attempts[1].Card["actions"]![0]!["title"]!.GetValue<string>());
        }
        finally
        {
            Fake.MaxMessageUtf16Bytes = 102_400;
        }
    }

    [Fact]
    public async Task More_continues_a_long_reply_for_everyone_across_a_restart()
    {
        var folder = Paths.NewTempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TestTokens.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:MaxMessageBytes"] = "8192",
            ["Teams:TypingDelay"] = "00:01:00",
            ["Storage:Path"] = Path.Combine(folder, "kazbrief.db"),
        };
        var conversation = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var thread = conversation + ";messageid=1767326091220";
        var article = File.ReadAllText(Directory.GetFiles(Paths.Seeds, "001_*.txt").Single());
        var pages = new List<ConnectorRequest>();

        await using (var first = await TeamsHostFixture.StartHostAsync(Fake, settings))
        {
            using var response = await TeamsHostFixture.PostAsync(first, Activities.Message("article 001", thread, Fake.ServiceUrl), fixture.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(Assert.Single(await Fake.WaitForAsync(thread)));
        }

        // A new process over the same database (or another instance sharing it) still knows what "More" continues.
        await using var second = await TeamsHostFixture.StartHostAsync(Fake, settings);
        while (MoreData(pages[^1]) is { } data)
        {
            var click = Activities.Invoke(Activities.Message(string.Empty, thread, Fake.ServiceUrl), data);
            using var response = await TeamsHostFixture.PostAsync(second, click, fixture.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var posted = await Fake.WaitForAsync(thread, pages.Count + 1);
            pages.Add(posted[^1]);
            Assert.True(pages.Count < 20, "paging does not end");
        }

        Assert.True(pages.Count >= 3, $"expected several pages, got {pages.Count}");
        Assert.All(pages, p => Assert.True(p.Utf16Bytes <= 8192, $"a page of {p.Utf16Bytes} UTF-16 bytes"));

        // Every word of the article body appears, in order, across the pages.
        var shown = string.Concat(pages.SelectMany(p => CardTexts.Runs(p.Card)).Where(r => !r.StartsWith("Showing part", StringComparison.Ordinal)));
        var lastWord = article.TrimEnd().Split(' ', '\n')[^1];
        Assert.Contains(lastWord, shown, StringComparison.Ordinal);

        // Another conversation cannot continue this reply.
        var stranger = Activities.Invoke(Activities.Message(string.Empty, "a:other-" + Guid.NewGuid().ToString("N"), Fake.ServiceUrl), MoreData(pages[0])!);
        using (var response = await TeamsHostFixture.PostAsync(second, stranger, fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var refused = Assert.Single(await Fake.WaitForAsync(Activities.Id(stranger)));
        Assert.Contains("expired", refused.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_on_a_thread_reply_leaves_the_channels_digest_running()
    {
        var channel = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var store = fixture.Host.Services.GetRequiredService<SubscriptionStore>();
        var reference = new TeamsConversationReference(Fake.ServiceUrl, channel, FakeBotFramework.TenantId, Activities.BotId, Activities.BotName);
        await store.SubscribeAsync(new ConversationRef("teams", channel, null, reference.ToJson()), new TimeOnly(9, 0), "Asia/Almaty");
        Fake.Script(FakeBotFramework.Status(404, """{"error":{"code":"ActivityNotFoundInConversation","message":"Unknown activity"}}"""));
        var question = fixture.Message("help", conversationId: channel + ";messageid=1767326000001");

        using (var response = await fixture.PostAsync(question, fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Fake.WaitForAsync(Activities.Id(question));
        await Task.Delay(300);
        Assert.False((await store.FindAsync("teams", channel))!.Paused);

        // A 404 on a new message in the channel itself (the scheduler's post) does mean the conversation is gone.
        var poster = fixture.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "teams");
        Fake.Script(FakeBotFramework.Status(404, """{"error":{"code":"ConversationNotFound","message":"gone"}}"""));
        Assert.Equal(DeliveryOutcome.Blocked, (await poster.PostAsync(new ConversationRef("teams", channel, null, reference.ToJson()), Reply.Text("x"), CancellationToken.None)).Outcome);
    }

    private static JsonObject? MoreData(ConnectorRequest page) =>
        page.Card["actions"]?.AsArray()
            .Select(a => a!["data"]!.AsObject())
            .FirstOrDefault(d => d.ContainsKey(AdaptiveCardRenderer.MoreKey))?.DeepClone().AsObject();
}
