using System.Net;
using System.Text;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KazBriefBot.Host.Tests.Reliability;

/// <summary>The fake Slack API and fake Bot Connector fail for a while (429, 500, dropped connections, hangs): every reply and digest arrives once when they recover.</summary>
public sealed class FaultTests
{
    private const string SigningSecret = "fault-signing-secret-0123456789abcd";

    [Fact]
    public async Task A_slack_reply_survives_429_500_and_a_dropped_connection_and_is_delivered_once()
    {
        await using var remote = await FakeRemote.StartAsync();
        var faults = new FaultScript(remote, "chat.postMessage", ["429", "500", "drop", "500"]);
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = "xoxb-fault",
            ["Slack:ApiBaseUrl"] = remote.BaseAddress.ToString(),
            ["Slack:RetryBaseDelay"] = "00:00:00.200",
            ["Slack:MaxRetries"] = "6",
        });

        using var request = SlackSigning.Signed("/slack/events", """{"type":"event_callback","event_id":"EvFault1","team_id":"T1","event":{"type":"app_mention","user":"U1","text":"<@UBOT> What did Blinken announce?","channel":"CFAULT","ts":"1700000000.000100"}}""", "application/json", SigningSecret);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await faults.WaitForDeliveriesAsync(1, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        Assert.Equal(4, faults.FaultsServed);
        var delivered = Assert.Single(faults.Delivered);
        Assert.Contains("CFAULT", delivered.Body, StringComparison.Ordinal);
        Assert.Contains("Blinken", delivered.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teams_reply_survives_429_and_500_from_the_connector_and_is_delivered_once()
    {
        await using var remote = await FakeRemote.StartAsync();
        var faults = new FaultScript(remote, "/v3/conversations/", ["429", "500", "drop"]);
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:RetryBaseDelay"] = "00:00:00.200",
            ["Teams:MaxRetries"] = "5",
        });

        var activity = $$"""
            {"type":"message","id":"m1","channelId":"msteams","serviceUrl":"{{remote.BaseAddress}}","text":"What did Blinken announce?",
             "from":{"id":"u1","name":"Tester"},"recipient":{"id":"28:bot","name":"KazBriefBot"},
             "conversation":{"id":"teams-fault","conversationType":"personal","tenantId":"t1"} }
            """;
        using var response = await host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await faults.WaitForDeliveriesAsync(1, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        Assert.Equal(3, faults.FaultsServed);
        Assert.Contains("Blinken", Assert.Single(faults.Delivered).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_due_digest_is_retried_through_an_outage_and_a_hang_and_posted_once()
    {
        await using var remote = await FakeRemote.StartAsync();
        var faults = new FaultScript(remote, "chat.postMessage", ["500", "hang", "429", "drop"]);
        var folder = Paths.NewTempFolder();
        var databasePath = Path.Combine(folder, "kazbrief.db");
        await SubscribeDueNowAsync(databasePath, "CDIGEST");

        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Path"] = databasePath,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = "xoxb-fault",
            ["Slack:ApiBaseUrl"] = remote.BaseAddress.ToString(),
            ["Slack:RetryBaseDelay"] = "00:00:00.100",
            ["Slack:MaxRetries"] = "0",
            ["Slack:AttemptTimeout"] = "00:00:01",
            ["Scheduling:PollInterval"] = "00:00:00.500",
            ["Scheduling:RetryBaseDelay"] = "00:00:00.300",
            ["Scheduling:LeaseTimeout"] = "00:00:10",
            ["Scheduling:MaxAttempts"] = "10",
        });

        await faults.WaitForDeliveriesAsync(1, TimeSpan.FromSeconds(90));
        await Task.Delay(2000);
        Assert.Equal(4, faults.FaultsServed);
        Assert.Contains("CDIGEST", Assert.Single(faults.Delivered).Body, StringComparison.Ordinal);
        var ledger = host.Services.GetRequiredService<DeliveryLedger>();
        var store = host.Services.GetRequiredService<SubscriptionStore>();
        var subscription = await store.FindAsync("slack", "CDIGEST");
        var days = await ledger.ListAsync(subscription!.Id);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(days).Status);
    }

    /// <summary>Stores a Slack subscription, created ten minutes ago, whose time of day passed five minutes ago: due at once.</summary>
    internal static async Task SubscribeDueNowAsync(string databasePath, string channel)
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddMinutes(-10));
        var database = new SqliteDatabase(databasePath);
        database.EnsureCreated();
        var store = new SubscriptionStore(database, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<SubscriptionStore>.Instance);
        var reference = new SlackConversation("T1", channel).ToRef("U1");
        await store.SubscribeAsync(reference, TimeOnly.FromDateTime(now.AddMinutes(-5).UtcDateTime), "UTC");
    }
}

/// <summary>Scripts a fake remote: the first matching requests get the listed faults in order, then it answers normally and counts deliveries.</summary>
internal sealed class FaultScript
{
    private readonly Queue<string> _faults;
    private readonly List<RecordedRequest> _delivered = [];
    private int _faultsServed;

    public FaultScript(FakeRemote remote, string pathContains, IEnumerable<string> faults)
    {
        _faults = new Queue<string>(faults);
        remote.Respond = async (request, context) =>
        {
            if (!request.Path.Contains(pathContains, StringComparison.Ordinal))
            {
                await FakeRemote.DefaultRespond(request, context);
                return;
            }

            string? fault;
            lock (_faults)
            {
                _faults.TryDequeue(out fault);
            }

            switch (fault)
            {
                case "429":
                    Interlocked.Increment(ref _faultsServed);
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = "1";
                    await context.Response.WriteAsync("""{"ok":false,"error":"ratelimited"}""");
                    return;
                case "500":
                    Interlocked.Increment(ref _faultsServed);
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync("""{"ok":false,"error":"internal_error"}""");
                    return;
                case "drop":
                    Interlocked.Increment(ref _faultsServed);
                    context.Abort();
                    return;
                case "hang":
                    Interlocked.Increment(ref _faultsServed);
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up: that attempt was not delivered.
                    }

                    return;
                default:
                    await FakeRemote.DefaultRespond(request, context);
                    lock (_delivered)
                    {
                        _delivered.Add(request);
                    }

                    return;
            }
        };
    }

    public int FaultsServed => Volatile.Read(ref _faultsServed);

    public IReadOnlyList<RecordedRequest> Delivered
    {
        get
        {
            lock (_delivered)
            {
                return [.. _delivered];
            }
        }
    }

    public async Task WaitForDeliveriesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Delivered.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(Delivered.Count >= count, $"only {Delivered.Count} of {count} deliveries arrived; {FaultsServed} faults served");
    }
}
