using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Ingestion;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using KazBriefBot.Host.Tests.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KazBriefBot.Host.Tests.MultiHost;

/// <summary>Two hosts behind Slack on one PostgreSQL database: shared subscriptions, one answer per event, one digest per day,
/// work and leases taken over when a host stops, feed polling on one host at a time.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoHostTests(PostgresServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_channel_subscribed_through_host_A_is_known_to_host_B()
    {
        await using var hosts = await TwoHosts.StartAsync(server);

        using var subscribe = await hosts.SlackA.CommandAsync(SlackTestClient.SlashCommand("subscribe 07:45 Asia/Almaty", hosts.Fake.ResponseUrl("sub-a"), channel: "C0SHARED"));
        Assert.Equal(HttpStatusCode.OK, subscribe.StatusCode);
        await hosts.Fake.WaitForAsync(c => c.IsPost && c.Str("channel") is "C0SHARED" or null);

        var onB = await hosts.B.Services.GetRequiredService<SubscriptionStore>().FindAsync("slack", "C0SHARED");
        Assert.NotNull(onB);
        Assert.Equal(new TimeOnly(7, 45), onB.LocalTime);
        Assert.Equal("Asia/Almaty", onB.TimeZoneId);

        // Asked through host B, the channel's subscription is listed.
        using var list = await hosts.SlackB.CommandAsync(SlackTestClient.SlashCommand("subscriptions", hosts.Fake.ResponseUrl("list-b"), channel: "C0SHARED"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var answer = Assert.Single(await hosts.Fake.WaitForAsync(c => c.Path.EndsWith("/list-b", StringComparison.Ordinal)));
        Assert.Contains("07:45", SlackTestClient.AllText(answer.Body["blocks"]) + answer.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Slack_event_delivered_to_both_hosts_and_retried_is_answered_once()
    {
        var oneWorker = new Dictionary<string, string?> { ["Slack:Workers"] = "1" };
        await using var hosts = await TwoHosts.StartAsync(server, oneWorker);
        var id = "Ev-both-" + Guid.NewGuid().ToString("N");
        var dm = SlackEndpointTests.Dm(id, "help", channel: "D0BOTH").ToJsonString();
        var retry = new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" };

        var responses = await Task.WhenAll(
            hosts.SlackA.EventAsync(dm),
            hosts.SlackB.EventAsync(dm),
            hosts.SlackB.EventAsync(dm, retry),
            hosts.SlackA.EventAsync(dm, retry));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // One worker per host answers in order: once each host's marker is answered, a duplicate on it would have been too.
        using var markerA = await hosts.SlackA.EventAsync(SlackEndpointTests.Dm("Ev-mark-a-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKA").ToJsonString());
        using var markerB = await hosts.SlackB.EventAsync(SlackEndpointTests.Dm("Ev-mark-b-" + Guid.NewGuid().ToString("N"), "help", channel: "D0MARKB").ToJsonString());
        await hosts.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKA");
        await hosts.Fake.WaitForAsync(c => c.Str("channel") == "D0MARKB");

        Assert.Single(hosts.Fake.Calls, c => c.Method == "chat.postMessage" && c.Str("channel") == "D0BOTH");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_digest_due_on_both_hosts_is_posted_exactly_once()
    {
        var schedulers = new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true", ["Scheduling:PollInterval"] = "00:00:01" };
        await using var hosts = await TwoHosts.StartAsync(server, schedulers);
        var subscription = await SubscribeDueAsync(hosts, "C0DIGEST");

        // Both background schedulers run, and both hosts are also driven by hand at the same moments.
        for (var i = 0; i < 5; i++)
        {
            await Task.WhenAll(
                Task.Run(() => TwoHosts.Scheduler(hosts.A).RunOnceAsync(CancellationToken.None)),
                Task.Run(() => TwoHosts.Scheduler(hosts.B).RunOnceAsync(CancellationToken.None)));
        }

        var row = await WaitDeliveredAsync(hosts.B, subscription.Id);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second post would come from the next pass of either scheduler

        var parts = await hosts.B.Services.GetRequiredService<DeliveryPartLedger>().ListAsync(DigestScheduler.DeliveryKey(row));
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.Equal(PartStatus.Posted, p.Status));
        var posts = hosts.Fake.Calls.Where(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0DIGEST").ToList();
        Assert.Equal(parts.Count, posts.Count);
        Assert.Equal(Enumerable.Range(0, parts.Count), posts.Select(PartOf).Order());
        Assert.Equal(1, row.Attempts);
        Assert.Contains(row.LeaseOwner, new[] { TwoHosts.Scheduler(hosts.A).InstanceId, TwoHosts.Scheduler(hosts.B).InstanceId });
    }

    [Fact]
    public async Task A_host_that_stops_mid_digest_is_taken_over_when_its_lease_expires_without_a_duplicate()
    {
        await using var hosts = await TwoHosts.StartAsync(
            server,
            new Dictionary<string, string?> { ["Scheduling:LeaseTimeout"] = "00:00:10", ["Slack:AttemptTimeout"] = "00:00:30" },
            settingsA: new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true", ["Scheduling:PollInterval"] = "00:00:01" });
        // Slack takes host A's first post, but its answer never comes back before A is gone.
        hosts.Fake.ScriptFor("chat.postMessage", FakeSlackResponse.PostedThenTimeout(25_000));
        var subscription = await SubscribeDueAsync(hosts, "C0TAKEOVER");

        await hosts.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0TAKEOVER");
        var claimedByA = Assert.Single(await hosts.B.Services.GetRequiredService<DeliveryLedger>().ListAsync(subscription.Id));
        Assert.Equal(DeliveryStatus.Sending, claimedByA.Status);
        await hosts.StopAAsync();

        // Before the lease runs out host B leaves the row alone; after it, B takes it over.
        var schedulerB = TwoHosts.Scheduler(hosts.B);
        await schedulerB.RunOnceAsync(CancellationToken.None);
        Assert.Equal(DeliveryStatus.Sending, (await hosts.B.Services.GetRequiredService<DeliveryLedger>().ListAsync(subscription.Id)).Single().Status);
        var row = await WaitDeliveredAsync(hosts.B, subscription.Id, () => schedulerB.RunOnceAsync(CancellationToken.None));

        Assert.Equal(2, row.Attempts);
        Assert.Equal(schedulerB.InstanceId, row.LeaseOwner);
        Assert.NotEqual(claimedByA.LeaseOwner, row.LeaseOwner);
        var parts = await hosts.B.Services.GetRequiredService<DeliveryPartLedger>().ListAsync(DigestScheduler.DeliveryKey(row));
        // Every part is in the channel once: the one A posted was found in the history, not posted again.
        Assert.Equal(Enumerable.Range(0, parts.Count), hosts.Fake.MessagesIn("C0TAKEOVER").Select(PartOf).Order());
        Assert.Contains(hosts.Fake.Calls, c => c.Method == "conversations.history" && c.Str("channel") == "C0TAKEOVER");
    }

    [Fact]
    public async Task Acknowledged_Slack_work_of_a_host_that_stops_is_answered_by_the_other_once()
    {
        await using var hosts = await TwoHosts.StartAsync(
            server,
            new Dictionary<string, string?> { ["Slack:Workers"] = "1", ["Slack:WorkRecoveryInterval"] = "00:00:00.500", ["Slack:WorkLease"] = "00:00:03" },
            settingsA: new Dictionary<string, string?> { ["Slack:ShutdownDrainTimeout"] = "00:00:00" });
        hosts.Gate.Close();
        using var response = await hosts.SlackA.EventAsync(SlackEndpointTests.Dm("Ev-slow-" + Guid.NewGuid().ToString("N"), "slowtest handed over", channel: "D0HANDOVER").ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var journal = hosts.B.Services.GetRequiredService<SlackWorkJournal>();
        Assert.Equal(1, await journal.CountAsync()); // acknowledged and recorded, still being answered by A

        await hosts.StopAAsync();
        hosts.Gate.Release();

        var answer = Assert.Single(await hosts.Fake.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0HANDOVER"));
        Assert.Contains("Slow answer ready: handed over", SlackTestClient.AllText(answer.Body["blocks"]) + answer.Str("text"), StringComparison.Ordinal);
        await WaitUntilAsync(async () => await journal.CountAsync() == 0);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(hosts.Fake.Calls, c => c.Method == "chat.postMessage" && c.Str("channel") == "D0HANDOVER");
    }

    [Fact]
    public async Task Feed_polling_runs_on_one_host_and_moves_to_the_other_when_it_stops()
    {
        var hits = 0;
        await using var feedServer = await StartFeedServerAsync(() => Interlocked.Increment(ref hits));
        var address = LocalServer.AddressesOf(feedServer).First();
        var corpus = Paths.CopyOfSeeds(); // one corpus folder that both hosts read, as on a shared volume
        await using var hosts = await TwoHosts.StartAsync(server, new Dictionary<string, string?>
        {
            ["Corpus:Path"] = corpus,
            ["Ingest:AllowPrivateNetwork"] = "true",
            ["Ingest:Feeds:0:Url"] = $"{address}/feed.xml",
            ["Storage:LeaderRetryInterval"] = "00:00:00.500",
        });
        var pollerA = hosts.A.Services.GetRequiredService<FeedPoller>();
        var pollerB = hosts.B.Services.GetRequiredService<FeedPoller>();

        // The status counts a poll once its articles are written, a little after the feed was fetched.
        await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref hits) >= 1 && pollerA.Status.Concat(pollerB.Status).Any(s => s.Polls == 1)));
        await Task.Delay(TimeSpan.FromSeconds(2)); // several of the other host's retries
        Assert.Equal(1, Volatile.Read(ref hits));
        Assert.True(pollerA.IsLeader ^ pollerB.IsLeader, $"exactly one leader (A: {pollerA.IsLeader}, B: {pollerB.IsLeader})");
        Assert.True(pollerA.IsLeader, "host A started first and took the lock");
        Assert.Single(pollerA.Status.Concat(pollerB.Status), s => s.Polls == 1);

        await hosts.StopAAsync();
        await WaitUntilAsync(() => Task.FromResult(pollerB.IsLeader && Volatile.Read(ref hits) >= 2 && pollerB.Status.Single().Polls == 1));
        Assert.Equal(2, Volatile.Read(ref hits));
    }

    private static int PartOf(RecordedSlackCall call) => (int)call.Body["metadata"]!["event_payload"]!["part"]!;

    private static int PartOf(FakeSlackMessage message) => (int)message.Body["metadata"]!["event_payload"]!["part"]!;

    /// <summary>A Slack channel's subscription whose digest was due five minutes ago (subscribed an hour before), written through host A.</summary>
    private static async Task<KazBriefBot.Host.Storage.Subscription> SubscribeDueAsync(TwoHosts hosts, string channel)
    {
        var due = DateTimeOffset.UtcNow.AddMinutes(-5);
        var store = hosts.A.Services.GetRequiredService<SubscriptionStore>();
        var subscription = (await store.SubscribeAsync(new SlackConversation("T0TESTTEAM", channel).ToRef(null), new TimeOnly(due.Hour, due.Minute), "UTC")).Subscription;
        await using (var connection = new NpgsqlConnection(hosts.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE subscriptions SET active_from = active_from - 3600000 WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", subscription.Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        return subscription;
    }

    private static async Task<Delivery> WaitDeliveredAsync(TestHost host, long subscriptionId, Func<Task>? drive = null)
    {
        var ledger = host.Services.GetRequiredService<DeliveryLedger>();
        Delivery? row = null;
        await WaitUntilAsync(async () =>
        {
            if (drive is not null)
            {
                await drive();
            }

            row = (await ledger.ListAsync(subscriptionId)).SingleOrDefault();
            return row?.Status == DeliveryStatus.Delivered;
        });
        return row!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(200);
        }
    }

    private static async Task<WebApplication> StartFeedServerAsync(Action onFeed)
    {
        var page = Path.Combine(Paths.Shared, "fixtures", "articles", "readability", "nytimes-1", "source.html");
        Assert.True(File.Exists(page), $"../shared fixture absent: {page}");
        var app = LocalServer.CreateHttp();
        app.MapGet("/world/sudan", () => Results.File(File.ReadAllBytes(page), "text/html; charset=utf-8"));
        app.MapGet("/feed.xml", (HttpRequest request) =>
        {
            onFeed();
            return Results.Text(
                $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Wire</title><link>http://{request.Host}/</link><description>d</description>
                <item><title>Sudan</title><link>http://{request.Host}/world/sudan</link><pubDate>Fri, 13 Jan 2017 10:00:00 GMT</pubDate></item>
                </channel></rss>
                """,
                "application/rss+xml",
                Encoding.UTF8);
        });
        await app.StartAsync();
        return app;
    }
}
