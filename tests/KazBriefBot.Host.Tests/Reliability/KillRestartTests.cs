using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace KazBriefBot.Host.Tests.Reliability;

/// <summary>The host process is killed (no graceful stop) while a digest is being posted, then started again over the same database.</summary>
public sealed class KillRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_due_digest_is_delivered_exactly_once_across_a_kill_in_mid_delivery()
    {
        var folder = Paths.NewTempFolder();
        var databasePath = Path.Combine(folder, "kazbrief.db");
        string[] channels = ["CKILL1", "CKILL2", "CKILL3"];
        foreach (var channel in channels)
        {
            await FaultTests.SubscribeDueNowAsync(databasePath, channel);
        }

        // The fake Slack API holds the first digest post open (never answers it): the host is killed while waiting.
        await using var remote = await FakeRemote.StartAsync();
        var firstPostSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = 1;
        var acknowledged = new List<string>();
        remote.Respond = async (request, context) =>
        {
            if (!request.Path.Contains("chat.postMessage", StringComparison.Ordinal))
            {
                await FakeRemote.DefaultRespond(request, context);
                return;
            }

            if (Interlocked.Exchange(ref holding, 0) == 1)
            {
                firstPostSeen.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The host died with this post in flight: it was never acknowledged, so it is not delivered.
                }

                return;
            }

            await FakeRemote.DefaultRespond(request, context);
            if (!context.RequestAborted.IsCancellationRequested)
            {
                lock (acknowledged)
                {
                    acknowledged.Add(channels.First(c => request.Body.Contains(c, StringComparison.Ordinal)));
                }
            }
        };

        var environment = new Dictionary<string, string>
        {
            ["Corpus__Path"] = Paths.Seeds,
            ["Storage__Path"] = databasePath,
            ["Slack__SigningSecret"] = "kill-test-signing-secret-0123456789",
            ["Slack__BotToken"] = "xoxb-kill-test",
            ["Slack__ApiBaseUrl"] = remote.BaseAddress.ToString(),
            ["Slack__AttemptTimeout"] = "00:00:30",
            ["Scheduling__PollInterval"] = "00:00:00.500",
            ["Scheduling__LeaseTimeout"] = "00:00:10",
            ["Scheduling__RetryBaseDelay"] = "00:00:00.500",
        };

        await using (var first = await HostProcess.StartAsync(environment))
        {
            var seen = await Task.WhenAny(firstPostSeen.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(seen == firstPostSeen.Task, "the first host never started a digest post:\n" + first.Output);
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(environment);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            lock (acknowledged)
            {
                if (acknowledged.Distinct().Count() == channels.Length)
                {
                    break;
                }
            }

            await Task.Delay(200);
        }

        // Leave time for any duplicate to show up.
        await Task.Delay(TimeSpan.FromSeconds(3));
        List<string> delivered;
        lock (acknowledged)
        {
            delivered = [.. acknowledged];
        }

        output.WriteLine($"Acknowledged posts: {string.Join(", ", delivered)}; requests seen: {remote.Requests.Count(r => r.Path.Contains("chat.postMessage", StringComparison.Ordinal))}");
        foreach (var channel in channels)
        {
            Assert.True(delivered.Count(c => c == channel) == 1, $"{channel} delivered {delivered.Count(c => c == channel)} times\n{second.Output}");
        }

        // The ledger agrees: one delivered day per subscription.
        var database = new SqliteDatabase(databasePath);
        var store = new SubscriptionStore(database, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SubscriptionStore>.Instance);
        var ledger = new DeliveryLedger(database, TimeProvider.System);
        foreach (var channel in channels)
        {
            var subscription = await store.FindAsync("slack", channel);
            Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await ledger.ListAsync(subscription!.Id)).Status);
        }
    }
}
