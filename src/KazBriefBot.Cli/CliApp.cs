using KazBriefBot.Engine;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Semantic;
using KazBriefBot.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace KazBriefBot.Cli;

/// <summary>kazbrief: parses the command line and calls the engine; output to stdout, errors to stderr with a non-zero exit code.</summary>
public static class CliApp
{
    private const string UsageText = """
        Usage: kazbrief COMMAND [OPTIONS]
          ask "QUESTION" [--json] [--more N] answer with verbatim quotes and sources (--more 3: quotes 4-6)
          ask --questions FILE [--json]      one question per line (JSON Lines with --json); text after a tab is ignored
          eval FILE [--json]                 top-1/top-3 hit rates over "question TAB articles TAB phrases" lines
          figures [TOPIC] [--json]           figures with reconciled sources
          digest [--date D | --from D --to D | --latest] [--include-undated] [--json]
          sources                            list the articles
          article ID                         one article in full
          ingest --feed URL | --url PAGE [--json] [--allow-private-network]
                                             fetch a feed's articles (or one page) into the corpus once
        Every command takes --corpus DIR (default: Corpus:Path from appsettings.json, else seeds/).
        ask and eval embed the sentences the vector cache lacks first (progress on stderr); --lexical skips the model.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = CliOptions.Parse(args, out var error);
        if (error is not null || options.Command is null)
        {
            await stderr.WriteLineAsync(error ?? "No command given.");
            await stderr.WriteLineAsync(UsageText);
            return 2;
        }

        var corpus = new CorpusOptions();
        var semanticOptions = new SemanticOptions();
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        configuration.GetSection(CorpusOptions.SectionName).Bind(corpus);
        configuration.GetSection(SemanticOptions.SectionName).Bind(semanticOptions);
        if (options.Lexical)
        {
            semanticOptions.Enabled = false;
        }

        var semanticProblems = semanticOptions.Validate();
        if (semanticProblems.Count > 0)
        {
            await stderr.WriteLineAsync("error: " + string.Join(Environment.NewLine + "error: ", semanticProblems));
            return 2;
        }
        if (options.Corpus is not null)
        {
            corpus.Path = options.Corpus;
        }

        if (!Directory.Exists(corpus.Path))
        {
            await stderr.WriteLineAsync($"error: corpus folder not found: {corpus.Path}");
            return 3;
        }

        if (options.Command == "ingest")
        {
            // Writes files only: the engine and the model are not loaded.
            return await IngestCommand.RunAsync(options, configuration, corpus, stdout, stderr);
        }

        // Logs (skipped files and the like) go to stderr so that stdout stays clean JSON.
        using var loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        // Only questions need the model: figures, digests and articles start without loading it.
        var needsModel = options.Command is "ask" or "eval";
        using var embedder = needsModel ? semanticOptions.CreateEmbedder() : null;
        using var engine = new BriefingEngine(corpus, TimeProvider.System, loggers, embedder, semanticOptions.CachePath);
        engine.Load();
        if (embedder is not null)
        {
            await engine.EmbedAsync(new StderrProgress(stderr));
        }

        var timings = Environment.GetEnvironmentVariable("KAZBRIEF_TIMINGS") == "1" ? System.Diagnostics.Stopwatch.StartNew() : null;
        try
        {
            return await RunCommandAsync(engine, options, stdout, stderr);
        }
        finally
        {
            if (timings is not null)
            {
                // KAZBRIEF_TIMINGS=1: where the process spent its time (docs/performance.md), on stderr so stdout stays clean.
                var load = engine.LastLoad;
                var figures = engine.Current.FiguresElapsed;
                await stderr.WriteLineAsync(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"timings: read+parse {load?.ReadAndParse.TotalMilliseconds:0} ms ({load?.ReadAllocatedBytes / 1048576.0:0} MiB allocated), index {load?.Index.TotalMilliseconds:0} ms ({load?.IndexAllocatedBytes / 1048576.0:0} MiB allocated), command {timings.Elapsed.TotalMilliseconds:0} ms (figures {(figures is { } f ? $"{f.TotalMilliseconds:0} ms" : "not needed")}, figures of {engine.Current.FigureArticlesRead} articles read), process {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:0} ms, peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB, GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:0} MiB"));
            }
        }
    }

    private static async Task<int> RunCommandAsync(BriefingEngine engine, CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        switch (options.Command)
        {
            case "ask":
                return await AskAsync(engine, options, stdout, stderr);
            case "eval":
                return await EvaluateAsync(engine, options, stdout, stderr);
            case "figures":
                await stdout.WriteLineAsync(options.Json
                    ? EngineJson.Serialize(engine.Figures(options.Text))
                    : TextRenderer.Render(new Reply([new FiguresBlock(engine.Figures(options.Text))], [])));
                return 0;
            case "digest":
                return await DigestAsync(engine, options, stdout, stderr);
            default:
                var router = new CommandRouter(EngineCommands.Create(engine));
                var reply = await router.RouteAsync($"{options.Command} {options.Text}", new ConversationRef("cli", "cli"));
                await stdout.WriteLineAsync(TextRenderer.Render(reply));
                return 0;
        }
    }

    private static async Task<int> AskAsync(BriefingEngine engine, CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<string> questions;
        if (options.QuestionsFile is not null)
        {
            if (!string.IsNullOrWhiteSpace(options.Text))
            {
                await stderr.WriteLineAsync("error: give either a question or --questions FILE, not both.");
                return 2;
            }

            if (!File.Exists(options.QuestionsFile))
            {
                await stderr.WriteLineAsync($"error: questions file not found: {options.QuestionsFile}");
                return 3;
            }

            // One question per line; '#' comment lines and anything after a tab (the expectations of eval files) are ignored.
            questions = (await File.ReadAllLinesAsync(options.QuestionsFile))
                .Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith('#'))
                .Select(l => l.Split('\t')[0].Trim())
                .Where(l => l.Length > 0)
                .ToList();
        }
        else if (string.IsNullOrWhiteSpace(options.Text))
        {
            await stderr.WriteLineAsync("error: the question is empty. Usage: kazbrief ask \"QUESTION\"");
            return 2;
        }
        else
        {
            questions = [options.Text.Trim()];
        }

        // Questions are independent and the engine is thread-safe (the host answers many at once): a file of them is
        // answered on every core, and printed in the file's order.
        var rendered = questions.AsParallel().AsOrdered().WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(question => Render(question, engine.Ask(question, options.More), options));
        foreach (var text in rendered)
        {
            await stdout.WriteLineAsync(text);
        }

        return 0;
    }

    private static string Render(string question, Answer answer, CliOptions options)
    {
        if (options.Json)
        {
            return EngineJson.Serialize(answer);
        }

        var more = answer.HasMore ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.NewLine}(more quotes: kazbrief ask --more {options.More + answer.Quotes.Count} \"{question}\")") : string.Empty;
        return TextRenderer.Render(new Reply([new TextBlock("Q: " + question), new AnswerBlock(answer)], [])) + more + Environment.NewLine;
    }

    private static async Task<int> EvaluateAsync(BriefingEngine engine, CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var file = options.QuestionsFile ?? (string.IsNullOrWhiteSpace(options.Text) ? null : options.Text.Trim());
        if (file is null)
        {
            await stderr.WriteLineAsync("error: no evaluation file given. Usage: kazbrief eval FILE");
            return 2;
        }

        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"error: evaluation file not found: {file}");
            return 3;
        }

        IReadOnlyList<EvaluationCase> cases;
        try
        {
            cases = EvaluationCase.Parse(await File.ReadAllLinesAsync(file));
        }
        catch (FormatException ex)
        {
            await stderr.WriteLineAsync("error: " + ex.Message);
            return 2;
        }

        var report = EvaluationReport.Score(cases.Select(c => (c, engine.Ask(c.Question))));
        if (options.Json)
        {
            foreach (var r in report.Results)
            {
                await stdout.WriteLineAsync(EngineJson.Serialize(new { question = r.Case.Question, top1 = r.Top1, top3 = r.Top3, answer = r.Answer }));
            }

            await stdout.WriteLineAsync(EngineJson.Serialize(new
            {
                questions = report.Results.Count,
                top1 = report.Top1Hits,
                top3 = report.Top3Hits,
                top1Rate = report.Top1Rate,
                top3Rate = report.Top3Rate,
            }));
            return 0;
        }

        foreach (var r in report.Results)
        {
            var first = r.Answer.Quotes.Count > 0 ? $"{r.Answer.Quotes[0].Source.Id}: {Shorten(r.Answer.Quotes[0].Text)}" : "(no answer)";
            await stdout.WriteLineAsync($"{(r.Top1 ? "1" : "-")}{(r.Top3 ? "3" : "-")}  {r.Case.Question}  →  {first}");
        }

        await stdout.WriteLineAsync(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"top-1: {report.Top1Hits}/{report.Results.Count} ({report.Top1Rate:P0}), top-3: {report.Top3Hits}/{report.Results.Count} ({report.Top3Rate:P0})"));
        return 0;

        static string Shorten(string text)
        {
            var line = text.ReplaceLineEndings(" ");
            return line.Length <= 90 ? line : line[..90] + "…";
        }
    }

    private static async Task<int> DigestAsync(BriefingEngine engine, CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var choices = (options.Date is null ? 0 : 1) + (options.From is null && options.To is null ? 0 : 1) + (options.Latest ? 1 : 0);
        if (choices > 1)
        {
            await stderr.WriteLineAsync("error: give only one of --date, --from/--to and --latest.");
            return 2;
        }

        DateOnly from, to;
        if (options.Date is { } date)
        {
            from = to = date;
        }
        else if (options.From is { } f && options.To is { } t)
        {
            (from, to) = (f, t);
        }
        else if (options.From is not null || options.To is not null)
        {
            await stderr.WriteLineAsync("error: --from and --to go together.");
            return 2;
        }
        else
        {
            // --latest, and the default: the most recent day that has articles.
            var latest = DigestBuilder.LatestDate(engine.Current);
            if (latest is null)
            {
                await stderr.WriteLineAsync("error: no article in the corpus has a known date; give --date D --include-undated to list the undated ones.");
                return 4;
            }

            from = to = latest.Value;
        }

        if (from > to)
        {
            await stderr.WriteLineAsync($"error: --from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}.");
            return 2;
        }

        var digest = engine.Digest(from, to, options.IncludeUndated);
        if (options.Json)
        {
            await stdout.WriteLineAsync(EngineJson.Serialize(digest));
        }
        else
        {
            await stdout.WriteLineAsync(digest.IsEmpty ? DigestHandler.NothingMessage(from, to) : TextRenderer.Render(new Reply([new DigestBlock(digest)], [])));
        }

        return 0;
    }

    /// <summary>Embedding progress on stderr, about every tenth of the work, so stdout stays clean JSON.</summary>
    private sealed class StderrProgress(TextWriter stderr) : IProgress<EmbeddingProgress>
    {
        private int _lastTenth = -1;

        public void Report(EmbeddingProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth == _lastTenth || (tenth == 10 && _lastTenth < 0 && value.Done == value.Total))
            {
                // Nothing new, or everything came from the cache: stay quiet.
                _lastTenth = tenth;
                return;
            }

            _lastTenth = tenth;
            stderr.WriteLine($"embedding sentences: {value.Done}/{value.Total}");
        }
    }
}
