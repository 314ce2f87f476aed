using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Tests;

/// <summary>Hybrid retrieval in the host: lexical answers at once, the sentences embedded in the background, the vector
/// cache reused across restarts and reloads, and /readyz saying which retrieval answers use.</summary>
[Collection(Infrastructure.ProcessWideMeasurements.Name)]
public sealed class SemanticReadinessTests
{
    // Generous: the model shares the cores with the other test classes running in parallel.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Answers_turn_hybrid_in_the_background_after_start_reload_and_restart_and_a_corrupt_cache_is_rebuilt()
    {
        var corpus = Paths.CopyOfSeeds();
        var cache = Path.Combine(Paths.NewTempFolder(), "embeddings");
        var settings = new Dictionary<string, string?>
        {
            ["Corpus:Path"] = corpus,
            ["Corpus:ReloadDelayMs"] = "100",
            ["Semantic:Enabled"] = "true",
            ["Semantic:Model"] = "MiniLM",
            ["Semantic:CachePath"] = cache,
        };

        int total;
        await using (var host = await StartAsync(settings))
        {
            // Lexical answers right away: nothing waits for the sentences to be embedded.
            using var first = await host.ReadyAsync();
            Assert.True(first.RootElement.GetProperty("retrieval").GetString() is "lexical" or "hybrid", first.RootElement.GetRawText());
            Assert.True(State(first.RootElement) is "building" or "ready", first.RootElement.GetRawText());
            // The configured name while the model loads, then its full id.
            Assert.StartsWith("MiniLM", first.RootElement.GetProperty("semantic").GetProperty("model").GetString(), StringComparison.Ordinal);
            using var answer = await AskAsync(host, "What did officials say about the economy?");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var readyLine = Assert.Single(Messages(host), m => m.StartsWith("KazBriefBot ready at ", StringComparison.Ordinal));
            // The model loads only once the server listens, so the start never waits for it.
            Assert.Contains("answers are lexical", readyLine, StringComparison.Ordinal);

            using var hybrid = await WaitForHybridAsync(host, articles: 5);
            total = Semantic(hybrid.RootElement).GetProperty("total").GetInt32();
            Assert.StartsWith("MiniLM/", Semantic(hybrid.RootElement).GetProperty("model").GetString(), StringComparison.Ordinal);
            Assert.Contains(Messages(host), m => m.StartsWith("Embedding model MiniLM/", StringComparison.Ordinal));
            Assert.True(total > 50, $"only {total} sentences");
            var cold = await WaitForSemanticReadyLogAsync(host, count: 1);
            Assert.Equal(total, Computed(cold[0]));
            var cacheFile = Assert.Single(Directory.GetFiles(cache, "*.kbemb"));

            // A new article: the reload swaps in a lexical snapshot, then only the new sentences are embedded.
            await File.WriteAllTextAsync(
                Path.Combine(corpus, "005_new.txt"),
                "Trade talks in Astana\n\nThe delegations met in Astana on Monday. They agreed to expand direct flights between the two countries. Officials said the agreement would be signed next month.\n");
            using var reloaded = await WaitForHybridAsync(host, articles: 6);
            var newTotal = Semantic(reloaded.RootElement).GetProperty("total").GetInt32();
            Assert.True(newTotal > total, $"{newTotal} sentences after adding an article, {total} before");
            Assert.True(reloaded.RootElement.GetProperty("reloads").GetProperty("succeeded").GetInt32() >= 1);
            var afterReload = await WaitForSemanticReadyLogAsync(host, count: 2);
            // Summed: should the watcher see the write as two changes, the second embedding computes nothing.
            Assert.Equal(newTotal - total, afterReload.Skip(1).Sum(Computed));
            total = newTotal;
            Assert.True(File.Exists(cacheFile));
        }

        // A restart on the same cache folder embeds nothing.
        await using (var host = await StartAsync(settings))
        {
            using var hybrid = await WaitForHybridAsync(host, articles: 6);
            Assert.Equal(total, Semantic(hybrid.RootElement).GetProperty("total").GetInt32());
            var warm = await WaitForSemanticReadyLogAsync(host, count: 1);
            Assert.Equal(0, Computed(warm[0]));
            Assert.DoesNotContain(Messages(host), m => m.StartsWith("Ignoring the embedding cache", StringComparison.Ordinal));
        }

        // A corrupt cache file is ignored with a warning, every sentence is embedded again and the file is rewritten.
        var file = Assert.Single(Directory.GetFiles(cache, "*.kbemb"));
        await File.WriteAllBytesAsync(file, Encoding.UTF8.GetBytes(new string('x', 4096)));
        await using (var host = await StartAsync(settings))
        {
            using var hybrid = await WaitForHybridAsync(host, articles: 6);
            var rebuilt = await WaitForSemanticReadyLogAsync(host, count: 1);
            Assert.Equal(total, Computed(rebuilt[0]));
            Assert.Contains(host.Services.GetFakeLogCollector().GetSnapshot(), r =>
                r.Level == LogLevel.Warning && r.Message.StartsWith("Ignoring the embedding cache", StringComparison.Ordinal));
            Assert.Equal("KBEMB1\n"u8.ToArray(), (await File.ReadAllBytesAsync(file)).Take(7).ToArray());
        }
    }

    [Fact]
    public async Task An_unknown_model_stops_the_start_with_a_message_naming_Semantic_Model()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Semantic:Enabled"] = "true",
            ["Semantic:Model"] = "NoSuchModel",
            ["Semantic:CachePath"] = Path.Combine(Paths.NewTempFolder(), "embeddings"),
        }));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("Semantic:Model", failure, StringComparison.Ordinal);
        Assert.Contains("NoSuchModel", failure, StringComparison.Ordinal);
        Assert.Contains("MiniLM", failure, StringComparison.Ordinal);
        Assert.Contains("Semantic:Model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_semantic_retrieval_off_answers_are_lexical_and_readyz_says_so()
    {
        // The test host's default: Semantic:Enabled=false.
        await using var host = await TestHost.StartAsync(configure: builder => builder.Logging.AddFakeLogging());

        using var ready = await host.ReadyAsync();
        Assert.Equal("lexical", ready.RootElement.GetProperty("retrieval").GetString());
        var semantic = Semantic(ready.RootElement);
        Assert.Equal("off", semantic.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, semantic.GetProperty("model").ValueKind);
        Assert.Equal(0, semantic.GetProperty("embedded").GetInt32());
        Assert.Equal(JsonValueKind.Null, semantic.GetProperty("error").ValueKind);
        var readyLine = Assert.Single(Messages(host), m => m.StartsWith("KazBriefBot ready at ", StringComparison.Ordinal));
        Assert.Contains("answers are lexical (semantic retrieval is off)", readyLine, StringComparison.Ordinal);
        Assert.DoesNotContain(Messages(host), m => m.StartsWith("Embedding model ", StringComparison.Ordinal));
    }

    private static Task<TestHost> StartAsync(IDictionary<string, string?> settings) =>
        TestHost.StartAsync(settings, builder => builder.Logging.AddFakeLogging());

    private static JsonElement Semantic(JsonElement ready) => ready.GetProperty("semantic");

    private static string? State(JsonElement ready) => Semantic(ready).GetProperty("state").GetString();

    private static List<string> Messages(TestHost host) =>
        host.Services.GetFakeLogCollector().GetSnapshot().Select(r => r.Message).ToList();

    /// <summary>The "{Computed} embedded now" count of a "Semantic retrieval ready" log record.</summary>
    private static int Computed(FakeLogRecord record) =>
        int.Parse(record.GetStructuredStateValue("Computed") ?? throw new InvalidOperationException("no Computed value in: " + record.Message), CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> AskAsync(TestHost host, string question) =>
        await host.Client.PostAsync(
            new Uri("/api/ask", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { question }), Encoding.UTF8, "application/json"));

    /// <summary>Polls /readyz until answers are hybrid over every sentence of a corpus of that many articles.</summary>
    private static async Task<JsonDocument> WaitForHybridAsync(TestHost host, int articles)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var ready = await host.ReadyAsync();
            var root = ready.RootElement;
            var semantic = Semantic(root);
            if (root.GetProperty("articles").GetInt32() == articles
                && root.GetProperty("retrieval").GetString() == "hybrid"
                && State(root) == "ready"
                && semantic.GetProperty("embedded").GetInt32() == semantic.GetProperty("total").GetInt32()
                && semantic.GetProperty("total").GetInt32() == root.GetProperty("sentences").GetInt32())
            {
                return ready;
            }

            var last = root.GetRawText();
            ready.Dispose();
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"/readyz did not report hybrid retrieval over {articles} articles within {Timeout.TotalSeconds} s; last: {last}\nLog:\n{string.Join('\n', Messages(host))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the engine's "Semantic retrieval ready" lines (logged just after the hybrid snapshot is swapped in).</summary>
    private static async Task<IReadOnlyList<FakeLogRecord>> WaitForSemanticReadyLogAsync(TestHost host, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var records = host.Services.GetFakeLogCollector().GetSnapshot()
                .Where(r => r.Message.StartsWith("Semantic retrieval ready", StringComparison.Ordinal))
                .ToList();
            if (records.Count >= count)
            {
                return records;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{records.Count} of {count} \"Semantic retrieval ready\" lines within {Timeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }
}
