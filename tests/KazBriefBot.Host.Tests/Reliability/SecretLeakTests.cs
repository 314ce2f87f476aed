using System.Net.Http.Headers;
using System.Text;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KazBriefBot.Host.Tests.Reliability;

/// <summary>Secrets (tokens, signing secret, app password) and inbound bearer tokens never appear in logs or error replies.</summary>
public sealed class SecretLeakTests
{
    private const string SigningSecret = "leak-test-signing-secret-7f3a9c";
    private const string BotToken = "xoxb-leak-test-bot-token-55e1";
    private const string AppPassword = "leak-test-app-password-Qz81";
    private const string DatabasePassword = "leak-test-db-password-c39f";
    private const string InboundToken = "eyJhbGciOiJSUzI1NiJ9.eyJsZWFrIjoidGVzdCJ9.c2lnbmF0dXJlLWxlYWstdGVzdA";

    [Fact]
    public async Task Failed_auth_bad_input_and_outbound_errors_log_no_secret()
    {
        await using var remote = await FakeRemote.StartAsync();
        remote.Respond = (_, context) =>
        {
            // Every outbound call fails: error paths are where secrets tend to leak.
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("""{"ok":false,"error":"internal_error"}""");
        };
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Slack:SigningSecret"] = SigningSecret,
                ["Slack:BotToken"] = BotToken,
                ["Slack:ApiBaseUrl"] = remote.BaseAddress.ToString(),
                ["Teams:AppId"] = "00000000-0000-0000-0000-00000000abcd",
                ["Teams:AppPassword"] = AppPassword,
                ["Teams:TenantId"] = "00000000-0000-0000-0000-0000000000aa",
                ["Teams:OpenIdMetadataUrl"] = remote.BaseAddress + ".well-known/openidconfiguration",
                ["Teams:Authority"] = remote.BaseAddress + "botframework.com",
                // Configured though unused (the provider stays SQLite): configuration is never dumped into the logs.
                // The PostgreSQL provider's own leak checks are in Storage/PostgresConfigurationTests.
                ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port=9;Database=kazbrief;Username=bot;Password={DatabasePassword}",
            },
            builder => builder.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));

        var replies = new List<string>();

        // Teams: a bearer token that cannot be validated (the metadata endpoint fails).
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InboundToken);
            request.Content = new StringContent("""{"type":"message","text":"hi","serviceUrl":"http://127.0.0.1:9/","channelId":"msteams","conversation":{"id":"c1"},"from":{"id":"u1"},"recipient":{"id":"b1"},"id":"1"}""", Encoding.UTF8, "application/json");
            using var response = await host.Client.SendAsync(request);
            replies.Add(await response.Content.ReadAsStringAsync());
        }

        // Slack: wrong signature, stale timestamp, then a valid command whose answer delivery fails.
        foreach (var (secret, age) in new[] { ("wrong-secret", 0L), (SigningSecret, 3600L), (SigningSecret, 0L) })
        {
            using var request = SlackSigning.Signed("/slack/commands", SlackSigning.Command("what did Blinken announce", new Uri(remote.BaseAddress, "hook")), "application/x-www-form-urlencoded", secret, age);
            using var response = await host.Client.SendAsync(request);
            replies.Add(await response.Content.ReadAsStringAsync());
        }

        // A mention whose threaded reply fails at the Web API.
        using (var request = SlackSigning.Signed("/slack/events", """{"type":"event_callback","event_id":"EvLeak1","team_id":"T1","event":{"type":"app_mention","user":"U1","text":"<@UBOT> what did Blinken announce?","channel":"C1","ts":"1700000000.000100"}}""", "application/json", SigningSecret))
        using (var response = await host.Client.SendAsync(request))
        {
            replies.Add(await response.Content.ReadAsStringAsync());
        }

        using (var bad = new StringContent("{not json", Encoding.UTF8, "application/json"))
        using (var response = await host.Client.PostAsync(new Uri("/api/ask", UriKind.Relative), bad))
        {
            replies.Add(await response.Content.ReadAsStringAsync());
        }

        // Give background handlers (event replies and their retries) time to fail and log.
        await remote.WaitForAsync(r => r.Path.Contains("chat.postMessage", StringComparison.Ordinal), 1, TimeSpan.FromSeconds(10));
        await Task.Delay(1500);

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(logs);
        var everything = string.Join('\n', logs.Select(l => $"{l.Category} {l.Message} {l.Exception}")) + '\n' + string.Join('\n', replies);
        foreach (var secret in new[] { SigningSecret, BotToken, AppPassword, InboundToken, DatabasePassword })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // The outbound calls did carry the bot token, so it was in play and could have leaked.
        Assert.Contains(remote.Requests, r => r.Headers.TryGetValue("Authorization", out var auth) && auth.Contains(BotToken, StringComparison.Ordinal));
    }
}
