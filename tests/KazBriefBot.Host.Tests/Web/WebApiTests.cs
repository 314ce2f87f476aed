using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KazBriefBot.Host.Tests.Web;

/// <summary>The HTTP API over the real host on Kestrel (127.0.0.1), seeds corpus.</summary>
public sealed class WebApiTests : IAsyncLifetime
{
    private const string Blinken = "What did Blinken announce?";
    private TestHost _host = null!;

    private HttpClient Client => _host.Client;

    private BriefingEngine Engine => _host.Services.GetRequiredService<BriefingEngine>();

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ask_returns_the_same_json_as_the_cli()
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { question = Blinken });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        // The CLI's --json writes EngineJson.Serialize(engine.Ask(question)).
        Assert.Equal(EngineJson.Serialize(Engine.Ask(Blinken)), body);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("answered").GetBoolean());
        var quotes = json.RootElement.GetProperty("quotes").EnumerateArray().ToList();
        Assert.NotEmpty(quotes);
        Assert.Contains(quotes, q => q.GetProperty("source").GetProperty("id").GetString()!.StartsWith("001_", StringComparison.Ordinal));
        foreach (var quote in quotes)
        {
            var source = quote.GetProperty("source");
            var text = await File.ReadAllTextAsync(Path.Combine(Paths.Seeds, source.GetProperty("id").GetString() + ".txt"));
            Assert.Contains(quote.GetProperty("text").GetString()!, text, StringComparison.Ordinal);

            // The host resolves its corpus folder to an absolute path; answers still show "folder/file", as the CLI
            // does, and never the server's directory layout.
            var path = source.GetProperty("path").GetString()!;
            Assert.Equal($"{Path.GetFileName(Paths.Seeds)}/{source.GetProperty("id").GetString()}.txt", path);
            Assert.False(Path.IsPathRooted(path), path);
        }
    }

    [Fact]
    public async Task Figures_and_digest_return_the_engine_json()
    {
        var figures = await Client.GetStringAsync(new Uri("/api/figures?topic=trade", UriKind.Relative));
        Assert.Equal(EngineJson.Serialize(Engine.Figures("trade")), figures);

        var allFigures = await Client.GetStringAsync(new Uri("/api/figures", UriKind.Relative));
        Assert.Equal(EngineJson.Serialize(Engine.Figures(null)), allFigures);

        var dated = Engine.Current.Articles.Select(a => a.Metadata.Date).OfType<DateOnly>().Order().ToList();
        using var latestResponse = await Client.GetAsync(new Uri("/api/digest", UriKind.Relative));
        if (dated.Count == 0)
        {
            await AssertProblemAsync(latestResponse, HttpStatusCode.NotFound, "known date");
        }
        else
        {
            var latest = await latestResponse.Content.ReadAsStringAsync();
            var latestExplicit = await Client.GetStringAsync(new Uri("/api/digest?latest=true", UriKind.Relative));
            Assert.Equal(latest, latestExplicit);
            Assert.Equal(EngineJson.Serialize(Engine.Digest(dated[^1], dated[^1])), latest);
            var day = dated[0].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var byDate = await Client.GetStringAsync(new Uri($"/api/digest?date={day}", UriKind.Relative));
            Assert.Equal(EngineJson.Serialize(Engine.Digest(dated[0], dated[0])), byDate);
        }

        var range = await Client.GetStringAsync(new Uri("/api/digest?from=2020-01-01&to=2030-12-31&includeUndated=true", UriKind.Relative));
        Assert.Equal(EngineJson.Serialize(Engine.Digest(new DateOnly(2020, 1, 1), new DateOnly(2030, 12, 31), includeUndated: true)), range);
        using var json = JsonDocument.Parse(range);
        Assert.Equal("2020-01-01", json.RootElement.GetProperty("from").GetString());
        Assert.True(json.RootElement.GetProperty("items").GetArrayLength() + json.RootElement.GetProperty("undated").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Articles_and_sources_give_text_and_metadata()
    {
        using var sources = JsonDocument.Parse(await Client.GetStringAsync(new Uri("/api/sources", UriKind.Relative)));
        var ids = sources.RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.Equal(Directory.GetFiles(Paths.Seeds, "*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));

        using var article = JsonDocument.Parse(await Client.GetStringAsync(new Uri("/api/articles/001", UriKind.Relative)));
        Assert.Equal("001_43cb461444ca7a2a", article.RootElement.GetProperty("summary").GetProperty("id").GetString());
        var expected = await File.ReadAllTextAsync(Path.Combine(Paths.Seeds, "001_43cb461444ca7a2a.txt"));
        Assert.Equal(expected.TrimStart('\uFEFF'), article.RootElement.GetProperty("text").GetString());

        using var missing = await Client.GetAsync(new Uri("/api/articles/999", UriKind.Relative));
        await AssertProblemAsync(missing, HttpStatusCode.NotFound, "999");
    }

    [Theory]
    [InlineData(Blinken, "answer")]
    [InlineData("ask What did Blinken announce?", "answer")]
    [InlineData("figures trade", "figures")]
    [InlineData("sources", "sources")]
    [InlineData("article 001", "article")]
    [InlineData("help", "text")]
    [InlineData("/nosuchcommand now", "text")]
    public async Task Chat_routes_text_through_the_command_router(string text, string firstBlockType)
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var blocks = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();
        Assert.NotEmpty(blocks);
        Assert.Equal(firstBlockType, blocks[0].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("actions").ValueKind);
    }

    [Fact]
    public async Task Chat_unknown_command_gets_the_help_text_and_answers_carry_follow_ups()
    {
        var router = _host.Services.GetRequiredService<CommandRouter>();
        using var unknown = JsonDocument.Parse(await PostChatAsync("/nosuchcommand"));
        var help = await router.RouteAsync("help", new ConversationRef("web", "test"));
        Assert.Equal(((TextBlock)help.Blocks[0]).Text, unknown.RootElement.GetProperty("blocks")[0].GetProperty("text").GetString());

        using var answer = JsonDocument.Parse(await PostChatAsync(Blinken));
        var block = answer.RootElement.GetProperty("blocks")[0];
        Assert.True(block.GetProperty("answer").GetProperty("quotes").GetArrayLength() > 0);
        Assert.Contains(answer.RootElement.GetProperty("actions").EnumerateArray(), a => a.GetProperty("commandText").GetString()!.StartsWith("article ", StringComparison.Ordinal));
    }

    public static TheoryData<string, string?, string, string> BadBodies => new()
    {
        { "/api/ask", null, "application/json", "no body" },
        { "/api/ask", "{\"question\":\"hi\"}", "text/plain", "Content-Type" },
        { "/api/ask", "{\"question\":", "application/json", "not valid JSON" },
        { "/api/ask", "{\"question\": 42}", "application/json", "not valid JSON" },
        { "/api/ask", "null", "application/json", "not null" },
        { "/api/ask", "{}", "application/json", "'question' is missing" },
        { "/api/ask", "{\"question\":\"   \"}", "application/json", "'question' is missing or empty" },
        { "/api/ask", "{\"question\":\"" + new string('a', 1001) + "\"}", "application/json", "limit is 1000" },
        { "/api/chat", "{\"text\":\"\"}", "application/json", "'text' is missing or empty" },
        { "/api/chat", "{\"text\":\"help\"}", "application/x-www-form-urlencoded", "Content-Type" },
        { "/api/chat", "[1,2]", "application/json", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_400_problem_json(string path, string? body, string contentType, string expectedDetail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expectedDetail);
    }

    [Fact]
    public async Task A_question_of_exactly_1000_characters_is_accepted()
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { question = "Blinken " + new string('x', 992) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_bodies_get_413_problem_json()
    {
        var padding = new string(' ', 20 * 1024);
        using var response = await Client.PostAsync(new Uri("/api/ask", UriKind.Relative), new StringContent("{\"question\":\"hi\"" + padding + "}", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than");
    }

    [Theory]
    [InlineData("/api/digest?date=2023-13-01", "'date' must be a date")]
    [InlineData("/api/digest?date=yesterday", "'date' must be a date")]
    [InlineData("/api/digest?from=2023-01-01", "go together")]
    [InlineData("/api/digest?from=2023-02-01&to=2023-01-01", "is after")]
    [InlineData("/api/digest?from=2023-01-01&to=soon", "'to' must be a date")]
    [InlineData("/api/digest?date=2023-01-01&latest=true", "one of")]
    [InlineData("/api/digest?latest=maybe", "'latest' must be true or false")]
    [InlineData("/api/digest?date=2023-01-01&date=2023-01-02", "more than once")]
    public async Task Bad_digest_queries_get_400_problem_json(string path, string expectedDetail)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expectedDetail);
    }

    [Fact]
    public async Task An_overlong_figures_topic_gets_400_problem_json()
    {
        using var response = await Client.GetAsync(new Uri("/api/figures?topic=" + new string('t', 1001), UriKind.Relative));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "'topic' is longer");
    }

    [Fact]
    public async Task A_failing_handler_gets_a_500_problem_not_an_empty_response()
    {
        await using var host = await TestHost.StartAsync(configure: b => b.Services.AddSingleton<IHostCommandHandler, FailingHandler>());

        using var response = await host.Client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { text = "fail now" });

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "has been logged");
    }

    private async Task<string> PostChatAsync(string text)
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string expectedDetail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(expectedDetail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A command whose handler throws, to check the API's error response.</summary>
internal sealed class FailingHandler : IHostCommandHandler
{
    public string Name => "fail";

    public string Usage => "fail";

    public string Summary => "Always throws (test only).";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("boom");
}
