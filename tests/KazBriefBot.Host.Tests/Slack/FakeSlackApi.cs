using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>One request the fake Slack received.</summary>
public sealed record RecordedSlackCall(string Path, string? Authorization, JsonObject Body, DateTimeOffset At)
{
    /// <summary>The Web API method (chat.postMessage) or "response_url" for hook posts.</summary>
    public string Method => Path.StartsWith("/api/", StringComparison.Ordinal) ? Path["/api/".Length..] : "response_url";

    public string? Str(string name) => Body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>A scripted answer of the fake: status, body and optional Retry-After seconds.</summary>
public sealed record FakeSlackResponse(int Status, string Body, int? RetryAfterSeconds = null)
{
    public static FakeSlackResponse Ok { get; } = new(200, """{"ok":true,"ts":"1700000000.000100"}""");

    public static FakeSlackResponse Error(string code) => new(200, $$"""{"ok":false,"error":"{{code}}"}""");
}

/// <summary>A local fake of the Slack Web API and of response_url hooks: real Kestrel on 127.0.0.1, recording every call.</summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedSlackCall> _calls = new();
    private readonly ConcurrentQueue<FakeSlackResponse> _script = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private FakeSlackApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The URL to configure as Slack:ApiBaseUrl.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "/api/");

    public IReadOnlyList<RecordedSlackCall> Calls => [.. _calls];

    public static async Task<FakeSlackApi> StartAsync()
    {
        var app = LocalServer.CreateHttp();
        var fake = new FakeSlackApi(app);
        app.MapPost("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        var address = LocalServer.AddressesOf(app).First();
        fake.BaseAddress = new Uri(address);
        return fake;
    }

    /// <summary>A response_url pointing at this fake.</summary>
    public Uri ResponseUrl(string name) => new(BaseAddress, "/hooks/" + name);

    /// <summary>Answers the next calls with these responses, in order; afterwards every call gets ok:true.</summary>
    public void Script(params FakeSlackResponse[] responses)
    {
        foreach (var r in responses)
        {
            _script.Enqueue(r);
        }
    }

    public void Reset()
    {
        _calls.Clear();
        _script.Clear();
        while (_arrived.CurrentCount > 0)
        {
            _arrived.Wait(0);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> calls match; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<RecordedSlackCall>> WaitForAsync(Func<RecordedSlackCall, bool> match, int count = 1, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var found = _calls.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {count} matching Slack calls, saw {found.Count}; all calls: {string.Join(", ", _calls.Select(c => c.Path))}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var body = JsonNode.Parse(text) as JsonObject ?? [];
        _calls.Enqueue(new RecordedSlackCall(context.Request.Path.Value ?? "/", context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body, DateTimeOffset.UtcNow));
        _arrived.Release();
        var response = _script.TryDequeue(out var scripted) ? scripted : FakeSlackResponse.Ok;
        context.Response.StatusCode = response.Status;
        if (response.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
