using KazBriefBot.Engine;

namespace KazBriefBot.Host;

/// <summary>/healthz (the process is alive) and /readyz (the index is loaded, with counts and build time).</summary>
public static class Health
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/readyz", (BriefingEngine engine) =>
        {
            if (!engine.IsLoaded)
            {
                return Results.Json(new { status = "loading" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var snapshot = engine.Current;
            return Results.Ok(new
            {
                status = "ready",
                articles = snapshot.Articles.Count,
                sentences = snapshot.SentenceCount,
                skipped = snapshot.Skipped.Count,
                builtAt = snapshot.BuiltAt,
            });
        });
    }
}
