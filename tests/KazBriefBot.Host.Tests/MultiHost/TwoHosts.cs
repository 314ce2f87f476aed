using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Tests.Infrastructure;
using KazBriefBot.Host.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KazBriefBot.Host.Tests.MultiHost;

/// <summary>
/// Two real hosts (Kestrel on 127.0.0.1, <see cref="TestHost"/>) on one PostgreSQL database, both talking to one fake
/// Slack, as two instances behind Slack would: what one posts, the other can look up.
/// </summary>
internal sealed class TwoHosts : IAsyncDisposable
{
    private TwoHosts(FakeSlackApi fake, string connectionString, TestHost a, TestHost b, GatedTestHandler gate)
    {
        Fake = fake;
        ConnectionString = connectionString;
        A = a;
        B = b;
        Gate = gate;
        SlackA = new SlackTestClient(a.Client, SlackTestClient.TestSecret);
        SlackB = new SlackTestClient(b.Client, SlackTestClient.TestSecret);
    }

    public FakeSlackApi Fake { get; }

    public string ConnectionString { get; }

    public TestHost A { get; private set; }

    public TestHost B { get; }

    /// <summary>The "slowtest" command's gate, shared by both hosts.</summary>
    public GatedTestHandler Gate { get; }

    public SlackTestClient SlackA { get; }

    public SlackTestClient SlackB { get; }

    public bool AStopped { get; private set; }

    /// <summary>Starts both hosts; <paramref name="settingsA"/> and <paramref name="settingsB"/> override the shared settings per host.</summary>
    public static async Task<TwoHosts> StartAsync(
        PostgresServer server,
        IDictionary<string, string?>? shared = null,
        IDictionary<string, string?>? settingsA = null,
        IDictionary<string, string?>? settingsB = null)
    {
        var fake = await FakeSlackApi.StartAsync();
        var connectionString = await server.NewDatabaseAsync();
        var gate = new GatedTestHandler();
        var a = await StartHostAsync(fake, connectionString, gate, shared, settingsA);
        var b = await StartHostAsync(fake, connectionString, gate, shared, settingsB);
        return new TwoHosts(fake, connectionString, a, b, gate);
    }

    public static DigestScheduler Scheduler(TestHost host) => host.Services.GetServices<IHostedService>().OfType<DigestScheduler>().Single();

    /// <summary>Stops host A (its background work is cancelled as in a shutdown).</summary>
    public async Task StopAAsync()
    {
        if (!AStopped)
        {
            AStopped = true;
            await A.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gate.Release();
        await StopAAsync();
        await B.DisposeAsync();
        await Fake.DisposeAsync();
    }

    private static Task<TestHost> StartHostAsync(FakeSlackApi fake, string connectionString, GatedTestHandler gate, IDictionary<string, string?>? shared, IDictionary<string, string?>? own)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Slack:SigningSecret"] = SlackTestClient.TestSecret,
            ["Slack:BotToken"] = SlackTestClient.TestToken,
            ["Slack:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Slack:RetryBaseDelay"] = "00:00:00.050",
            ["Slack:ExtraResponseUrlHosts:0"] = "127.0.0.1",
            ["RateLimits:PerUserPerMinute"] = "10000",
            ["RateLimits:PerConversationPerMinute"] = "10000",
            ["Scheduling:Enabled"] = "false",
        };
        foreach (var source in new[] { shared, own })
        {
            foreach (var (key, value) in source ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }
        }

        return TestHost.StartAsync(settings, builder =>
        {
            builder.Services.AddSingleton<IHostCommandHandler>(gate);
            builder.Services.AddHttpClient(nameof(KazBriefBot.Host.Slack.SlackApiClient)).AddHttpMessageHandler(() => new SlackHooksToFake(fake.BaseAddress));
        });
    }
}
