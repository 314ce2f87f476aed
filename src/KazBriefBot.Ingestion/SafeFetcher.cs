using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace KazBriefBot.Ingestion;

/// <summary>What a server told us last time, for a conditional request (ETag / If-Modified-Since).</summary>
public sealed record Validators(string? ETag, DateTimeOffset? LastModified)
{
    public static Validators None { get; } = new(null, null);
}

/// <summary>Whether the body was sent or the server said it has not changed.</summary>
public enum FetchOutcome
{
    Fetched,
    NotModified,
}

/// <summary>A fetched resource: the address it was finally served from (after redirects), its bytes and declared type.</summary>
public sealed record FetchedResource(Uri RequestedUri, Uri FinalUri, FetchOutcome Outcome, byte[] Body, string? MediaType, string? Charset, Validators Validators);

/// <summary>A fetch that did not give a usable body: HTTP error, timeout, too large, too many redirects, connection failure.</summary>
public sealed class FetchFailedException(string message, HttpStatusCode? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>The server's Retry-After, when it sent one (429, 503).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>GETs http(s) resources politely and safely: a User-Agent naming the bot, conditional requests, a time limit,
/// a size cap, a limited number of redirects (each checked), and no private, loopback or link-local address unless allowed.</summary>
public sealed class SafeFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly IngestOptions _options;
    private readonly bool _ownsClient;

    /// <param name="client">A client over <see cref="CreateHandler"/> (possibly with resilience handlers in between).</param>
    public SafeFetcher(HttpClient client, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
    }

    private SafeFetcher(IngestOptions options)
        : this(new HttpClient(CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan }, options) => _ownsClient = true;

    /// <summary>A fetcher with its own connection pool (the CLI); the host shares one from IHttpClientFactory.</summary>
    public static SafeFetcher Create(IngestOptions options) => new(options);

    /// <summary>The primary handler: no automatic redirects (each hop is checked here), no proxy (the address check must see
    /// the real server), and a connect callback that refuses forbidden addresses after DNS resolution.</summary>
    public static SocketsHttpHandler CreateHandler(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowPrivate = options.AllowPrivateNetwork;
        return CreateHandler(options, address => NetworkPolicy.Refusal(address, allowPrivate));
    }

    /// <summary>A handler with another address policy: tests use it to let one loopback address stand for a public server.</summary>
    internal static SocketsHttpHandler CreateHandler(IngestOptions options, Func<IPAddress, string?> refusal)
    {
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(options.TimeoutSeconds, 15)),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, refusal, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, Func<IPAddress, string?> refusal, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        string? firstRefusal = null;
        foreach (var address in addresses)
        {
            if (refusal(address) is { } reason)
            {
                firstRefusal ??= host == address.ToString() ? reason : $"{host} resolves to {reason}";
                continue;
            }

            // Connect to the very address that was checked, so a second DNS answer cannot swap it.
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (!ReferenceEquals(address, addresses[^1]))
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new FetchRefusedException(firstRefusal ?? $"{host} has no address");
    }

    /// <summary>GETs <paramref name="uri"/>, following at most Ingest:MaxRedirects redirects.</summary>
    /// <exception cref="FetchRefusedException">The scheme or an address on the way is not allowed.</exception>
    /// <exception cref="FetchFailedException">The server failed, was too slow, sent too much or redirected too often.</exception>
    public async Task<FetchedResource> GetAsync(Uri uri, Validators? validators, string accept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            return await GetFollowingRedirectsAsync(uri, validators ?? Validators.None, accept, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException($"no complete answer from {uri.Host} within {_options.TimeoutSeconds} s (Ingest:TimeoutSeconds)", inner: ex);
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refused)
        {
            throw refused;
        }
        catch (HttpRequestException ex)
        {
            throw new FetchFailedException($"cannot reach {uri.Host}: {ex.Message}", ex.StatusCode, inner: ex);
        }
    }

    private async Task<FetchedResource> GetFollowingRedirectsAsync(Uri uri, Validators validators, string accept, CancellationToken cancellationToken)
    {
        var current = uri;
        for (var hop = 0; ; hop++)
        {
            NetworkPolicy.CheckScheme(current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            if (validators.ETag is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (validators.LastModified is { } lastModified)
            {
                request.Headers.IfModifiedSince = lastModified;
            }

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (response.Headers.Location is not { } location)
                {
                    throw new FetchFailedException($"HTTP {status} from {current} without a Location", response.StatusCode);
                }

                if (hop >= _options.MaxRedirects)
                {
                    throw new FetchFailedException($"more than {_options.MaxRedirects} redirects from {uri} (Ingest:MaxRedirects)", response.StatusCode);
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FetchedResource(uri, current, FetchOutcome.NotModified, [], null, null, validators);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FetchFailedException(DescribeFailure(response, current), response.StatusCode, RetryAfterOf(response));
            }

            var body = await ReadCappedAsync(response.Content, current, cancellationToken);
            var contentType = response.Content.Headers.ContentType;
            var newValidators = new Validators(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
            return new FetchedResource(uri, current, FetchOutcome.Fetched, body, contentType?.MediaType, contentType?.CharSet?.Trim('"'), newValidators);
        }
    }

    private static string DescribeFailure(HttpResponseMessage response, Uri uri)
    {
        var status = (int)response.StatusCode;
        var blocked = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests
            ? " (the site refuses or limits the bot)"
            : "";
        return $"HTTP {status} {response.ReasonPhrase} from {uri}{blocked}";
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : null,
        _ => null,
    };

    private async Task<byte[]> ReadCappedAsync(HttpContent content, Uri uri, CancellationToken cancellationToken)
    {
        var cap = _options.MaxResponseBytes;
        if (content.Headers.ContentLength is { } length && length > cap)
        {
            throw new FetchFailedException($"{uri} is {length} bytes, over the limit of {cap} (Ingest:MaxResponseBytes)");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // Counted after decompression, so a small compressed bomb is stopped too.
            if (buffer.Length + read > cap)
            {
                throw new FetchFailedException($"{uri} sent more than {cap} bytes (Ingest:MaxResponseBytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static FetchRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is FetchRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
