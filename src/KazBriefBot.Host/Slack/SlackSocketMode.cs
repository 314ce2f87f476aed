using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Slack;

/// <summary>Where the Socket Mode connection stands.</summary>
public enum SlackSocketState
{
    /// <summary>Socket Mode is not configured (no Slack:AppToken): events come over HTTP.</summary>
    Off,

    /// <summary>Asking apps.connections.open for a URL or opening the WebSocket.</summary>
    Connecting,

    /// <summary>Slack said hello: envelopes arrive.</summary>
    Connected,

    /// <summary>The connection was dropped or refreshed; waiting to connect again (with back-off when it dropped).</summary>
    Reconnecting,

    /// <summary>Slack refused the app-level token for good (invalid_auth, …); the host no longer tries.</summary>
    Failed,
}

/// <summary>What /readyz reports of the Slack channel.</summary>
public sealed record SlackSocketSnapshot(string Mode, string State, DateTimeOffset? ConnectedAt, int Connects, int Envelopes, string? LastDisconnect, string? LastError);

/// <summary>The Socket Mode connection's state, shared with /readyz.</summary>
public sealed class SlackSocketModeStatus
{
    private readonly Lock _gate = new();
    private SlackSocketState _state = SlackSocketState.Off;
    private DateTimeOffset? _connectedAt;
    private int _connects;
    private int _envelopes;
    private string? _lastDisconnect;
    private string? _lastError;

    public SlackSocketState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public SlackSocketSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new SlackSocketSnapshot(_state == SlackSocketState.Off ? "http" : "socket", _state.ToString().ToLowerInvariant(), _connectedAt, _connects, _envelopes, _lastDisconnect, _lastError);
        }
    }

    internal void Set(SlackSocketState state, string? error = null)
    {
        lock (_gate)
        {
            _state = state;
            _lastError = error ?? _lastError;
        }
    }

    internal void Connected(DateTimeOffset at)
    {
        lock (_gate)
        {
            _state = SlackSocketState.Connected;
            _connectedAt = at;
            _connects++;
        }
    }

    internal void Disconnected(string reason)
    {
        lock (_gate)
        {
            _state = SlackSocketState.Reconnecting;
            _lastDisconnect = reason;
        }
    }

    internal void Envelope() => Interlocked.Increment(ref _envelopes);
}

/// <summary>
/// Socket Mode: with Slack:AppToken the host needs no public URL. It asks apps.connections.open (on Slack:ApiBaseUrl) for a
/// WebSocket URL, connects, acknowledges each envelope's envelope_id as soon as it is queued (well within Slack's 3 seconds),
/// and hands events_api, slash_commands and interactive payloads to the same code as the HTTP endpoints. It reconnects at
/// once when Slack sends a disconnect (refresh_requested, warning) and with exponential back-off when the connection drops.
/// </summary>
public sealed partial class SlackSocketModeClient(
    SlackApiClient api,
    SlackEndpoints endpoints,
    SlackSocketModeStatus status,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    /// <summary>How a connection ended.</summary>
    private enum Ending
    {
        /// <summary>Slack asked us to move to a new connection: reconnect at once.</summary>
        Refresh,

        /// <summary>Closed or broken: reconnect after a back-off.</summary>
        Dropped,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsSocketMode)
        {
            status.Set(SlackSocketState.Off);
            return;
        }

        var delay = settings.SocketReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            status.Set(status.State == SlackSocketState.Off ? SlackSocketState.Connecting : SlackSocketState.Reconnecting);
            var (url, opened) = await api.OpenConnectionAsync(settings.AppToken!, stoppingToken).ConfigureAwait(false);
            if (url is null)
            {
                if (opened.Kind == SlackCallKind.Permanent)
                {
                    status.Set(SlackSocketState.Failed, opened.Error);
                    LogRefused(logger, opened.Error ?? "unknown");
                    return;
                }

                status.Set(SlackSocketState.Reconnecting, opened.Error);
                LogOpenFailed(logger, opened.Error ?? "unknown", delay);
                delay = await WaitAsync(delay, settings, stoppingToken).ConfigureAwait(false);
                continue;
            }

            Ending ending;
            try
            {
                ending = await RunConnectionAsync(url, () => delay = settings.SocketReconnectDelay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException)
            {
                status.Disconnected("connection failed: " + ex.Message);
                LogDropped(logger, ex.Message, delay);
                ending = Ending.Dropped;
            }

            if (ending == Ending.Dropped)
            {
                delay = await WaitAsync(delay, settings, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Ending> RunConnectionAsync(Uri url, Action onHello, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        await socket.ConnectAsync(url, stoppingToken).ConfigureAwait(false);
        LogConnected(logger, url.Host);
        using var sendGate = new SemaphoreSlim(1, 1);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, stoppingToken).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                status.Disconnected($"closed by Slack ({received.CloseStatus}: {received.CloseStatusDescription})");
                LogDropped(logger, $"closed ({received.CloseStatus})", options.Value.SocketReconnectDelay);
                await CloseQuietlyAsync(socket).ConfigureAwait(false);
                return Ending.Dropped;
            }

            message.Write(buffer, 0, received.Count);
            if (message.Length > options.Value.MaxBodyBytes)
            {
                throw new WebSocketException("A Socket Mode message exceeds Slack:MaxBodyBytes.");
            }

            if (!received.EndOfMessage)
            {
                continue;
            }

            var frame = SlackRequestReader.ParseObjectStrict(message.ToArray());
            message.SetLength(0);
            if (frame is null)
            {
                LogBadFrame(logger);
                continue;
            }

            switch (SlackEndpoints.Str(frame, "type"))
            {
                case "hello":
                    status.Connected(time.GetUtcNow());
                    onHello();
                    continue;
                case "disconnect":
                    var reason = SlackEndpoints.Str(frame, "reason") ?? "unknown";
                    status.Disconnected("disconnect: " + reason);
                    LogRefresh(logger, reason);
                    await CloseQuietlyAsync(socket).ConfigureAwait(false);
                    return Ending.Refresh;
            }

            if (SlackEndpoints.Str(frame, "envelope_id") is { Length: > 0 } envelopeId)
            {
                await HandleEnvelopeAsync(socket, sendGate, envelopeId, frame, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, SemaphoreSlim sendGate, string envelopeId, JsonObject frame, CancellationToken stoppingToken)
    {
        status.Envelope();
        var type = SlackEndpoints.Str(frame, "type");
        var payload = frame["payload"] as JsonObject;
        var accepted = payload is null ? SlackAccepted.Malformed("envelope without a payload") : type switch
        {
            "events_api" => await endpoints.AcceptEventAsync(payload, RetryAttempt(frame), SlackEndpoints.Str(frame, "retry_reason"), stoppingToken).ConfigureAwait(false),
            "slash_commands" => await endpoints.AcceptCommandAsync(name => SlackEndpoints.Str(payload, name) ?? string.Empty, stoppingToken).ConfigureAwait(false),
            "interactive" => await endpoints.AcceptInteractionAsync(payload, stoppingToken).ConfigureAwait(false),
            _ => SlackAccepted.Ignored,
        };
        if (accepted.Kind == SlackAcceptance.Busy)
        {
            // Unacknowledged, Slack delivers it again: nothing is lost while the queue is full.
            LogBusy(logger, envelopeId);
            return;
        }

        if (accepted.Kind == SlackAcceptance.Malformed)
        {
            LogMalformed(logger, type ?? "(none)", accepted.Detail ?? string.Empty);
        }

        // Acknowledged without a payload: slash commands are answered through their response_url, like over HTTP.
        var ack = Encoding.UTF8.GetBytes(new JsonObject { ["envelope_id"] = envelopeId }.ToJsonString());
        await sendGate.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            sendGate.Release();
        }
    }

    private static string? RetryAttempt(JsonObject frame) =>
        frame["retry_attempt"] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    private async Task<TimeSpan> WaitAsync(TimeSpan delay, SlackOptions settings, CancellationToken stoppingToken)
    {
        // Jitter keeps many hosts that lost Slack at once from returning in step.
        var jittered = delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
        try
        {
            await Task.Delay(jittered, time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }

        var next = delay * 2;
        return next > settings.SocketMaxReconnectDelay ? settings.SocketMaxReconnectDelay : next;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected to {Host}")]
    private static partial void LogConnected(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: disconnect ({Reason}); reconnecting now")]
    private static partial void LogRefresh(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost ({Reason}); reconnecting in about {Delay}")]
    private static partial void LogDropped(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack apps.connections.open failed ({Error}); retrying in about {Delay}")]
    private static partial void LogOpenFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused the app-level token ({Error}); Socket Mode stopped. Check Slack:AppToken (xapp-, scope connections:write).")]
    private static partial void LogRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode frame that is not a JSON object ignored")]
    private static partial void LogBadFrame(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode envelope {Envelope} left unacknowledged: the work queue is full (Slack sends it again)")]
    private static partial void LogBusy(ILogger logger, string envelope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode {Type} envelope malformed ({Detail}); acknowledged and dropped")]
    private static partial void LogMalformed(ILogger logger, string type, string detail);
}
