using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Replays every recorded Teams payload in ../shared/fixtures/teams through the real endpoint with valid tokens.</summary>
public sealed class TeamsFixtureReplayTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private static string FixtureFolder => Path.Combine(Paths.Shared, "fixtures", "teams");

    /// <summary>Every activity in the fixture files as (file, key); the vercel-*.json files hold several payloads under named keys.</summary>
    public static TheoryData<string, string> RecordedActivities()
    {
        var data = new TheoryData<string, string>();
        if (!Directory.Exists(FixtureFolder))
        {
            data.Add("(absent)", string.Empty);
            return data;
        }

        foreach (var file in Directory.GetFiles(FixtureFolder, "*.json").Order(StringComparer.Ordinal))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (root["type"] is not null)
            {
                data.Add(Path.GetFileName(file), string.Empty);
                continue;
            }

            foreach (var (key, value) in root)
            {
                if (value is JsonObject obj && obj["type"] is not null)
                {
                    data.Add(Path.GetFileName(file), key);
                }
            }
        }

        return data;
    }

    [SharedPathFact("fixtures/teams")]
    public void The_fixture_folder_holds_the_recorded_activities() =>
        Assert.True(RecordedActivities().Count() >= 10, "expected the recorded Teams payloads (messages, actions, a reaction)");

    [SharedPathTheory("fixtures/teams")]
    [MemberData(nameof(RecordedActivities))]
    public async Task Recorded_activity_is_accepted_and_answered_as_teams_expects(string file, string key)
    {
        var activity = Load(file, key);

        // Point the recorded activity at the fake connector and give it a conversation of its own so tests do not mix.
        activity["serviceUrl"] = fixture.Fake.ServiceUrl;
        var conversationId = Activities.Id(activity) + "-" + Guid.NewGuid().ToString("N")[..8];
        activity["conversation"]!["id"] = conversationId;

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (activity["type"]!.GetValue<string>() == "message")
        {
            var sent = Assert.Single(await fixture.Fake.WaitForAsync(conversationId));
            Assert.Equal(activity["id"]!.GetValue<string>(), sent.ReplyToId);
            Assert.Equal("1.5", sent.Card["version"]!.GetValue<string>());
            Assert.True(sent.Bytes < 80_000);
            Assert.DoesNotContain("<at>", sent.CardText, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            await Task.Delay(150);
            Assert.Empty(fixture.Fake.For(conversationId));
        }
    }

    [SharedPathTheory("fixtures/teams")]
    [InlineData("vercel-actions-reactions.json", "mention", "Test")]
    [InlineData("vercel-channel-mention.json", "mention", "Hey")]
    [InlineData("vercel-dm.json", "mention", "Hey")]
    [InlineData("vercel-dm.json", "dmMessage", "Hey")]
    [InlineData("vercel-mention-followup.json", "mention", "Hey")]
    [InlineData("vercel-mention-followup.json", "followUp", "Hi")]
    public void The_bots_own_mention_is_stripped(string file, string key, string expected)
    {
        var activity = JsonSerializer.Deserialize<Activity>(Load(file, key).ToJsonString(), BotJson.Options)!;
        Assert.Equal(expected, TeamsActivityHandler.StripBotMention(activity));
    }

    [Fact]
    public void Other_users_mentions_are_kept()
    {
        var activity = new Activity
        {
            Text = "<at>Bot</at> what did <at>Alice</at> say",
            Recipient = new ChannelAccount { Id = "28:bot", Name = "Bot" },
            Entities =
            [
                JsonDocument.Parse("""{"type":"mention","text":"<at>Bot</at>","mentioned":{"id":"28:bot","name":"Bot"}}""").RootElement,
                JsonDocument.Parse("""{"type":"mention","text":"<at>Alice</at>","mentioned":{"id":"29:alice","name":"Alice"}}""").RootElement,
            ],
        };
        Assert.Equal("what did <at>Alice</at> say", TeamsActivityHandler.StripBotMention(activity));
    }

    private static JsonObject Load(string file, string key)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, file)))!.AsObject();
        return (key.Length == 0 ? root : root[key]!.AsObject()).DeepClone().AsObject();
    }
}
