using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>
/// A local fake of Slack's Socket Mode endpoint: a WebSocket server on 127.0.0.1 that greets each connection with hello
/// (as Slack does), lets the test send envelopes, disconnect messages or drop the connection, and records every frame
/// the bot sends back (its acknowledgements).
/// </summary>
public sealed class FakeSocketModeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(int Connection, JsonObject Frame, DateTimeOffset At)> _received = Channel.CreateUnbounded<(int, JsonObject, DateTimeOffset)>();
    private readonly SemaphoreSlim _connected = new(0);
    private WebSocket? _current;
    private int _connections;
    private TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeSocketModeServer(WebApplication app) => _app = app;

    /// <summary>The ws:// URL apps.connections.open hands out (a new ticket each time, like Slack's).</summary>
    public Uri Url(int ticket) => new(BaseAddress, $"/link/?ticket={ticket}&app_id=A0TESTAPP");

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How many connections the bot opened.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static async Task<FakeSocketModeServer> StartAsync()
    {
        var app = LocalServer.CreateHttp();
        var fake = new FakeSocketModeServer(app);
        app.UseWebSockets();
        app.Map("/link", fake.AcceptAsync);
        await app.StartAsync();
        var http = new Uri(LocalServer.AddressesOf(app).First());
        fake.BaseAddress = new UriBuilder(http) { Scheme = "ws" }.Uri;
        return fake;
    }

    /// <summary>Waits for the bot's next (or first) connection.</summary>
    public async Task WaitForConnectionAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Connections < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} connections, saw {Connections}");
            await _connected.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Sends a frame on the current connection.</summary>
    public Task SendAsync(JsonObject frame) =>
        _current!.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends an envelope and returns the bot's acknowledgement of it and how long it took.</summary>
    public async Task<(JsonObject Ack, TimeSpan Took)> SendEnvelopeAsync(string type, JsonObject payload, string envelopeId)
    {
        var sent = DateTimeOffset.UtcNow;
        await SendAsync(new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["payload"] = payload,
            ["type"] = type,
            ["accepts_response_payload"] = type == "slash_commands",
            ["retry_attempt"] = 0,
            ["retry_reason"] = string.Empty,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var (_, frame, at) = await _received.Reader.ReadAsync(timeout.Token);
            if ((string?)frame["envelope_id"] == envelopeId)
            {
                return (frame, at - sent);
            }
        }
    }

    /// <summary>Drops the current connection without a close handshake (a network failure).</summary>
    public void Drop()
    {
        _current?.Abort();
        _dropped.TrySetResult();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref _connections);
        _current = socket;
        _dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Slack's first frame on every connection.
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-fake","approximate_connection_time":18060},"connection_info":{"app_id":"A0TESTAPP"}}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        _connected.Release();
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)) is JsonObject frame)
                {
                    await _received.Writer.WriteAsync((number, frame, DateTimeOffset.UtcNow));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Dropped by the test or by the bot.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _current?.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _connected.Dispose();
    }
}
