using System.Net;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using KazBriefBot.Host.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KazBriefBot.Host.Tests.MultiHost;

/// <summary>Host A is a separate process killed with SIGKILL in the middle of its work; host B, in this process, takes over.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KillTests(PostgresServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_host_killed_mid_digest_is_taken_over_by_the_other_without_a_duplicate()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        var connectionString = await server.NewDatabaseAsync();
        // Slack takes A's first post, but A is killed before the answer comes back.
        fake.ScriptFor("chat.postMessage", FakeSlackResponse.PostedThenTimeout(25_000));
        await using var b = await StartHostBAsync(fake, connectionString);
        var subscription = await SubscribeDueAsync(b, connectionString, "C0KILLED");

        await using var a = await HostProcess.StartAsync(ProcessSettings(fake, connectionString, new Dictionary<string, string>
        {
            ["Scheduling__Enabled"] = "true",
            ["Scheduling__PollInterval"] = "00:00:01",
        }));
        await fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0KILLED", timeoutSeconds: 40);
        await a.KillAsync();

        var ledger = b.Services.GetRequiredService<DeliveryLedger>();
        var claimed = Assert.Single(await ledger.ListAsync(subscription.Id));
        Assert.Equal(DeliveryStatus.Sending, claimed.Status);
        var scheduler = TwoHosts.Scheduler(b);
        var row = await WaitAsync(async () =>
        {
            await scheduler.RunOnceAsync(CancellationToken.None);
            var current = Assert.Single(await ledger.ListAsync(subscription.Id));
            return current.Status == DeliveryStatus.Delivered ? current : null;
        });

        Assert.Equal(2, row.Attempts);
        Assert.Equal(scheduler.InstanceId, row.LeaseOwner);
        var parts = await b.Services.GetRequiredService<DeliveryPartLedger>().ListAsync(DigestScheduler.DeliveryKey(row));
        Assert.Equal(Enumerable.Range(0, parts.Count), fake.MessagesIn("C0KILLED").Select(PartOf).Order());
        Assert.DoesNotContain(PostgresServer.Password, a.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Slack_event_acknowledged_by_a_host_killed_before_answering_is_answered_by_the_other_once()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        var connectionString = await server.NewDatabaseAsync();
        // A's answer hangs at Slack (not posted) until A is killed.
        fake.ScriptFor("chat.postMessage", new FakeSlackResponse(200, """{"ok":true}""", DelayMs: 25_000));
        var quick = new Dictionary<string, string> { ["Slack__WorkLease"] = "00:00:02", ["Slack__WorkRecoveryInterval"] = "00:00:00.500" };
        await using var b = await StartHostBAsync(fake, connectionString, quick.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value));
        await using var a = await HostProcess.StartAsync(ProcessSettings(fake, connectionString, quick));

        using var client = new HttpClient { BaseAddress = a.BaseAddress };
        var slackA = new SlackTestClient(client, SlackTestClient.TestSecret);
        var dm = SlackEndpointTests.Dm("Ev-killed-" + Guid.NewGuid().ToString("N"), "help", channel: "D0KILLED").ToJsonString();
        using var acknowledged = await slackA.EventAsync(dm);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        await fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0KILLED", timeoutSeconds: 40);
        await a.KillAsync();

        // Slack retries the event to host B (it never saw an answer): B recognises it, and answers it from the journal.
        var slackB = new SlackTestClient(b.Client, SlackTestClient.TestSecret);
        using var retried = await slackB.EventAsync(
            dm,
            new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var journal = b.Services.GetRequiredService<SlackWorkJournal>();
        await WaitAsync(async () => fake.MessagesIn("D0KILLED").Count >= 1 && await journal.CountAsync() == 0 ? "done" : null);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Single(fake.MessagesIn("D0KILLED"));
        Assert.DoesNotContain(PostgresServer.Password, a.Output, StringComparison.Ordinal);
    }

    private static int PartOf(FakeSlackMessage message) => (int)message.Body["metadata"]!["event_payload"]!["part"]!;

    private static Dictionary<string, string> ProcessSettings(FakeSlackApi fake, string connectionString, IDictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Corpus__Path"] = Paths.Seeds,
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = connectionString,
            ["Slack__SigningSecret"] = SlackTestClient.TestSecret,
            ["Slack__BotToken"] = SlackTestClient.TestToken,
            ["Slack__ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Slack__AttemptTimeout"] = "00:00:30",
            ["Scheduling__Enabled"] = "false",
            ["Scheduling__LeaseTimeout"] = "00:00:10",
            ["RateLimits__PerUserPerMinute"] = "10000",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Task<TestHost> StartHostBAsync(FakeSlackApi fake, string connectionString, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Slack:SigningSecret"] = SlackTestClient.TestSecret,
            ["Slack:BotToken"] = SlackTestClient.TestToken,
            ["Slack:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Scheduling:Enabled"] = "false",
            ["Scheduling:LeaseTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestHost.StartAsync(settings);
    }

    private static async Task<KazBriefBot.Host.Storage.Subscription> SubscribeDueAsync(TestHost host, string connectionString, string channel)
    {
        var due = DateTimeOffset.UtcNow.AddMinutes(-5);
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        var subscription = (await store.SubscribeAsync(new SlackConversation("T0TESTTEAM", channel).ToRef(null), new TimeOnly(due.Hour, due.Minute), "UTC")).Subscription;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE subscriptions SET active_from = active_from - 3600000 WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", subscription.Id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return subscription;
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> attempt)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await attempt() is { } done)
            {
                return done;
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(250);
        }
    }
}
