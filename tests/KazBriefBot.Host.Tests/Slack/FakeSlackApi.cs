using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>One request the fake Slack received (JSON bodies as they came, form bodies as an object of their fields).</summary>
public sealed record RecordedSlackCall(string Path, string? Authorization, JsonObject Body, DateTimeOffset At)
{
    /// <summary>The Web API method (chat.postMessage) or "response_url" for hook posts.</summary>
    public string Method => Path.StartsWith("/api/", StringComparison.Ordinal) ? Path["/api/".Length..] : "response_url";

    public string? Str(string name) => Body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>True for the calls that show a message to someone.</summary>
    public bool IsPost => Method is "chat.postMessage" or "chat.postEphemeral" or "response_url";
}

/// <summary>
/// A scripted answer of the fake: status, body and optional Retry-After seconds. <paramref name="Posted"/> makes the fake
/// post the message anyway (as Slack does when it answers late or fails after posting); <paramref name="DelayMs"/> holds
/// the answer back (past the client's attempt timeout, for a timeout after Slack posted).
/// </summary>
public sealed record FakeSlackResponse(int Status, string Body, int? RetryAfterSeconds = null, bool Posted = false, int DelayMs = 0)
{
    public static FakeSlackResponse Ok { get; } = new(200, """{"ok":true}""");

    public static FakeSlackResponse Error(string code) => new(200, $$"""{"ok":false,"error":"{{code}}"}""");

    /// <summary>Behaves as Slack would (posts, answers its ts): a placeholder in a script.</summary>
    public static FakeSlackResponse Normal { get; } = new(0, string.Empty, Posted: true);

    /// <summary>Slack posted the message but the answer never arrives in time.</summary>
    public static FakeSlackResponse PostedThenTimeout(int delayMs) => new(200, """{"ok":true}""", Posted: true, DelayMs: delayMs);
}

/// <summary>A message the fake holds in a conversation.</summary>
public sealed record FakeSlackMessage(string Channel, string Ts, string? ThreadTs, JsonObject Body);

/// <summary>
/// A local fake of the Slack Web API and of response_url hooks: real Kestrel on 127.0.0.1, recording every call. It enforces
/// Slack's message limits (50 blocks, about 12,000 characters of block text, 3,000 per section, …) with Slack's errors, so
/// a renderer regression fails a test; it keeps what was posted, with metadata, for conversations.history and
/// conversations.replies; it serves apps.connections.open (pointing at a local Socket Mode server) and oauth.v2.access.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    /// <summary>Block text a message may hold before the fake answers msg_blocks_too_long (the limit the bot must keep).</summary>
    public const int BlockTextLimit = 12_000;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedSlackCall> _calls = new();
    private readonly List<(string? Method, FakeSlackResponse Response)> _script = [];
    private readonly ConcurrentDictionary<string, List<FakeSlackMessage>> _messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refusedChannels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private long _tsCounter;

    private FakeSlackApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The URL to configure as Slack:ApiBaseUrl.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "/api/");

    public IReadOnlyList<RecordedSlackCall> Calls => [.. _calls];

    /// <summary>The Socket Mode URL apps.connections.open hands out (null: it answers an error).</summary>
    public Func<Uri?>? SocketUrl { get; set; }

    /// <summary>The OAuth client credentials and the one code oauth.v2.access accepts, with the answer it gives for it.</summary>
    public (string ClientId, string ClientSecret, string Code, JsonObject Answer)? OAuth { get; set; }

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

    /// <summary>Answers the next posting calls (chat.*, response_url) with these responses, in order; afterwards they succeed.</summary>
    public void Script(params FakeSlackResponse[] responses) => ScriptFor(null, responses);

    /// <summary>Answers the next calls of one method with these responses, in order.</summary>
    public void ScriptFor(string? method, params FakeSlackResponse[] responses)
    {
        lock (_script)
        {
            _script.AddRange(responses.Select(r => (method, r)));
        }
    }

    /// <summary>chat.postMessage and chat.postEphemeral to this channel answer <paramref name="error"/> (a private channel the bot is not in).</summary>
    public void Refuse(string channel, string error = "channel_not_found") => _refusedChannels[channel] = error;

    /// <summary>What the conversation holds (top level and threads), oldest first.</summary>
    public IReadOnlyList<FakeSlackMessage> MessagesIn(string channel) =>
        _messages.TryGetValue(channel, out var list) ? Locked(list, () => list.ToList()) : [];

    public void Reset()
    {
        _calls.Clear();
        lock (_script)
        {
            _script.Clear();
        }

        _messages.Clear();
        _refusedChannels.Clear();
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

    /// <summary>Slack's checks of a message, with the error it answers; null when Slack would take it.</summary>
    public static string? Refusal(JsonObject body)
    {
        if (body["text"] is JsonValue t && t.TryGetValue<string>(out var text) && text.Length > 40_000)
        {
            return "msg_too_long";
        }

        if (body["blocks"] is not JsonArray blocks)
        {
            return body["text"] is null ? "no_text" : null;
        }

        if (blocks.Count > 50)
        {
            return "invalid_blocks";
        }

        var total = 0;
        foreach (var block in blocks.OfType<JsonObject>())
        {
            if (BlockRefusal(block) is { } error)
            {
                return error;
            }

            total += TextLength(block);
        }

        return total > BlockTextLimit ? "msg_blocks_too_long" : null;
    }

    private static string? BlockRefusal(JsonObject block)
    {
        static int Len(JsonNode? n) => n?["text"] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : -1;
        switch ((string?)block["type"])
        {
            case "section":
                var fields = block["fields"] as JsonArray;
                if ((block["text"] is null && fields is null) || Len(block["text"]) > 3000 || Len(block["text"]) == 0
                    || fields is { Count: > 10 } || (fields?.Any(f => Len(f) > 2000) ?? false))
                {
                    return "invalid_blocks";
                }

                return null;
            case "header":
                return Len(block["text"]) is > 150 or <= 0 ? "invalid_blocks" : null;
            case "context":
                return block["elements"] is JsonArray { Count: >= 1 and <= 10 } elements && elements.All(e => Len(e) <= 3000) ? null : "invalid_blocks";
            case "actions":
                return block["elements"] is JsonArray { Count: >= 1 and <= 25 } buttons
                    && buttons.All(b => Len(b!["text"]) is > 0 and <= 75 && ((string?)b["value"])?.Length is null or <= 2000) ? null : "invalid_blocks";
            case "divider":
                return null;
            default:
                return "invalid_blocks";
        }
    }

    private static int TextLength(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : TextLength(p.Value)),
        JsonArray a => a.Sum(TextLength),
        _ => 0,
    };

    private async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var call = new RecordedSlackCall(context.Request.Path.Value ?? "/", context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body, DateTimeOffset.UtcNow);
        _calls.Enqueue(call);
        _arrived.Release();
        var scripted = NextScripted(call);
        var (status, answer) = call.Method switch
        {
            "conversations.history" or "conversations.replies" => (200, History(call)),
            "apps.connections.open" => (200, OpenConnection(call)),
            "oauth.v2.access" => (200, Exchange(call)),
            _ => Post(call, scripted),
        };
        if (scripted is not null && scripted.Status == 0)
        {
            scripted = null;
        }

        if (scripted is not null)
        {
            await Task.Delay(scripted.DelayMs);
            (status, answer) = (scripted.Status, scripted.Body);
            if (scripted.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = call.Method == "response_url" && answer == "ok" ? "text/plain" : "application/json";
        await context.Response.WriteAsync(answer);
    }

    private FakeSlackResponse? NextScripted(RecordedSlackCall call)
    {
        lock (_script)
        {
            var index = _script.FindIndex(s => s.Method is null ? call.IsPost || call.Method == "chat.update" : s.Method == call.Method);
            if (index < 0)
            {
                return null;
            }

            var next = _script[index].Response;
            _script.RemoveAt(index);
            return next;
        }
    }

    /// <summary>What Slack does with a post: refuse it by its limits or the channel, or keep it and answer its ts.</summary>
    private (int Status, string Body) Post(RecordedSlackCall call, FakeSlackResponse? scripted)
    {
        if (call.Method == "response_url")
        {
            var refusal = Refusal(call.Body);
            return refusal is null ? (200, "ok") : (400, refusal);
        }

        if (scripted is not null && !scripted.Posted)
        {
            return (scripted.Status, scripted.Body);
        }

        var channel = call.Str("channel") ?? string.Empty;
        var error = Refusal(call.Body) ?? (_refusedChannels.TryGetValue(channel, out var refused) ? refused : null);
        if (error is not null)
        {
            return (200, $$"""{"ok":false,"error":"{{error}}"}""");
        }

        var ts = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Interlocked.Increment(ref _tsCounter):D6}");
        if (call.Method == "chat.postMessage")
        {
            var list = _messages.GetOrAdd(channel, _ => []);
            Locked(list, () => { list.Add(new FakeSlackMessage(channel, ts, call.Str("thread_ts"), call.Body)); return 0; });
        }

        return (200, new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts }.ToJsonString());
    }

    private string History(RecordedSlackCall call)
    {
        var channel = call.Str("channel") ?? string.Empty;
        var oldest = double.Parse(call.Str("oldest") ?? "0", CultureInfo.InvariantCulture);
        var thread = call.Method == "conversations.replies" ? call.Str("ts") : null;
        var withMetadata = call.Str("include_all_metadata") == "true";
        var messages = MessagesIn(channel)
            .Where(m => double.Parse(m.Ts, CultureInfo.InvariantCulture) >= oldest)
            .Where(m => thread is null ? m.ThreadTs is null : m.ThreadTs == thread || m.Ts == thread)
            .Select(m =>
            {
                var o = new JsonObject { ["type"] = "message", ["ts"] = m.Ts, ["text"] = m.Body["text"]?.DeepClone() };
                if (withMetadata && m.Body["metadata"] is JsonObject meta)
                {
                    o["metadata"] = meta.DeepClone();
                }

                return (JsonNode)o;
            });
        return new JsonObject { ["ok"] = true, ["messages"] = new JsonArray([.. messages]), ["has_more"] = false }.ToJsonString();
    }

    private string OpenConnection(RecordedSlackCall call)
    {
        if (call.Authorization?.StartsWith("Bearer xapp-", StringComparison.Ordinal) != true)
        {
            return """{"ok":false,"error":"invalid_auth"}""";
        }

        return SocketUrl?.Invoke() is { } url
            ? new JsonObject { ["ok"] = true, ["url"] = url.ToString() }.ToJsonString()
            : """{"ok":false,"error":"internal_error"}""";
    }

    private string Exchange(RecordedSlackCall call)
    {
        if (OAuth is not { } oauth)
        {
            return """{"ok":false,"error":"invalid_client_id"}""";
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{oauth.ClientId}:{oauth.ClientSecret}"));
        if (call.Authorization != expected)
        {
            return """{"ok":false,"error":"invalid_client_id"}""";
        }

        return call.Str("code") == oauth.Code ? oauth.Answer.ToJsonString() : """{"ok":false,"error":"invalid_code"}""";
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            var form = new JsonObject();
            foreach (var (key, value) in QueryHelpers.ParseQuery("?" + text))
            {
                form[key] = value.ToString();
            }

            return form;
        }

        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    private static T Locked<T>(List<FakeSlackMessage> list, Func<T> action)
    {
        lock (list)
        {
            return action();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
