using System.Net;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>The OAuth v2 install against the fake's oauth.v2.access, and what each team's requests then use.</summary>
public sealed class SlackOAuthTests
{
    private const string ClientId = "1111.2222";
    private const string ClientSecret = "oauth-client-secret-not-real";
    private const string Code = "1111.2222.code";
    private const string TeamToken = "xoxb-team-two-token-not-real";

    // The shape of Slack's documented oauth.v2.access answer (docs.slack.dev, method oauth.v2.access), ids made up.
    private static readonly JsonObject Answer = JsonNode.Parse("""
        {"ok":true,"access_token":"xoxb-team-two-token-not-real","token_type":"bot","scope":"commands,chat:write",
         "bot_user_id":"U0TWOBOT","app_id":"A0KRD7HC3","team":{"id":"T0TWO","name":"Second & Co"},"enterprise":null,
         "authed_user":{"id":"U0INSTALLER"}}
        """)!.AsObject();

    private static async Task<SlackHost> StartAsync()
    {
        var s = await SlackHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "",
            ["Slack:ClientId"] = ClientId,
            ["Slack:ClientSecret"] = ClientSecret,
            ["Slack:Workers"] = "1",
        });
        s.Fake.OAuth = (ClientId, ClientSecret, Code, Answer);
        return s;
    }

    private static HttpClient Browser(SlackHost s) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = s.Host.BaseAddress };

    [Fact]
    public async Task An_install_stores_the_teams_token_encrypted_and_its_events_are_answered_with_it()
    {
        await using var s = await StartAsync();
        using var browser = Browser(s);

        using var install = await browser.GetAsync(new Uri("/slack/install", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var location = install.Headers.Location!;
        Assert.StartsWith("https://slack.com/oauth/v2/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(ClientId, query["client_id"].ToString());
        Assert.Equal(string.Join(',', SlackOptions.DefaultScopes), query["scope"].ToString());
        var state = query["state"].ToString();

        using var callback = await browser.GetAsync(new Uri($"/slack/oauth/callback?code={Uri.EscapeDataString(Code)}&state={Uri.EscapeDataString(state)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Contains("Second &amp; Co", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = await s.Host.Services.GetRequiredService<SlackInstallationStore>().FindAsync("T0TWO");
        Assert.Equal(TeamToken, stored!.BotToken);
        Assert.Equal("U0TWOBOT", stored.BotUserId);
        Assert.DoesNotContain(TeamToken, stored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TeamToken, StoredTokenColumn(s), StringComparison.Ordinal);

        // The team's events are answered with its own token.
        var dm = SlackEndpointTests.Dm("Ev-team-two", "help", channel: "D0TWO");
        dm["team_id"] = "T0TWO";
        using var response = await s.Slack.EventAsync(dm.ToJsonString());
        var reply = Assert.Single(await s.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0TWO"));
        Assert.Equal("Bearer " + TeamToken, reply.Authorization);
    }

    [Fact]
    public async Task A_forged_or_cookieless_state_gets_400_and_no_code_is_exchanged()
    {
        await using var s = await StartAsync();
        using var browser = Browser(s);
        using var install = await browser.GetAsync(new Uri("/slack/install", UriKind.Relative));
        var state = QueryHelpers.ParseQuery(install.Headers.Location!.Query)["state"].ToString();

        using var forged = await browser.GetAsync(new Uri($"/slack/oauth/callback?code={Code}&state=forged{state[6..]}", UriKind.Relative));
        using var missing = await browser.GetAsync(new Uri($"/slack/oauth/callback?code={Code}", UriKind.Relative));
        using var otherBrowser = Browser(s);
        using var stolen = await otherBrowser.GetAsync(new Uri($"/slack/oauth/callback?code={Code}&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.DoesNotContain(s.Fake.Calls, c => c.Method == "oauth.v2.access");
        Assert.Null(await s.Host.Services.GetRequiredService<SlackInstallationStore>().FindAsync("T0TWO"));
    }

    [Fact]
    public async Task Uninstalling_deletes_the_teams_token_and_pauses_its_subscriptions()
    {
        await using var s = await StartAsync();
        var installations = s.Host.Services.GetRequiredService<SlackInstallationStore>();
        await installations.SaveAsync(new SlackInstallation("T0TWO", "Second", null, null, "U0TWOBOT", TeamToken, null, null, DateTimeOffset.UtcNow));
        var subscriptions = s.Host.Services.GetRequiredService<SubscriptionStore>();
        await subscriptions.SubscribeAsync(new SlackConversation("T0TWO", "C0TWO").ToRef("U0INSTALLER"), new TimeOnly(8, 0), "UTC");
        await subscriptions.SubscribeAsync(new SlackConversation("T0OTHER", "C0OTHER").ToRef("U0X"), new TimeOnly(8, 0), "UTC");

        var uninstalled = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0TWO",
            ["event_id"] = "Ev-uninstall",
            ["event"] = new JsonObject { ["type"] = "app_uninstalled" },
        };
        using var response = await s.Slack.EventAsync(uninstalled.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await subscriptions.FindAsync("slack", "C0TWO"))!.Paused && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Null(await installations.FindAsync("T0TWO"));
        Assert.True((await subscriptions.FindAsync("slack", "C0TWO"))!.Paused);
        Assert.False((await subscriptions.FindAsync("slack", "C0OTHER"))!.Paused);
    }

    private static string StoredTokenColumn(SlackHost s)
    {
        var database = s.Host.Services.GetRequiredService<SqliteDatabase>();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT bot_token FROM slack_installations";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
