using System.Net;
using KazBriefBot.Ingestion.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace KazBriefBot.Ingestion.Tests.Fetching;

public sealed class SafeFetcherTests : IAsyncLifetime
{
    private LocalWebServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalWebServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static IngestOptions Allowing(Action<IngestOptions>? change = null)
    {
        var options = new IngestOptions { AllowPrivateNetwork = true };
        change?.Invoke(options);
        return options;
    }

    private static Task<FetchedResource> GetAsync(IngestOptions options, Uri uri, Validators? validators = null)
    {
        var fetcher = SafeFetcher.Create(options);
        return GetAndDisposeAsync(fetcher, uri, validators);
    }

    private static async Task<FetchedResource> GetAndDisposeAsync(SafeFetcher fetcher, Uri uri, Validators? validators)
    {
        using (fetcher)
        {
            return await fetcher.GetAsync(uri, validators, "*/*", CancellationToken.None);
        }
    }

    [Fact]
    public async Task Loopback_is_refused_without_the_switch_with_a_clear_reason()
    {
        _server.MapBytes("/feed.xml", "<rss/>"u8.ToArray(), "application/rss+xml");
        var ex = await Assert.ThrowsAsync<FetchRefusedException>(() => GetAsync(new IngestOptions(), _server.Url("/feed.xml")));
        Assert.Contains("127.0.0.1 is a loopback address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowPrivateNetwork", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_name_is_checked_by_the_address_it_resolves_to()
    {
        // "localhost" is not an IP literal: only the resolved address shows it is loopback.
        var url = new Uri($"http://localhost:{_server.BaseAddress.Port}/feed.xml");
        var ex = await Assert.ThrowsAsync<FetchRefusedException>(() => GetAsync(new IngestOptions(), url));
        Assert.Contains("localhost resolves to", ex.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_redirect_hop_is_checked_after_resolution()
    {
        // 127.0.0.1 stands for a public server here; the redirect leads to another loopback address, which the policy refuses.
        _server.MapRedirect("/go", $"http://127.0.0.2:{_server.BaseAddress.Port}/internal");
        var options = new IngestOptions();
        var handler = SafeFetcher.CreateHandler(options, a => a.Equals(IPAddress.Loopback) ? null : NetworkPolicy.Refusal(a, false));
        using var fetcher = new SafeFetcher(new HttpClient(handler), options);
        var ex = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(_server.Url("/go"), null, "*/*", CancellationToken.None));
        Assert.Contains("127.0.0.2 is a loopback address", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["/go"], _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        _server.MapRedirect("/go", "file:///etc/passwd");
        var ex = await Assert.ThrowsAsync<FetchRefusedException>(() => GetAsync(Allowing(), _server.Url("/go")));
        Assert.Contains("not an http or https address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_the_limit()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.MapRedirect($"/r{i}", $"/r{i + 1}", i % 2 == 0 ? StatusCodes.Status301MovedPermanently : StatusCodes.Status307TemporaryRedirect);
        }

        _server.MapBytes("/r3", "done"u8.ToArray(), "text/plain");
        var fetched = await GetAsync(Allowing(o => o.MaxRedirects = 3), _server.Url("/r0"));
        Assert.Equal("done", System.Text.Encoding.UTF8.GetString(fetched.Body));
        Assert.Equal(_server.Url("/r3"), fetched.FinalUri);

        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(Allowing(o => o.MaxRedirects = 2), _server.Url("/r0")));
        Assert.Contains("more than 2 redirects", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_names_itself_and_uses_conditional_requests()
    {
        _server.MapBytes("/feed.xml", "<rss/>"u8.ToArray(), "application/rss+xml");
        var options = Allowing(o => o.UserAgent = "KazBriefBot/test (ops@example.org)");
        using var fetcher = SafeFetcher.Create(options);
        var first = await fetcher.GetAsync(_server.Url("/feed.xml"), null, "*/*", CancellationToken.None);
        Assert.Equal(FetchOutcome.Fetched, first.Outcome);
        Assert.NotNull(first.Validators.ETag);

        var second = await fetcher.GetAsync(_server.Url("/feed.xml"), first.Validators, "*/*", CancellationToken.None);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        var requests = _server.Requests.ToList();
        Assert.All(requests, r => Assert.Equal("KazBriefBot/test (ops@example.org)", r.UserAgent));
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Equal(first.Validators.ETag, requests[1].IfNoneMatch);
    }

    [Fact]
    public async Task If_modified_since_is_sent_when_the_server_gave_a_date()
    {
        var lastModified = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        _server.Map("/dated", context =>
        {
            if (context.Request.Headers.IfModifiedSince.Count > 0)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.Headers.LastModified = lastModified.ToString("R");
            return context.Response.WriteAsync("body");
        });
        using var fetcher = SafeFetcher.Create(Allowing());
        var first = await fetcher.GetAsync(_server.Url("/dated"), null, "*/*", CancellationToken.None);
        Assert.Equal(lastModified, first.Validators.LastModified);
        var second = await fetcher.GetAsync(_server.Url("/dated"), first.Validators, "*/*", CancellationToken.None);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal("Wed, 01 May 2024 10:00:00 GMT", _server.Requests.Last().IfModifiedSince);
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_refused_with_or_without_a_length()
    {
        _server.MapBytes("/big", new byte[4096], "text/html");
        _server.Map("/chunked", async context =>
        {
            for (var i = 0; i < 8; i++)
            {
                await context.Response.Body.WriteAsync(new byte[1024]);
                await context.Response.Body.FlushAsync();
            }
        });
        var options = Allowing(o => o.MaxResponseBytes = 2048);
        var big = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(options, _server.Url("/big")));
        Assert.Contains("over the limit of 2048", big.Message, StringComparison.Ordinal);
        var chunked = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(options, _server.Url("/chunked")));
        Assert.Contains("more than 2048 bytes", chunked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_server_times_out()
    {
        _server.Map("/slow", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            await context.Response.WriteAsync("late");
        });
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(Allowing(o => o.TimeoutSeconds = 1), _server.Url("/slow")));
        Assert.Contains("within 1 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_errors_say_the_status_and_keep_retry_after()
    {
        _server.Map("/limited", context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        var limited = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(Allowing(), _server.Url("/limited")));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), limited.RetryAfter);
        Assert.Contains("refuses or limits the bot", limited.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(Allowing(), _server.Url("/nothing-here")));
        Assert.Contains("HTTP 404", missing.Message, StringComparison.Ordinal);
    }
}
