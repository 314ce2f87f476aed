using System.Net;
using System.Text;
using KazBriefBot.Host.Reliability;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Reliability;

/// <summary>Per-user and per-conversation chat limits answer with a friendly "slow down"; the HTTP API answers 429; local mode never posts off this machine.</summary>
public sealed class RateLimitTests
{
    private const string SigningSecret = "rate-limit-signing-secret-0123456789";

    [Fact]
    public async Task A_teams_user_over_the_limit_is_asked_to_slow_down_and_others_still_get_answers()
    {
        await using var remote = await FakeRemote.StartAsync();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:PerUserPerMinute"] = "3",
            ["RateLimits:PerConversationPerMinute"] = "100",
        });

        for (var i = 0; i < 4; i++)
        {
            using var response = await PostActivityAsync(host, remote.BaseAddress, user: "u-busy", conversation: "dm-busy", text: "What did Blinken announce?");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var other = await PostActivityAsync(host, remote.BaseAddress, user: "u-calm", conversation: "dm-calm", text: "What did Blinken announce?"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        var busy = await remote.WaitForAsync(r => r.Path.Contains("dm-busy", StringComparison.Ordinal), 4);
        var calm = await remote.WaitForAsync(r => r.Path.Contains("dm-calm", StringComparison.Ordinal), 1);
        Assert.Equal(4, busy.Count);
        Assert.Equal(3, busy.Count(r => !r.Body.Contains("slow down", StringComparison.Ordinal)));
        Assert.Contains("slow down", busy.Last().Body, StringComparison.Ordinal);
        Assert.DoesNotContain("slow down", Assert.Single(calm).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_slack_channel_is_limited_per_conversation_across_users()
    {
        await using var remote = await FakeRemote.StartAsync();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = "xoxb-rate-limit",
            ["Slack:ApiBaseUrl"] = remote.BaseAddress.ToString(),
            ["RateLimits:PerUserPerMinute"] = "100",
            ["RateLimits:PerConversationPerMinute"] = "2",
        });

        for (var i = 0; i < 3; i++)
        {
            using var request = SlackSigning.Signed("/slack/commands", SlackSigning.Command("what did Blinken announce?", new Uri(remote.BaseAddress, "hook"), user: $"U{i}", channel: "CBUSY"), "application/x-www-form-urlencoded", SigningSecret);
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Acknowledged at once, answered in the channel (the response_url is not Slack's): two answers and one "slow down".
        var answers = await remote.WaitForAsync(r => r.Path.Contains("chat.postMessage", StringComparison.Ordinal) && r.Body.Contains("CBUSY", StringComparison.Ordinal), count: 3);
        Assert.Equal(3, answers.Count);
        Assert.Single(answers, a => a.Body.Contains("slow down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_http_api_answers_429_with_a_problem_when_a_client_asks_too_often()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:ApiPerClientPerMinute"] = "5" });
        var statuses = new List<HttpStatusCode>();
        string last = string.Empty;
        for (var i = 0; i < 7; i++)
        {
            using var content = new StringContent("""{"question":"What is the C5+1 format?"}""", Encoding.UTF8, "application/json");
            using var response = await host.Client.PostAsync(new Uri("/api/ask", UriKind.Relative), content);
            statuses.Add(response.StatusCode);
            last = await response.Content.ReadAsStringAsync();
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Contains(ChatDispatcher.SlowDownText, last, StringComparison.Ordinal);
        var health = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Local_mode_refuses_activities_whose_service_url_is_not_on_this_machine()
    {
        await using var host = await TestHost.StartAsync();
        using var response = await PostActivityAsync(host, new Uri("https://smba.trafficmanager.net/amer/"), user: "u1", conversation: "c1", text: "hi");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Teams:AppId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slack_response_url_outside_slack_is_never_used_and_the_answer_comes_through_the_web_api()
    {
        await using var remote = await FakeRemote.StartAsync();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = "xoxb-response-url",
            ["Slack:ApiBaseUrl"] = remote.BaseAddress.ToString(),
        });

        // Signed (so it passed verification) but pointing at a host that is not Slack's: the bot must not post there.
        using var request = SlackSigning.Signed("/slack/commands", SlackSigning.Command("What did Blinken announce?", new Uri(remote.BaseAddress, "not-slack")), "application/x-www-form-urlencoded", SigningSecret);
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await remote.WaitForAsync(r => r.Path.Contains("chat.postMessage", StringComparison.Ordinal));
        Assert.Contains("Blinken", Assert.Single(posted).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(remote.Requests, r => r.Path.Contains("not-slack", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> PostActivityAsync(TestHost host, Uri serviceUrl, string user, string conversation, string text)
    {
        var activity = $$"""
            {"type":"message","id":"{{Guid.NewGuid():N}}","channelId":"msteams","serviceUrl":"{{serviceUrl}}","text":"{{text}}",
             "from":{"id":"{{user}}","name":"Tester"},"recipient":{"id":"28:bot","name":"KazBriefBot"},
             "conversation":{"id":"{{conversation}}","conversationType":"personal","tenantId":"t1"} }
            """;
        return host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity, Encoding.UTF8, "application/json"));
    }
}
