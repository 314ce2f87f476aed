using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>A test-only command whose answer waits until the test releases it: the "slow answer" path.</summary>
public sealed class GatedTestHandler : IHostCommandHandler
{
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "slowtest";

    public string Usage => "slowtest";

    public string Summary => "Test only: answers when the test releases it.";

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        return Reply.Text("Slow answer ready: " + invocation.Arguments);
    }
}

/// <summary>The real host wired to a fake Slack Web API, with a test signing secret and bot token.</summary>
public sealed class SlackHost : IAsyncDisposable
{
    private SlackHost(TestHost host, FakeSlackApi fake, GatedTestHandler gate)
    {
        Host = host;
        Fake = fake;
        Gate = gate;
        Slack = new SlackTestClient(host.Client, SlackTestClient.TestSecret);
    }

    public TestHost Host { get; }

    public FakeSlackApi Fake { get; }

    public GatedTestHandler Gate { get; }

    public SlackTestClient Slack { get; }

    public static async Task<SlackHost> StartAsync(IDictionary<string, string?>? settings = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null, Action<FakeSlackApi>? prepareFake = null)
    {
        var fake = await FakeSlackApi.StartAsync();
        prepareFake?.Invoke(fake);
        var gate = new GatedTestHandler();
        var merged = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackTestClient.TestSecret,
            ["Slack:BotToken"] = SlackTestClient.TestToken,
            ["Slack:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Slack:RetryBaseDelay"] = "00:00:00.050",
            ["Slack:ExtraResponseUrlHosts:0"] = "127.0.0.1",
            // The tests send many messages as one user; chat rate limits are tested where they live.
            ["RateLimits:PerUserPerMinute"] = "10000",
            ["RateLimits:PerConversationPerMinute"] = "10000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var host = await TestHost.StartAsync(merged, builder =>
        {
            builder.Services.AddSingleton<IHostCommandHandler>(gate);
            builder.Services.AddHttpClient(nameof(KazBriefBot.Host.Slack.SlackApiClient)).AddHttpMessageHandler(() => new SlackHooksToFake(fake.BaseAddress));
            configure?.Invoke(builder);
        });
        return new SlackHost(host, fake, gate);
    }

    public async ValueTask DisposeAsync()
    {
        Gate.Release();
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>Sends what would go to Slack's own hooks (recorded response_urls) to the fake instead: no test ever reaches Slack.</summary>
public sealed class SlackHooksToFake(Uri fake) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { Host: "hooks.slack.com" } hook)
        {
            request.RequestUri = new Uri(fake, hook.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>One Slack host shared by the tests of a class (xunit runs them one after another).</summary>
public sealed class SlackHostFixture : IAsyncLifetime
{
    public SlackHost Slack { get; private set; } = null!;

    public async Task InitializeAsync() => Slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:Workers"] = "1" });

    public async Task DisposeAsync() => await Slack.DisposeAsync();
}
