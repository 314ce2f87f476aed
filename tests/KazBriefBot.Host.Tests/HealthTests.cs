using System.Net;
using System.Text.Json;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Tests;

public sealed class HealthTests
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readyz_reports_the_loaded_seed_corpus()
    {
        await using var host = await TestHost.StartAsync();

        var alive = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        using var ready = await host.ReadyAsync();
        Assert.Equal("ready", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal(5, ready.RootElement.GetProperty("articles").GetInt32());
        Assert.True(ready.RootElement.GetProperty("sentences").GetInt32() > 50);
        Assert.True(ready.RootElement.TryGetProperty("builtAt", out var builtAt) && builtAt.GetDateTimeOffset() != default);
    }

    [Fact]
    public async Task The_start_logs_the_address_and_the_article_count()
    {
        await using var host = await TestHost.StartAsync(configure: builder => builder.Logging.AddFakeLogging());

        var messages = host.Services.GetFakeLogCollector().GetSnapshot().Select(r => r.Message).ToList();

        var ready = Assert.Single(messages, m => m.StartsWith("KazBriefBot ready at ", StringComparison.Ordinal));
        Assert.Contains(host.BaseAddress.GetLeftPart(UriPartial.Authority), ready, StringComparison.Ordinal);
        Assert.Contains(": 5 articles", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_corpus_folder_is_reindexed_and_a_failed_rebuild_keeps_the_old_index()
    {
        var corpus = Paths.CopyOfSeeds();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Corpus:Path"] = corpus,
            ["Corpus:ReloadDelayMs"] = "100",
        });
        using var before = await host.ReadyAsync();
        Assert.True(before.RootElement.GetProperty("reloads").GetProperty("watching").GetBoolean(), "the host could not watch the corpus folder (inotify limit?); see its log");
        var sentencesBefore = before.RootElement.GetProperty("sentences").GetInt32();

        await File.WriteAllTextAsync(
            Path.Combine(corpus, "005_new.txt"),
            "Trade talks in Astana\n\nThe delegations met in Astana on Monday. They agreed to expand direct flights between the two countries. Officials said the agreement would be signed next month.\n");
        // The new snapshot is swapped in a moment before the reload is counted: wait for both.
        using var added = await WaitForReadyAsync(host, r => r.GetProperty("reloads").GetProperty("succeeded").GetInt32() >= 1 && r.GetProperty("articles").GetInt32() == 6);
        Assert.True(added.RootElement.GetProperty("sentences").GetInt32() > sentencesBefore);
        var question = await host.Client.PostAsync(
            new Uri("/api/ask", UriKind.Relative),
            new StringContent("{\"question\":\"What did the delegations agree about direct flights?\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("005_new", await question.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Removing the folder makes the rebuild fail: the old index (6 articles) stays in service.
        Directory.Delete(corpus, recursive: true);
        using var failed = await WaitForReadyAsync(host, r => r.GetProperty("reloads").GetProperty("failed").GetInt32() >= 1);
        Assert.Equal(6, failed.RootElement.GetProperty("articles").GetInt32());
        Assert.Contains("not found", failed.RootElement.GetProperty("reloads").GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
        using var stillAnswers = await host.Client.GetAsync(new Uri("/api/articles/005_new", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillAnswers.StatusCode);
    }

    [Fact]
    public async Task A_missing_corpus_folder_stops_the_start_with_a_clear_message()
    {
        var missing = Path.Combine(Paths.NewTempFolder(), "no-such-corpus");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?> { ["Corpus:Path"] = missing }));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("Corpus:Path", failure, StringComparison.Ordinal);
        Assert.Contains(missing, failure, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure, StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> WaitForReadyAsync(TestHost host, Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(ReloadTimeout);
        while (true)
        {
            var ready = await host.ReadyAsync();
            if (condition(ready.RootElement))
            {
                return ready;
            }

            ready.Dispose();
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"/readyz did not reach the expected state within {ReloadTimeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }
}
