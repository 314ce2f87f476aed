using KazBriefBot.Engine;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace KazBriefBot.Cli;

/// <summary>kazbrief ingest: fetches one feed or page into the corpus folder and prints what was added, updated or skipped.</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(CliOptions options, IConfiguration configuration, CorpusOptions corpus, TextWriter stdout, TextWriter stderr)
    {
        if ((options.Feed is null) == (options.Url is null))
        {
            await stderr.WriteLineAsync("error: give either --feed URL or --url PAGE. Usage: kazbrief ingest --feed URL [--corpus DIR] [--json]");
            return 2;
        }

        var address = options.Feed ?? options.Url!;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            await stderr.WriteLineAsync($"error: '{address}' is not an absolute http or https address.");
            return 2;
        }

        var ingest = new IngestOptions();
        configuration.GetSection(IngestOptions.SectionName).Bind(ingest);
        ingest.AllowPrivateNetwork |= options.AllowPrivateNetwork;
        var problems = ingest.Validate();
        if (problems.Count > 0)
        {
            await stderr.WriteLineAsync("error: " + string.Join(Environment.NewLine + "error: ", problems));
            return 2;
        }

        using var loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        using var fetcher = SafeFetcher.Create(ingest);
        var ingestor = new Ingestor(fetcher, ingest, corpus, loggers.CreateLogger<Ingestor>());
        var report = options.Feed is not null
            ? await ingestor.IngestFeedAsync(uri, null, corpus.Path, CancellationToken.None)
            : await ingestor.IngestPageAsync(uri, corpus.Path, CancellationToken.None);
        var feedFailed = options.Feed is not null && report.Error is not null;
        var pageFailed = options.Url is not null && report.Items.All(i => i.Status == IngestStatus.Failed);
        if (options.Json)
        {
            await stdout.WriteLineAsync(EngineJson.Serialize(new
            {
                source = report.Source,
                error = report.Error,
                notModified = report.NotModified,
                items = report.Items.Select(i => new
                {
                    path = i.Path is null ? null : Path.GetRelativePath(Directory.GetCurrentDirectory(), i.Path),
                    url = i.Url,
                    title = i.Title,
                    date = i.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    status = i.Status.ToString().ToLowerInvariant(),
                    reason = i.Reason,
                }),
            }));
        }
        else
        {
            await WriteTextAsync(report, stdout);
        }

        if (feedFailed || pageFailed)
        {
            await stderr.WriteLineAsync($"error: {report.Error ?? report.Items.FirstOrDefault()?.Reason}");
            return 5;
        }

        return 0;
    }

    private static async Task WriteTextAsync(IngestReport report, TextWriter stdout)
    {
        if (report.NotModified)
        {
            await stdout.WriteLineAsync($"{report.Source}: not modified since the last fetch.");
            return;
        }

        foreach (var item in report.Items)
        {
            var where = item.Path is null ? item.Url : Path.GetFileName(item.Path);
            var why = item.Reason is null ? "" : $" ({item.Reason})";
            await stdout.WriteLineAsync($"{item.Status.ToString().ToLowerInvariant(),-9}  {where}  {item.Title}{why}");
        }

        var counts = string.Join(", ", Enum.GetValues<IngestStatus>().Select(s => (s, n: report.Count(s))).Where(c => c.n > 0).Select(c => $"{c.n} {c.s.ToString().ToLowerInvariant()}"));
        await stdout.WriteLineAsync($"{report.Source}: {(counts.Length == 0 ? "no items" : counts)}.");
    }
}
