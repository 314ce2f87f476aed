using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>Replays every recorded payload in ../shared/fixtures/slack through the endpoints, signed with the test secret.</summary>
public sealed class SlackFixtureReplayTests(SlackHostFixture fixture) : IClassFixture<SlackHostFixture>
{
    private SlackHost S => fixture.Slack;

    private static string FixturePath(string name) => Path.Combine(Paths.Shared, "fixtures", "slack", name);

    /// <summary>Every fixture payload with what the bot must do with it: the channel and thread it answers in, or null when it must stay silent.</summary>
    public static TheoryData<string, string?, string?, string?> Payloads() => new()
    {
        // file, key in the file, expected reply channel, expected thread_ts
        { "botbuilder-MessageBody.json", null, "channelId", "1568915625.001000" },
        { "botbuilder-MessageBodyWithFileShare.json", null, "channelId", "1568915625.001000" },
        { "botbuilder-UnknownEvent.json", null, null, null },
        { "vercel-actions-reactions.json", "mention", "C00FAKECHAN1", "1767326125.870439" },
        { "vercel-actions-reactions.json", "reaction", null, null },
        { "vercel-channel-mention.json", "mention", null, null },
        { "vercel-dm.json", "directDM", "D0ACX51K95H", "1771442483.260129" },
        { "vercel-dm.json", "followUp", "D0ACX51K95H", "1771442498.377609" },
        { "vercel-mention-thread.json", "mention", null, null },
        { "vercel-mention-thread.json", "followUp", null, null },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Recorded_events_are_acknowledged_and_answered_only_when_meant_for_the_bot(string file, string? key, string? replyChannel, string? threadTs)
    {
        // A fresh host per payload: several fixtures share an event id and a message ts, which one host rightly handles once.
        await using var s = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:Workers"] = "1" });
        using var response = await s.Slack.PostAsync("/slack/events", await RecordedBytesAsync(file, key), "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // A marker DM, answered after the payload (one worker, first in first out), shows whether the payload got a reply.
        using var marker = await s.Slack.EventAsync(SlackEndpointTests.Dm("Ev-marker-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKER").ToJsonString());
        await s.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        var replies = s.Fake.Calls.Where(c => c.Str("channel") != "D0MARKER").ToList();
        if (replyChannel is null)
        {
            Assert.Empty(replies);
        }
        else
        {
            var reply = Assert.Single(replies);
            Assert.Equal("chat.postMessage", reply.Method);
            Assert.Equal(replyChannel, reply.Str("channel"));
            Assert.Equal(threadTs, reply.Str("thread_ts"));
        }
    }

    [Fact]
    public async Task The_recorded_url_verification_is_answered_with_its_challenge()
    {
        var json = await File.ReadAllTextAsync(FixturePath("botbuilder-URLVerificationBody.json"));

        using var response = await S.Slack.PostAsync("/slack/events", await File.ReadAllBytesAsync(FixturePath("botbuilder-URLVerificationBody.json")), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var challenge = JsonNode.Parse(json)!["challenge"]!.GetValue<string>();
        Assert.Equal(challenge, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]);
    }

    [Fact]
    public async Task The_recorded_raw_slash_command_body_is_acknowledged_and_answered_with_help_at_its_response_url()
    {
        // Replayed byte for byte: the body Slack signed is the body we verify.
        S.Fake.Reset();
        var body = await File.ReadAllBytesAsync(FixturePath("botbuilder-SlashCommandBody.txt"));

        using var response = await S.Slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var answer = Assert.Single(await S.Fake.WaitForAsync(c => c.Path == "/commands/T03CWQ0QB/769792719332/5WvhrI4tX5xxFY2HmKwz0jI2"));
        var text = SlackTestClient.AllText(answer.Body);
        Assert.Contains("ask", text, StringComparison.Ordinal);
        Assert.Contains("digest", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slashCommand", "digest")]
    [InlineData("slashCommandWithArgs", null)]
    public async Task Recorded_slash_commands_are_answered_at_their_response_url(string key, string? expectedWord)
    {
        S.Fake.Reset();
        var fields = JsonNode.Parse(await File.ReadAllTextAsync(FixturePath("vercel-slash-commands.json")))![key]!.AsObject()
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value!.GetValue<string>())).ToList();

        using var response = await S.Slack.CommandAsync(fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = Assert.Single(await S.Fake.WaitForAsync(c => c.Path == "/commands/T00FAKE00BB/10521386623270/6U66ryd5RNMenHgPzeTf3u7K")).Body;
        Assert.NotEmpty(body["blocks"]!.AsArray());
        if (expectedWord is not null)
        {
            Assert.Contains(expectedWord, SlackTestClient.AllText(body), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_recorded_raw_block_actions_body_with_a_byte_order_mark_is_acknowledged_and_ignored()
    {
        S.Fake.Reset();
        var body = await File.ReadAllBytesAsync(FixturePath("botbuilder-BlockActionsBody.txt"));
        Assert.Equal(0xEF, body[0]);

        using var response = await S.Slack.PostAsync("/slack/interactions", body, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNoSlackCallsAsync();
    }

    [Theory]
    [InlineData("vercel-actions-reactions.json", "action")]
    [InlineData("vercel-actions-reactions.json", "staticSelectAction")]
    [InlineData("vercel-actions-reactions.json", "radioButtonsAction")]
    [InlineData("vercel-slash-commands.json", "viewSubmission")]
    public async Task Recorded_interactions_that_are_not_our_buttons_are_acknowledged_and_ignored(string file, string key)
    {
        S.Fake.Reset();
        var payload = Encoding.UTF8.GetString(await RecordedBytesAsync(file, key));

        using var response = await S.Slack.InteractionAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNoSlackCallsAsync();
    }

    [Fact]
    public void Every_fixture_file_is_replayed_by_a_test()
    {
        // vercel-slash-commands.json also holds "slashCommandModalContext": the Chat SDK's own modal state, not a Slack payload.
        var replayed = new[]
        {
            "botbuilder-BlockActionsBody.txt", "botbuilder-MessageBody.json", "botbuilder-MessageBodyWithFileShare.json",
            "botbuilder-SlashCommandBody.txt", "botbuilder-URLVerificationBody.json", "botbuilder-UnknownEvent.json",
            "signature-vector.json", "vercel-actions-reactions.json", "vercel-channel-mention.json", "vercel-dm.json",
            "vercel-mention-thread.json", "vercel-slash-commands.json",
        };
        var files = Directory.GetFiles(Path.Combine(Paths.Shared, "fixtures", "slack")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(replayed.Order().ToArray(), files);
    }

    /// <summary>
    /// The payload exactly as recorded: the whole file, or the bytes of one keyed object of it (JsonElement.GetRawText is
    /// the original text), so the signature covers what Slack sent and not our re-serialization of it.
    /// </summary>
    private static async Task<byte[]> RecordedBytesAsync(string file, string? key)
    {
        var bytes = await File.ReadAllBytesAsync(FixturePath(file));
        if (key is null)
        {
            return bytes;
        }

        using var document = System.Text.Json.JsonDocument.Parse(bytes);
        return Encoding.UTF8.GetBytes(document.RootElement.GetProperty(key).GetRawText());
    }

    private async Task AssertNoSlackCallsAsync()
    {
        using var marker = await S.Slack.EventAsync(SlackEndpointTests.Dm("Ev-marker-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKER").ToJsonString());
        await S.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKER");
        Assert.Single(S.Fake.Calls);
    }

}
