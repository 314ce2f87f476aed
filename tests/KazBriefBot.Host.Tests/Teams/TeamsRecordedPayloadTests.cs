using System.Net;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>
/// Invoke, conversationUpdate and installationUpdate activities recorded from real Teams tenants (public MIT test suites,
/// see recorded/PROVENANCE.md), replayed through the real endpoint; each test checks what the bot answered.
/// </summary>
public sealed class TeamsRecordedPayloadTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private const string TeamId = "19:8j-Mnacwmq2QFDbzykeQH5v55m6cN1X3QJ5viHvGIIQ1@thread.tacv2";
    private const string ChannelId = "19:d441d38c655c47a085215b2726e76927@thread.tacv2";

    private FakeBotFramework Fake => fixture.Fake;

    [Fact]
    public async Task A_recorded_action_execute_from_another_apps_card_gets_400_with_the_sdk_error_body()
    {
        var invoke = Load("teamsnet-invoke-adaptivecard-action.json");

        using var response = await fixture.PostAsync(invoke, fixture.ValidToken());

        // Its card has no KazBriefBot verb ("Submit Feedback" with {"feedback": ...}): refused as the SDK refuses bad invokes, nothing posted.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal("BadRequest", body["value"]!["code"]!.GetValue<string>());
        Assert.Equal(3, body.Count);
        await Task.Delay(150);
        Assert.Empty(Fake.AllFor(Activities.Id(invoke)));
    }

    [Fact]
    public async Task The_recorded_action_execute_with_a_kazbriefbot_button_is_answered_for_everyone()
    {
        var invoke = Load("teamsnet-invoke-adaptivecard-action.json");

        // The same recorded envelope, carrying what a KazBriefBot "Sources" button sends.
        invoke["value"]!["action"]!["verb"] = AdaptiveCardRenderer.CommandVerb;
        invoke["value"]!["action"]!["data"] = new JsonObject { [AdaptiveCardRenderer.CommandKey] = "sources" };

        using var response = await fixture.PostAsync(invoke, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        var sent = Assert.Single(await Fake.WaitForAsync(Activities.Id(invoke)));
        Assert.Equal("f:17b96347-e8b4-f340-10bc-eb52fc1a6ad4", sent.ReplyToId);
        Assert.Equal("29:1uMVvhoAyfTqdMsyvHL0qlJTTfQF9MOUSI8_cQts2kdSWEZVDyJO2jz-CsNOhQcdYq1Bw4cHT0__O6XDj4AZ-Jw", sent.Json["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("56653e9d-2158-46ee-90d7-675c39642038", sent.Json["conversation"]!["tenantId"]!.GetValue<string>());
        Assert.Contains("Sources (5)", sent.CardText, StringComparison.Ordinal);
        Assert.Equal("Sources (5)", sent.Json["summary"]!.GetValue<string>()[.."Sources (5)".Length]);
    }

    [Fact]
    public async Task The_recorded_bot_added_to_a_team_posts_one_welcome_card_in_the_channel()
    {
        var added = Load("vercel-conversation-update-bot-added.json", uniqueConversation: true);

        using var response = await fixture.PostAsync(added, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await Fake.WaitForAsync(Activities.Id(added)));
        Assert.Null(sent.ReplyToId);
        Assert.Equal("28:11111111-2222-3333-4444-555555555555", sent.Json["from"]!["id"]!.GetValue<string>());
        Assert.Contains("What did Blinken announce?", sent.CardText, StringComparison.Ordinal);
        Assert.Equal(["Ask about Blinken", "Today's digest", "Trade figures", "Help"], sent.Card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_recorded_install_posts_nothing_and_the_uninstall_pauses_every_digest_of_the_team_at_once()
    {
        var store = fixture.Host.Services.GetRequiredService<SubscriptionStore>();
        var general = await SubscribeAsync(store, TeamId, TeamId);
        var channel = await SubscribeAsync(store, ChannelId, TeamId);
        var otherTeam = await SubscribeAsync(store, "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2", "19:another-team@thread.tacv2");
        var install = Load("vercel-installation-update-add.json");

        using (var response = await fixture.PostAsync(install, fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Task.Delay(150);
        Assert.Empty(Fake.AllFor(ChannelId));

        // The uninstall: the recorded activity with action "remove" (see PROVENANCE.md).
        var uninstall = Load("vercel-installation-update-add.json");
        uninstall["action"] = "remove";
        uninstall["id"] = "f:installation-remove";
        using (var response = await fixture.PostAsync(uninstall, fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Paused before the 200 was sent: no waiting.
        Assert.True((await store.FindAsync("teams", general))!.Paused);
        var paused = (await store.FindAsync("teams", channel))!;
        Assert.True(paused.Paused);
        Assert.Equal("Teams: the app was uninstalled", paused.PausedReason);
        Assert.False((await store.FindAsync("teams", otherTeam))!.Paused);
        Assert.Empty(Fake.AllFor(ChannelId));
    }

    [Fact]
    public async Task The_bot_removed_from_a_team_pauses_the_teams_digests()
    {
        var store = fixture.Host.Services.GetRequiredService<SubscriptionStore>();
        var team = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var channel = await SubscribeAsync(store, "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2", team);

        // The recorded team event, turned into its removal counterpart (membersRemoved, teamMemberRemoved) for another team.
        var removed = Load("vercel-conversation-update-bot-added.json");
        removed["membersRemoved"] = removed["membersAdded"]!.DeepClone();
        removed.Remove("membersAdded");
        removed["channelData"]!["eventType"] = "teamMemberRemoved";
        removed["channelData"]!["team"]!["id"] = team;
        removed["conversation"]!["id"] = team;

        using var response = await fixture.PostAsync(removed, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paused = (await store.FindAsync("teams", channel))!;
        Assert.True(paused.Paused);
        Assert.Equal("Teams: the bot was removed from the conversation", paused.PausedReason);
        await Task.Delay(150);
        Assert.Empty(Fake.AllFor(team));
    }

    [Fact]
    public async Task A_recorded_action_submit_press_in_a_channel_thread_gets_a_reply_in_the_thread()
    {
        var press = Load("vercel-channel-post-action.json", uniqueConversation: true);

        using var response = await fixture.PostAsync(press, fixture.ValidToken());

        // Not a KazBriefBot button ({"actionId":"channel-post"}): the help text, in the thread, as for Action.Execute.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await Fake.WaitForAsync(Activities.Id(press)));
        Assert.Equal("f:56006e85-7a67-25c7-704d-7f0a1e45eeec", sent.ReplyToId);
        Assert.Contains("subscribe", sent.CardText, StringComparison.Ordinal);
        Assert.StartsWith("I answer questions", sent.Json["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private JsonObject Load(string file, bool uniqueConversation = false)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "tests", "KazBriefBot.Host.Tests", "Teams", "recorded", file)))!.AsObject();
        activity["serviceUrl"] = Fake.ServiceUrl;
        if (uniqueConversation)
        {
            // Recorded ids are shared between files: a suffix keeps each test's connector traffic apart.
            activity["conversation"]!["id"] = activity["conversation"]!["id"]!.GetValue<string>() + "-" + Guid.NewGuid().ToString("N")[..8];
        }

        return activity;
    }

    private async Task<string> SubscribeAsync(SubscriptionStore store, string conversationId, string teamId)
    {
        var reference = new TeamsConversationReference(Fake.ServiceUrl, conversationId, FakeBotFramework.TenantId, Activities.BotId, Activities.BotName, TeamId: teamId);
        await store.SubscribeAsync(new ConversationRef("teams", conversationId, null, reference.ToJson()), new TimeOnly(9, 0), "Asia/Almaty");
        return conversationId;
    }
}
