using System.Globalization;
using System.Text.Json;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Digests;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Web;

/// <summary>Body of POST /api/ask.</summary>
public sealed record AskRequest(string? Question);

/// <summary>Body of POST /api/chat: typed text routed like any channel's message.</summary>
public sealed record ChatRequest(string? Text, string? ConversationId);

/// <summary>The HTTP API: the same JSON as the CLI's --json, and /api/chat for the page's typed commands.</summary>
internal static class WebApi
{
    private const string DateFormat = "yyyy-MM-dd";
    private const int MaxIdLength = 200;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/ask", AskAsync);
        api.MapPost("/chat", ChatAsync);
        api.MapGet("/figures", Figures);
        api.MapGet("/digest", Digest);
        api.MapGet("/articles/{id}", Article);
        api.MapGet("/sources", Sources);
    }

    private static async Task<IResult> AskAsync(HttpContext http, BriefingEngine engine, IOptions<WebOptions> options)
    {
        var (request, error) = await ReadJsonAsync<AskRequest>(http);
        if (error is not null)
        {
            return error;
        }

        var question = request!.Question?.Trim();
        if (TextProblem("question", question, options.Value.MaxQuestionLength) is { } invalid)
        {
            return invalid;
        }

        return Results.Json(engine.Ask(question!), EngineJson.Options);
    }

    private static async Task<IResult> ChatAsync(HttpContext http, CommandRouter router, IOptions<WebOptions> options)
    {
        var (request, error) = await ReadJsonAsync<ChatRequest>(http);
        if (error is not null)
        {
            return error;
        }

        var text = request!.Text?.Trim();
        if (TextProblem("text", text, options.Value.MaxQuestionLength) is { } invalid)
        {
            return invalid;
        }

        if (request.ConversationId is { Length: > MaxIdLength })
        {
            return BadRequest($"'conversationId' is longer than {MaxIdLength} characters.");
        }

        var conversation = new ConversationRef("web", string.IsNullOrWhiteSpace(request.ConversationId) ? "web" : request.ConversationId);
        var reply = await router.RouteAsync(text!, conversation, http.RequestAborted);
        return Results.Json(reply, ReplyJson.Options);
    }

    private static IResult Figures(string? topic, BriefingEngine engine, IOptions<WebOptions> options)
    {
        if (topic is not null && topic.Length > options.Value.MaxQuestionLength)
        {
            return BadRequest($"'topic' is longer than {options.Value.MaxQuestionLength} characters.");
        }

        return Results.Json(engine.Figures(topic?.Trim()), EngineJson.Options);
    }

    private static IResult Digest(HttpRequest request, BriefingEngine engine)
    {
        var query = request.Query;
        string? Single(string name) => query[name].Count > 1 ? null : query[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        foreach (var name in new[] { "date", "from", "to", "latest", "includeUndated" })
        {
            if (query[name].Count > 1)
            {
                return BadRequest($"'{name}' is given more than once.");
            }
        }

        var (date, from, to) = (Single("date"), Single("from"), Single("to"));
        if (!TryParseFlag(Single("latest"), out var latest))
        {
            return BadRequest("'latest' must be true or false.");
        }

        if (!TryParseFlag(Single("includeUndated"), out var includeUndated))
        {
            return BadRequest("'includeUndated' must be true or false.");
        }

        var ways = (date is null ? 0 : 1) + (from is null && to is null ? 0 : 1) + (latest ? 1 : 0);
        if (ways > 1)
        {
            return BadRequest("Give one of 'date', 'from' and 'to' together, or 'latest'.");
        }

        DateOnly first, last;
        if (date is not null)
        {
            if (date.Equals("today", StringComparison.OrdinalIgnoreCase))
            {
                first = last = DateOnly.FromDateTime(engine.Time.GetUtcNow().UtcDateTime);
            }
            else if (!TryParseDate(date, out first))
            {
                return BadRequest($"'date' must be a date as YYYY-MM-DD (or 'today'); got '{date}'.");
            }
            else
            {
                last = first;
            }
        }
        else if (from is not null || to is not null)
        {
            if (from is null || to is null)
            {
                return BadRequest("'from' and 'to' go together.");
            }

            if (!TryParseDate(from, out first))
            {
                return BadRequest($"'from' must be a date as YYYY-MM-DD; got '{from}'.");
            }

            if (!TryParseDate(to, out last))
            {
                return BadRequest($"'to' must be a date as YYYY-MM-DD; got '{to}'.");
            }

            if (first > last)
            {
                return BadRequest($"'from' ({from}) is after 'to' ({to}).");
            }
        }
        else
        {
            var latestDate = DigestBuilder.LatestDate(engine.Current);
            if (latestDate is null)
            {
                return Results.Problem(title: "Not found", detail: "No article in the corpus has a known date.", statusCode: StatusCodes.Status404NotFound);
            }

            first = last = latestDate.Value;
        }

        return Results.Json(engine.Digest(first, last, includeUndated), EngineJson.Options);
    }

    private static IResult Article(string id, BriefingEngine engine)
    {
        if (id.Length > MaxIdLength)
        {
            return BadRequest($"The article id is longer than {MaxIdLength} characters.");
        }

        var article = engine.Current.FindArticle(id);
        return article is null
            ? Results.Problem(title: "Not found", detail: $"No article '{id}'. GET /api/sources lists them.", statusCode: StatusCodes.Status404NotFound)
            : Results.Json(ArticleView.From(article), EngineJson.Options);
    }

    private static IResult Sources(BriefingEngine engine) =>
        Results.Json(engine.Current.Articles.Select(ArticleSummary.From).ToList(), EngineJson.Options);

    /// <summary>Reads a JSON body, or returns the problem that explains why it cannot be read.</summary>
    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext http)
        where T : class
    {
        var request = http.Request;
        if (request.ContentLength == 0)
        {
            return (null, BadRequest("The request has no body; send JSON."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, BadRequest($"Content-Type must be application/json; got '{request.ContentType ?? "none"}'."));
        }

        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length == 0)
            {
                return (null, BadRequest("The request has no body; send JSON."));
            }

            buffer.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(buffer, EngineJson.Options, http.RequestAborted);
            return value is null ? (null, BadRequest("The body must be a JSON object, not null.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest($"The body is not valid JSON for this request: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = http.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.MaxRequestBodyBytes;
            return (null, Results.Problem(title: "Payload too large", detail: $"The body is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }
    }

    private static IResult? TextProblem(string name, string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return BadRequest($"'{name}' is missing or empty.");
        }

        return text.Length > maxLength ? BadRequest($"'{name}' is {text.Length} characters long; the limit is {maxLength}.") : null;
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryParseFlag(string? text, out bool value)
    {
        value = false;
        return text is null || bool.TryParse(text, out value);
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
