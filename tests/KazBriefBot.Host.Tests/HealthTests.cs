using System.Net;
using System.Text.Json;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Readyz_reports_the_loaded_seed_corpus()
    {
        await using var host = await TestHost.StartAsync();

        var alive = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        using var ready = JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
        Assert.Equal("ready", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal(5, ready.RootElement.GetProperty("articles").GetInt32());
        Assert.True(ready.RootElement.GetProperty("sentences").GetInt32() > 50);
    }
}
