using System.Diagnostics;
using KazBriefBot.Engine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KazBriefBot.Host;

/// <summary>/healthz (the process is alive) and /readyz (the index is loaded, with counts, build time and reload status).</summary>
public static class Health
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/readyz", (BriefingEngine engine, CorpusWatcher watcher) =>
        {
            if (!engine.IsLoaded)
            {
                return Results.Json(new { status = "loading" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var snapshot = engine.Current;
            var reloads = watcher.Status;
            return Results.Ok(new
            {
                status = "ready",
                articles = snapshot.Articles.Count,
                sentences = snapshot.SentenceCount,
                skipped = snapshot.Skipped.Count,
                builtAt = snapshot.BuiltAt,
                version = snapshot.Version,
                reloads = new
                {
                    watching = watcher.IsWatching,
                    succeeded = reloads.Succeeded,
                    failed = reloads.Failed,
                    lastFailedAt = reloads.LastFailedAt,
                    lastError = reloads.LastError,
                },
            });
        });
    }

    /// <summary>Logs "KazBriefBot ready at URL: N articles" once the server listens, so `dotnet run` shows where to go.</summary>
    internal static void LogReadyOnStart(this WebApplication app, long buildStartedTimestamp)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var snapshot = app.Services.GetRequiredService<BriefingEngine>().Current;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KazBriefBot.Host");
            logger.LogInformation(
                "KazBriefBot ready at {Address}: {Articles} articles, {Sentences} sentences ({Elapsed:0} ms from host build to ready, {LoadTime:0} ms of it loading the corpus)",
                string.Join(", ", addresses),
                snapshot.Articles.Count,
                snapshot.SentenceCount,
                Stopwatch.GetElapsedTime(buildStartedTimestamp).TotalMilliseconds,
                app.Services.GetRequiredService<CorpusWatcher>().InitialLoadTime.TotalMilliseconds);
        });
    }
}
