using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KazBriefBot.Ingestion.Tests.Support;

/// <summary>Real Kestrel on 127.0.0.1 at a free port, serving what each test maps; unmapped paths get 404.</summary>
public sealed class LocalWebServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private LocalWebServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received, in order: path and the headers tests look at.</summary>
    public ConcurrentQueue<(string Path, string? UserAgent, string? IfNoneMatch, string? IfModifiedSince)> Requests { get; } = new();

    public static async Task<LocalWebServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalWebServer(app);
        app.Run(context =>
        {
            var request = context.Request;
            server.Requests.Enqueue((request.Path.Value ?? "", request.Headers.UserAgent.ToString(), request.Headers.IfNoneMatch.FirstOrDefault(), request.Headers.IfModifiedSince.FirstOrDefault()));
            if (server._routes.TryGetValue(request.Path.Value ?? "", out var handler))
            {
                return handler(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public void Map(string path, RequestDelegate handler) => _routes[path] = handler;

    /// <summary>Serves a file's bytes as they are, with an ETag, and answers 304 to a matching If-None-Match.</summary>
    public void MapFile(string path, string file, string contentType)
    {
        var bytes = File.ReadAllBytes(file);
        MapBytes(path, bytes, contentType);
    }

    public void MapBytes(string path, byte[] bytes, string contentType)
    {
        var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16] + "\"";
        Map(path, async context =>
        {
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = contentType;
            context.Response.Headers.ETag = etag;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        });
    }

    public void MapRedirect(string path, string location, int status = StatusCodes.Status302Found) => Map(path, context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    public void MapStatus(string path, int status) => Map(path, context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
