using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using KazBriefBot.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KazBriefBot.Host.Tests.Reliability;

/// <summary>A bounded load run on 127.0.0.1 (API questions and signed Slack commands) with a corpus reload in the middle: zero failures.</summary>
[Collection(Infrastructure.ProcessWideMeasurements.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const string SigningSecret = "load-signing-secret-0123456789abcdef";
    private const int Workers = 8;
    private const int RequestsPerWorker = 150;
    private static readonly string[] Questions =
    [
        "What did Blinken announce?", "Tell me about the mutual trade turnover", "What is the C5+1 format?",
        "Who is Ariel Cohen?", "What did Nazarbayev and Obama discuss?", "How much has the US invested?",
    ];

    [Fact]
    public async Task Bounded_load_with_a_reload_in_the_middle_has_no_failed_request_and_stable_memory()
    {
        var corpus = Paths.NewTempFolder();
        foreach (var file in Directory.EnumerateFiles(Paths.Seeds))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }

        await using var remote = await FakeRemote.StartAsync();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Corpus:Path"] = corpus,
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = "xoxb-load-token",
            ["Slack:ApiBaseUrl"] = remote.BaseAddress.ToString(),
            ["RateLimits:PerUserPerMinute"] = "100000",
            ["RateLimits:PerConversationPerMinute"] = "100000",
            ["RateLimits:ApiPerClientPerMinute"] = "1000000",
        });

        // Warm up, then take the memory baseline.
        for (var i = 0; i < 50; i++)
        {
            await AskAsync(host.Client, Questions[i % Questions.Length] + " " + i);
        }

        var memoryBefore = GcHeapAfterCollect();
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var completed = 0;
        var reloadDone = false;
        var started = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < RequestsPerWorker && !deadline.IsCancellationRequested; i++)
            {
                var begin = Stopwatch.GetTimestamp();
                var question = Questions[(worker + i) % Questions.Length];
                var (ok, what) = i % 3 == 2
                    ? await SlackCommandAsync(host.Client, remote, question, worker)
                    : await AskAsync(host.Client, question + (i % 2 == 0 ? string.Empty : $" #{worker}-{i}"));
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                if (!ok)
                {
                    failures.Add(what);
                }

                if (Interlocked.Increment(ref completed) == Workers * RequestsPerWorker / 2)
                {
                    // Halfway: a new article lands in the corpus folder and the index is rebuilt under load.
                    await File.WriteAllTextAsync(Path.Combine(corpus, "100_reload_test.txt"), "Reload test article\n\nThe Kazakh wheat harvest reached a record during the reload test. Officials welcomed the figures.\n");
                    reloadDone = true;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        started.Stop();

        var reloaded = false;
        for (var i = 0; i < 100 && !reloaded; i++)
        {
            var ready = await host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative));
            reloaded = ready.Contains("\"articles\":6", StringComparison.Ordinal);
            if (!reloaded)
            {
                await Task.Delay(100);
            }
        }

        var memoryAfter = GcHeapAfterCollect();
        var sorted = latencies.Order().ToArray();
        var p99 = sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1];
        var report = string.Create(CultureInfo.InvariantCulture,
            $"Load: {sorted.Length} requests ({Workers} workers, 1/3 signed Slack commands) in {started.Elapsed.TotalSeconds:F1} s: {sorted.Length / started.Elapsed.TotalSeconds:F0} req/s, median {sorted[sorted.Length / 2]:F1} ms, p99 {p99:F1} ms, failures {failures.Count}; managed heap {memoryBefore / 1048576.0:F1} → {memoryAfter / 1048576.0:F1} MiB; reload seen: {reloaded}");
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "load-report.txt"), report);

        Assert.True(reloadDone, "the corpus change was not made during the run");
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(10)));
        Assert.Equal(Workers * RequestsPerWorker, sorted.Length);
        Assert.True(reloaded, "the new article never became visible in /readyz");
        Assert.True(memoryAfter - memoryBefore < 64L * 1024 * 1024, $"managed heap grew by {(memoryAfter - memoryBefore) / 1048576.0:F1} MiB over the run");
    }

    private static long GcHeapAfterCollect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<(bool Ok, string What)> AskAsync(HttpClient client, string question)
    {
        try
        {
            using var content = new StringContent($$"""{"question":"{{question}}"}""", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/api/ask", UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode == HttpStatusCode.OK && body.Contains("\"question\"", StringComparison.Ordinal), $"ask {question}: {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return (false, $"ask {question}: {ex.Message}");
        }
    }

    private static async Task<(bool Ok, string What)> SlackCommandAsync(HttpClient client, FakeRemote remote, string question, int worker)
    {
        using var request = SlackSigning.Signed("/slack/commands", SlackSigning.Command(question, new Uri(remote.BaseAddress, "response"), user: $"U{worker}"), "application/x-www-form-urlencoded", SigningSecret);
        try
        {
            using var response = await client.SendAsync(request);
            return (response.StatusCode == HttpStatusCode.OK, $"slack {question}: {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return (false, $"slack {question}: {ex.Message}");
        }
    }
}
