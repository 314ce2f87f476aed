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
    /// <summary>The Web API method (chat.postMessage), "upload" for bytes sent to an upload URL, or "response_url" for hook posts.</summary>
    public string Method => Path.StartsWith("/api/", StringComparison.Ordinal) ? Path["/api/".Length..] : Path.StartsWith("/upload/", StringComparison.Ordinal) ? "upload" : "response_url";

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

/// <summary>A file of the external upload flow: announced (getUploadURLExternal), uploaded, then completed (shared) at most once.</summary>
public sealed record FakeSlackFile(string Id, string Filename, int Length, string? AltText)
{
    public byte[]? Bytes { get; set; }

    public bool Completed { get; set; }

    public string? Channel { get; set; }

    public string? ThreadTs { get; set; }

    public string? Title { get; set; }
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
    private readonly ConcurrentDictionary<string, FakeSlackFile> _files = new(StringComparer.Ordinal);
    private long _tsCounter;
    private long _fileCounter;

    private FakeSlackApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The URL to configure as Slack:ApiBaseUrl.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "/api/");

    public IReadOnlyList<RecordedSlackCall> Calls => [.. _calls];

    /// <summary>The Socket Mode URL apps.connections.open hands out (null: it answers an error).</summary>
    public Func<Uri?>? SocketUrl { get; set; }

    /// <summary>The bot token's scopes; files.* calls answer missing_scope without files:write (null: every scope granted).</summary>
    public IReadOnlyCollection<string>? Scopes { get; set; }

    /// <summary>Files announced through files.getUploadURLExternal, by id.</summary>
    public IReadOnlyDictionary<string, FakeSlackFile> Files => _files;

    /// <summary>The files completed into a channel, in order of completion.</summary>
    public IReadOnlyList<FakeSlackFile> SharedFiles(string channel) => [.. _files.Values.Where(f => f.Completed && f.Channel == channel).OrderBy(f => f.Id, StringComparer.Ordinal)];

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
        _files.Clear();
        Scopes = null;
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
        if (context.Request.Path.StartsWithSegments("/upload", out var rest))
        {
            await UploadAsync(context, rest.Value?.Trim('/') ?? string.Empty);
            return;
        }

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
            "files.getUploadURLExternal" => (200, GetUploadUrl(call)),
            "files.completeUploadExternal" => (200, CompleteUpload(call)),
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

    /// <summary>files.getUploadURLExternal as Slack checks it: the files:write scope, a filename, a length above zero, alt text of at most 1,000 characters.</summary>
    private string GetUploadUrl(RecordedSlackCall call)
    {
        if (MissingFilesScope() is { } refusal)
        {
            return refusal;
        }

        var filename = call.Str("filename");
        var altText = call.Str("alt_txt");
        if (string.IsNullOrEmpty(filename) || !int.TryParse(call.Str("length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return """{"ok":false,"error":"invalid_arguments"}""";
        }

        if (altText is { Length: > 1000 })
        {
            return """{"ok":false,"error":"alt_txt_too_large"}""";
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"F{Interlocked.Increment(ref _fileCounter):D9}");
        _files[id] = new FakeSlackFile(id, filename, length, altText);
        return new JsonObject { ["ok"] = true, ["upload_url"] = new Uri(BaseAddress, "/upload/" + id).ToString(), ["file_id"] = id }.ToJsonString();
    }

    /// <summary>The upload URL: exactly the announced number of bytes, once; answers "OK - length" like Slack's file service.</summary>
    private async Task UploadAsync(HttpContext context, string id)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        _calls.Enqueue(new RecordedSlackCall("/upload/" + id, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null,
            new JsonObject { ["length"] = bytes.Length, ["content_type"] = context.Request.ContentType }, DateTimeOffset.UtcNow));
        _arrived.Release();
        var (status, answer) = !_files.TryGetValue(id, out var file) ? (404, "file not found")
            : file.Bytes is not null ? (400, "already uploaded")
            : bytes.Length != file.Length ? (400, string.Create(CultureInfo.InvariantCulture, $"length mismatch: expected {file.Length}, got {bytes.Length}"))
            : (200, string.Create(CultureInfo.InvariantCulture, $"OK - {bytes.Length}"));
        if (status == 200)
        {
            file!.Bytes = bytes;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(answer);
    }

    /// <summary>files.completeUploadExternal: every file must be known, uploaded and not yet completed; the channel must take posts.</summary>
    private string CompleteUpload(RecordedSlackCall call)
    {
        if (MissingFilesScope() is { } refusal)
        {
            return refusal;
        }

        var list = call.Body["files"] switch
        {
            JsonArray array => array,
            JsonValue v when v.TryGetValue<string>(out var text) => JsonNode.Parse(text) as JsonArray,
            _ => null,
        };
        if (list is null || list.Count == 0)
        {
            return """{"ok":false,"error":"invalid_arguments"}""";
        }

        var channel = call.Str("channel_id");
        if (channel is not null && _refusedChannels.TryGetValue(channel, out var refused))
        {
            return $$"""{"ok":false,"error":"{{refused}}"}""";
        }

        var files = new List<FakeSlackFile>();
        foreach (var entry in list.OfType<JsonObject>())
        {
            // Slack discards a file whose bytes never arrived, and a completion can happen only once.
            var id = (string?)entry["id"];
            if (id is null || !_files.TryGetValue(id, out var file) || file.Bytes is null || file.Completed)
            {
                return """{"ok":false,"error":"file_not_found"}""";
            }

            files.Add(file);
        }

        foreach (var file in files)
        {
            file.Completed = true;
            file.Channel = channel;
            file.ThreadTs = call.Str("thread_ts");
            file.Title = (string?)list.OfType<JsonObject>().First(e => (string?)e["id"] == file.Id)["title"];
        }

        return new JsonObject { ["ok"] = true, ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["title"] = f.Title })]) }.ToJsonString();
    }

    private string? MissingFilesScope() =>
        Scopes is null || Scopes.Contains("files:write")
            ? null
            : new JsonObject { ["ok"] = false, ["error"] = "missing_scope", ["needed"] = "files:write", ["provided"] = string.Join(",", Scopes) }.ToJsonString();

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
