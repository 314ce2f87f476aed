using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KazBriefBot.Host.Tests.Reliability;

/// <summary>Random and mutated bodies thrown at every inbound endpoint: 4xx or ignored, never 5xx, and good requests keep working.</summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SigningSecret = "fuzz-signing-secret-0123456789abcdef";
    private const int CasesPerEndpoint = 150;
    private static readonly string[] Endpoints = ["/api/messages", "/slack/commands", "/slack/events", "/slack/interactions", "/api/ask", "/api/chat"];
    private FakeRemote _remote = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _remote = await FakeRemote.StartAsync();
        _host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = "xoxb-fuzz-token",
            ["Slack:ApiBaseUrl"] = _remote.BaseAddress.ToString(),
            ["RateLimits:PerUserPerMinute"] = "100000",
            ["RateLimits:PerConversationPerMinute"] = "100000",
            ["RateLimits:ApiPerClientPerMinute"] = "1000000",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _remote.DisposeAsync();
    }

    [Fact]
    public async Task Every_endpoint_answers_random_and_mutated_bodies_without_a_server_error()
    {
        var failures = new List<string>();
        var casesRun = 0;
        foreach (var endpoint in Endpoints)
        {
            // A fresh random sample every run; a failure message carries the offending body's description.
            var cases = Gen.Sample(BodyFor(endpoint), CasesPerEndpoint, 30);
            foreach (var fuzz in cases)
            {
                var status = await SendAsync(endpoint, fuzz);
                casesRun++;
                if ((int)status >= 500)
                {
                    failures.Add($"{endpoint} [{fuzz.ContentType}] {fuzz.Description} → {(int)status}: {Encoding.UTF8.GetString(fuzz.Bytes.AsSpan(0, Math.Min(fuzz.Bytes.Length, 300)))}");
                }
            }
        }

        output.WriteLine($"Fuzz cases run: {casesRun} over {Endpoints.Length} endpoints; server errors: {failures.Count}");
        Assert.True(casesRun >= Endpoints.Length * 100, $"only {casesRun} cases ran");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task Property_an_empty_body_with_any_content_type_gets_a_client_error_or_ok()
    {
        var pairs = Gen.Elements(Endpoints).Zip(Gen.Elements("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", string.Empty, "application/json; charset=latin1"));
        var property = Prop.ForAll(Arb.From(pairs), pair =>
        {
            var status = (int)SendAsync(pair.Item1, new FuzzBody(pair.Item2, [], "empty body")).GetAwaiter().GetResult();
            return status is (>= 400 and < 500) or 200;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
        await AssertStillAnswersAsync();
    }

    private async Task AssertStillAnswersAsync()
    {
        using var content = new StringContent("""{"question":"What did Blinken announce?"}""", Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync(new Uri("/api/ask", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Blinken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> SendAsync(string endpoint, FuzzBody fuzz)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, UriKind.Relative));
        request.Content = new ByteArrayContent(fuzz.Bytes);
        if (fuzz.ContentType.Length > 0 && MediaTypeHeaderValue.TryParse(fuzz.ContentType, out var mediaType))
        {
            request.Content.Headers.ContentType = mediaType;
        }

        if (endpoint.StartsWith("/slack/", StringComparison.Ordinal))
        {
            // Signed with the configured secret, so the fuzz reaches the parsers behind the signature check.
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
            request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(SigningSecret, timestamp, fuzz.Bytes));
        }

        try
        {
            using var response = await _host.Client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server may close the connection on an over-limit body: that is a refusal, not a crash.
            return HttpStatusCode.RequestEntityTooLarge;
        }
    }

    private Gen<FuzzBody> BodyFor(string endpoint)
    {
        IEnumerable<JsonNode> seeds = SeedBodies(endpoint).DefaultIfEmpty(new JsonObject()).ToList();
        var json = endpoint is "/api/messages" or "/slack/events" or "/api/ask" or "/api/chat";
        var contentType = json ? "application/json" : "application/x-www-form-urlencoded";
        var invalidUtf8 = new[] { new byte[] { 0xC3, 0x28 }, [0xFF, 0xFE, 0x00], [0xED, 0xA0, 0x80], [0xF0, 0x28, 0x8C, 0xBC] };
        return Gen.Frequency(new (int, Gen<FuzzBody>)[]
        {
            (3, RandomBytes().Select(b => new FuzzBody(contentType, b, "random bytes"))),
            (5, Gen.Elements(seeds).SelectMany(MutatedJson).Select(t => new FuzzBody(contentType, EncodeFor(endpoint, t), "mutated payload"))),
            (1, Gen.Choose(100, 20_000).Select(depth => new FuzzBody(contentType, Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), $"nesting {depth}"))),
            (1, Gen.Choose(1, 3).Select(mb => new FuzzBody(contentType, Encoding.UTF8.GetBytes("{\"question\":\"" + new string('a', mb * 1024 * 1024) + "\"}"), $"huge {mb} MiB"))),
            (1, Gen.Elements(invalidUtf8).Select(b => new FuzzBody(contentType, [.. "{\"question\":\""u8.ToArray(), .. b, .. "\"}"u8.ToArray()], "invalid UTF-8"))),
            (1, Gen.Elements(seeds).Zip(Gen.Elements("text/plain", "application/xml", "image/png")).Select(p => new FuzzBody(p.Item2, EncodeFor(endpoint, p.Item1), "wrong content type"))),
        });
    }

    private static Gen<byte[]> RandomBytes() =>
        Gen.Choose(0, 2048).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n));

    /// <summary>Structured mutations: drop keys, change value types, inject control characters; service URLs only ever point to loopback.</summary>
    private Gen<JsonNode> MutatedJson(JsonNode seed) =>
        Gen.Choose(0, int.MaxValue).Select(seedValue =>
        {
            var random = new System.Random(seedValue);
            var copy = seed.DeepClone();
            Mutate(copy, random, depth: 0);
            return copy;
        });

    private void Mutate(JsonNode node, System.Random random, int depth)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                var roll = random.Next(10);
                if (key is "serviceUrl" or "response_url" or "serviceurl")
                {
                    obj[key] = random.Next(4) == 0 ? null : _remote.BaseAddress.ToString();
                }
                else if (roll == 0)
                {
                    obj.Remove(key);
                }
                else if (roll == 1)
                {
                    obj[key] = RandomValue(random);
                }
                else if (obj[key] is { } child && depth < 6)
                {
                    Mutate(child, random, depth + 1);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>().ToList())
            {
                if (depth < 6)
                {
                    Mutate(child, random, depth + 1);
                }
            }
        }
    }

    private static JsonNode? RandomValue(System.Random random) => random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next()),
        2 => JsonValue.Create("\u0000\u0001\u001b[31m\u202e<at>x</at><!channel>"),
        3 => new JsonArray(JsonValue.Create(1), null, new JsonObject()),
        4 => JsonValue.Create(new string('x', random.Next(0, 5000))),
        5 => JsonValue.Create(random.Next(2) == 0),
        _ => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = JsonValue.Create(-1.5e308) } },
    };

    private static byte[] EncodeFor(string endpoint, JsonNode node)
    {
        var json = node.ToJsonString();
        if (endpoint == "/slack/commands")
        {
            var form = node is JsonObject o
                ? string.Join('&', o.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? string.Empty)}"))
                : json;
            return Encoding.UTF8.GetBytes(form);
        }

        return endpoint == "/slack/interactions" ? Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json)) : Encoding.UTF8.GetBytes(json);
    }

    private List<JsonNode> SeedBodies(string endpoint)
    {
        var local = _remote.BaseAddress.ToString();
        return endpoint switch
        {
            "/api/messages" => FixtureObjects("teams").Where(n => n["type"] is not null).Select(n =>
            {
                // Replies go to the activity's serviceUrl: keep it on loopback.
                n["serviceUrl"] = local;
                return n;
            }).ToList(),
            "/slack/events" => FixtureObjects("slack").Where(n => n["type"] is not null || n["event"] is not null).ToList(),
            "/slack/commands" => [JsonNode.Parse($$"""{"command":"/kazbrief","text":"what did Blinken announce?","team_id":"T1","channel_id":"C1","user_id":"U1","response_url":"{{local}}","trigger_id":"1"}""")!],
            "/slack/interactions" => [JsonNode.Parse($$"""{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"team":{"id":"T1"},"response_url":"{{local}}","actions":[{"action_id":"followup","value":"article 001"}]}""")!],
            "/api/chat" => [JsonNode.Parse("""{"text":"figures trade"}""")!],
            _ => [JsonNode.Parse("""{"question":"What did Blinken announce?"}""")!],
        };
    }

    /// <summary>Every JSON object found in the recorded fixtures of a channel (files hold several payloads under named keys).</summary>
    private static List<JsonNode> FixtureObjects(string channel)
    {
        var folder = Path.Combine(Paths.Shared, "fixtures", channel);
        var result = new List<JsonNode>();
        if (!Directory.Exists(folder))
        {
            return result;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is JsonObject obj)
                {
                    result.Add(obj.DeepClone());
                    result.AddRange(obj.Select(p => p.Value).OfType<JsonObject>().Select(o => o.DeepClone()));
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a JSON fixture: skip.
            }
        }

        // Loopback only: any URL in a recorded payload is rewritten so that no reply can leave this machine.
        foreach (var node in result)
        {
            Rewrite(node);
        }

        return result;

        static void Rewrite(JsonNode node)
        {
            if (node is JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                    {
                        o[key] = "http://127.0.0.1:9/";
                    }
                    else if (o[key] is { } child)
                    {
                        Rewrite(child);
                    }
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a.OfType<JsonNode>())
                {
                    Rewrite(child);
                }
            }
        }
    }

    /// <summary>One fuzz request.</summary>
    public sealed record FuzzBody(string ContentType, byte[] Bytes, string Description);
}
