using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KazBriefBot.Host.Tests.Infrastructure;

/// <summary>A recorded request to a fake remote service.</summary>
public sealed record RecordedRequest(string Method, string Path, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>A small fake of a remote HTTP service (Slack Web API, Bot Connector) on 127.0.0.1: records every request, answers with a scriptable handler.</summary>
public sealed class FakeRemote : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRemote(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Decides the answer to each request; the default answers 200 with a body that suits Slack and the Bot Connector.</summary>
    public Func<RecordedRequest, HttpContext, Task> Respond { get; set; } = DefaultRespond;

    public static async Task<FakeRemote> StartAsync()
    {
        var app = LocalServer.CreateHttp();
        FakeRemote? fake = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.ContentType, body, headers);
            fake!.Requests.Enqueue(recorded);
            await fake.Respond(recorded, context);
        });
        await app.StartAsync();
        var address = LocalServer.AddressesOf(app).First();
        fake = new FakeRemote(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return fake;
    }

    public static Task DefaultRespond(RecordedRequest request, HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"ok":true,"id":"1","ts":"1700000000.000100","channel":"C1","access_token":"fake-token","token_type":"Bearer","expires_in":3600}""");
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching the filter arrived, or the timeout passes.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = Requests.Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
