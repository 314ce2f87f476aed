using System.Diagnostics;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Semantic;
using KazBriefBot.Host.Ingestion;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KazBriefBot.Host;

/// <summary>/healthz (the process is alive) and /readyz (the index is loaded, with counts, build time, reload status and
/// whether answers are lexical or hybrid yet, and per polled feed what was ingested and what failed).</summary>
public static class Health
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/readyz", (BriefingEngine engine, CorpusWatcher watcher, SemanticIndexer semanticIndexer, FeedPoller feeds, Slack.SlackSocketModeStatus slack) =>
        {
            if (!engine.IsLoaded)
            {
                return Results.Json(new { status = "loading" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var snapshot = engine.Current;
            var reloads = watcher.Status;
            var semantic = semanticIndexer.Status;
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
                retrieval = semantic.Retrieval,
                semantic = new
                {
                    state = StateName(semantic.State),
                    model = semantic.ModelId,
                    embedded = semantic.Embedded,
                    total = semantic.Total,
                    error = semantic.Error,
                },
                ingest = new { feeds = feeds.Status.Select(FeedJson) },

                // How Slack events arrive: "http", or "socket" with the Socket Mode connection's state.
                slack = slack.Snapshot(),
            });
        });
    }

    /// <summary>One polled feed's counts since start: what was added, updated or skipped, and what failed with the last reason.</summary>
    private static object FeedJson(FeedStatus feed) => new
    {
        url = feed.Url,
        outlet = feed.Outlet,
        polls = feed.Polls,
        failedPolls = feed.FailedPolls,
        consecutiveFailures = feed.ConsecutiveFailures,
        added = feed.Added,
        updated = feed.Updated,
        unchanged = feed.Unchanged,
        duplicates = feed.Duplicates,
        filtered = feed.Filtered,
        failedItems = feed.FailedItems,
        lastPolledAt = feed.LastPolledAt,
        nextPollAt = feed.NextPollAt,
        lastError = feed.LastError,
    };

    /// <summary>"off", "building", "ready" or "failed".</summary>
    private static string StateName(SemanticState state) => state.ToString().ToLowerInvariant();

    /// <summary>Logs "KazBriefBot ready at URL: N articles" once the server listens, so `dotnet run` shows where to go and
    /// whether answers are lexical or hybrid yet.</summary>
    internal static void LogReadyOnStart(this WebApplication app, long buildStartedTimestamp)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var engine = app.Services.GetRequiredService<BriefingEngine>();
            var snapshot = engine.Current;
            var semantic = app.Services.GetRequiredService<SemanticIndexer>().Status;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KazBriefBot.Host");
            logger.LogInformation(
                "KazBriefBot ready at {Address}: {Articles} articles, {Sentences} sentences; answers are {Retrieval} ({Semantic}); {Elapsed:0} ms from host build to ready, {LoadTime:0} ms of it loading the corpus",
                string.Join(", ", addresses),
                snapshot.Articles.Count,
                snapshot.SentenceCount,
                semantic.Retrieval,
                Describe(semantic),
                Stopwatch.GetElapsedTime(buildStartedTimestamp).TotalMilliseconds,
                app.Services.GetRequiredService<CorpusWatcher>().InitialLoadTime.TotalMilliseconds);
        });
    }

    private static string Describe(SemanticStatus semantic) => semantic.State switch
    {
        SemanticState.Off => "semantic retrieval is off",
        SemanticState.Building => $"hybrid once {semantic.ModelId} has embedded the sentences in the background",
        SemanticState.Ready => $"semantic model {semantic.ModelId}",
        _ => $"embedding failed: {semantic.Error}",
    };
}
