using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>End to end over the real host with valid tokens: questions, card actions, installs, retries and blocked conversations.</summary>
public sealed class TeamsActivityTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private FakeBotFramework Fake => fixture.Fake;

    [Fact]
    public async Task A_question_with_the_bots_mention_gets_verbatim_quotes_with_their_sources()
    {
        var activity = fixture.Message("<at>KazBriefBot</at> What did Blinken announce?");
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>KazBriefBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = Activities.BotId, ["name"] = Activities.BotName },
        });

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = Assert.Single(await Fake.WaitForAsync(Activities.Id(activity))).Card;
        var runs = CardTexts.Runs(card).ToList();
        var quotes = runs.Where(r => r.StartsWith('“') && r.EndsWith('”')).Select(r => r[1..^1]).ToList();
        Assert.NotEmpty(quotes);
        var seeds = Directory.GetFiles(Paths.Seeds).Select(File.ReadAllText).ToList();
        Assert.All(quotes, q => Assert.Contains(seeds, s => s.Contains(q, StringComparison.Ordinal)));
        Assert.Contains(runs, r => r.StartsWith("— ", StringComparison.Ordinal) && r.Contains("001_43cb461444ca7a2a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Action_execute_is_acknowledged_for_the_clicker_and_answered_in_the_conversation_for_everyone()
    {
        var activity = Activities.Invoke(fixture.Message(string.Empty), new JsonObject { [AdaptiveCardRenderer.CommandKey] = "article 001" });

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        // The invoke response is a short message for the clicker, not a card that would replace theirs.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal(TeamsActivityHandler.FollowUpPostedText, body["value"]!.GetValue<string>());

        // The answer is a new message in the conversation, replying to the invoke as the SDK's SendActivity does.
        var sent = Assert.Single(await Fake.WaitForAsync(Activities.Id(activity)));
        Assert.Equal(activity["id"]!.GetValue<string>(), sent.ReplyToId);
        Assert.Equal("1.5", sent.Card["version"]!.GetValue<string>());
        Assert.Contains("Antony Blinken announced during his first official visit to Astana", sent.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_submit_runs_the_buttons_command()
    {
        var activity = fixture.Message(string.Empty);
        activity.Remove("text");
        activity["value"] = new JsonObject { [AdaptiveCardRenderer.CommandKey] = "sources" };

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await Fake.WaitForAsync(Activities.Id(activity)));
        foreach (var file in Directory.GetFiles(Paths.Seeds))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(file), sent.CardText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bot_added_to_a_conversation_posts_a_welcome_card_with_examples()
    {
        var activity = fixture.Message(string.Empty);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await Fake.WaitForAsync(Activities.Id(activity)));
        Assert.Null(sent.ReplyToId);
        Assert.Contains("What did Blinken announce?", sent.CardText, StringComparison.Ordinal);
        Assert.Equal(AdaptiveCardRenderer.WelcomeExamples.Count, sent.Card["actions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Someone_else_joining_and_unknown_activity_types_get_200_and_nothing_else()
    {
        var joined = fixture.Message(string.Empty);
        joined["type"] = "conversationUpdate";
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone-else" });
        var typing = fixture.Message(string.Empty);
        typing["type"] = "typing";
        var invented = fixture.Message("help");
        invented["type"] = "somethingNew";
        var oddMembers = fixture.Message(string.Empty);
        oddMembers["type"] = "conversationUpdate";
        oddMembers["membersAdded"] = new JsonArray(null, new JsonObject());

        foreach (var activity in new[] { joined, typing, invented, oddMembers })
        {
            using var response = await fixture.PostAsync(activity, fixture.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Task.Delay(150);
        Assert.Empty(Fake.For(Activities.Id(joined)));
        Assert.Empty(Fake.For(Activities.Id(typing)));
        Assert.Empty(Fake.For(Activities.Id(invented)));
        Assert.Empty(Fake.For(Activities.Id(oddMembers)));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_honoring_retry_after()
    {
        var activity = fixture.Message("help");
        Fake.Script(FakeBotFramework.Status(503), FakeBotFramework.Status(429, retryAfter: "1"));

        var started = DateTime.UtcNow;
        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempts = await Fake.WaitForAsync(Activities.Id(activity), 3);
        Assert.Equal(3, attempts.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the Retry-After of 1 s was not honored");
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
    }

    [Fact]
    public async Task Message_writes_blocked_is_not_retried()
    {
        var activity = fixture.Message("help");
        Fake.Script(FakeBotFramework.Status(403, """{"error":{"code":"Forbidden","message":"Thread is blocked","subCode":"MessageWritesBlocked"}}"""));

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(300);
        Assert.Single(Fake.For(Activities.Id(activity)));
        Assert.Contains(fixture.Host.Services.GetLogLines(), l => l.Contains("blocks the bot (MessageWritesBlocked)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proactive_posts_go_to_the_stored_conversation_with_a_token()
    {
        var poster = fixture.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "teams");
        var conversationId = "19:channel-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var reference = new TeamsConversationReference(Fake.ServiceUrl, conversationId, FakeBotFramework.TenantId, Activities.BotId, Activities.BotName);
        var conversation = new ConversationRef("teams", conversationId, null, reference.ToJson());

        var result = await poster.PostAsync(conversation, Reply.Text("Your digest"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var sent = Assert.Single(Fake.For(conversationId));
        Assert.Null(sent.ReplyToId);
        Assert.Equal("Bearer " + FakeBotFramework.AccessToken, sent.Authorization);
        Assert.Contains("Your digest", sent.CardText, StringComparison.Ordinal);

        Fake.Script(FakeBotFramework.Status(403, """{"error":{"code":"MessageWritesBlocked","message":"blocked"}}"""));
        var blocked = await poster.PostAsync(conversation, Reply.Text("Your digest"), CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Blocked, blocked.Outcome);
        Assert.Equal(2, Fake.For(conversationId).Count);

        Fake.Script([.. Enumerable.Repeat(FakeBotFramework.Status(500), 5)]);
        var failed = await poster.PostAsync(conversation, Reply.Text("Your digest"), CancellationToken.None);
        Assert.Equal(DeliveryOutcome.RetryLater, failed.Outcome);
        Assert.Equal(2 + 5, Fake.For(conversationId).Count);

        var missing = await poster.PostAsync(new ConversationRef("teams", conversationId), Reply.Text("x"), CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Blocked, missing.Outcome);
    }

    [Fact]
    public async Task Subscribing_in_a_channel_thread_stores_a_reference_the_poster_uses_and_a_block_pauses_it()
    {
        var channel = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var subscribe = fixture.Message("subscribe 09:00 Asia/Almaty", conversationId: channel + ";messageid=1767326091220");

        using (var response = await fixture.PostAsync(subscribe, fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Fake.WaitForAsync(Activities.Id(subscribe));
        var store = fixture.Host.Services.GetRequiredService<SubscriptionStore>();
        var subscription = await store.FindAsync("teams", channel);
        Assert.NotNull(subscription);
        Assert.False(subscription.Paused);
        var reference = TeamsConversationReference.Parse(subscription.Conversation.Reference);
        Assert.NotNull(reference);
        Assert.Equal(channel, reference.ConversationId);

        // The scheduler posts a digest from the stored reference: a new post in the channel, not a reply in the thread.
        var poster = fixture.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "teams");
        Assert.Equal(DeliveryOutcome.Delivered, (await poster.PostAsync(subscription.Conversation, Reply.Text("Digest"), CancellationToken.None)).Outcome);
        var posted = Assert.Single(Fake.For(channel));
        Assert.Null(posted.ReplyToId);

        // Later the bot is removed: the reply is refused with MessageWritesBlocked and the subscription is paused.
        Fake.Script(FakeBotFramework.Status(403, """{"error":{"code":"MessageWritesBlocked","message":"blocked"}}"""));
        var question = fixture.Message("help", conversationId: channel + ";messageid=1767326099999");
        using (var response = await fixture.PostAsync(question, fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Fake.WaitForAsync(channel + ";messageid=1767326099999");
        var paused = await WaitUntilAsync(() => store.FindAsync("teams", channel), s => s!.Paused);
        Assert.True(paused!.Paused);
        Assert.Contains("MessageWritesBlocked", paused.PausedReason, StringComparison.Ordinal);
    }

    internal static async Task<T> WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        var value = await read();
        while (!done(value) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(20);
            value = await read();
        }

        return value;
    }

    [Fact]
    public void The_reference_of_a_channel_thread_names_the_channel()
    {
        var activity = fixture.Message("help", conversationId: "19:abc@thread.tacv2;messageid=1767326091220");
        var parsed = JsonSerializer.Deserialize<Activity>(activity.ToJsonString(), BotJson.Options)!;

        var reference = TeamsConversationReference.From(parsed)!;

        Assert.Equal("19:abc@thread.tacv2", reference.ConversationId);
        Assert.Equal(Fake.ServiceUrl, reference.ServiceUrl);
        Assert.Equal(FakeBotFramework.TenantId, reference.TenantId);
        Assert.Equal(Activities.BotId, reference.BotId);
        Assert.Equal(reference, TeamsConversationReference.Parse(reference.ToJson()));
        Assert.Null(TeamsConversationReference.Parse("{\"channel\":\"C123\"}"));
    }
}
