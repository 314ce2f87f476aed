using KazBriefBot.Engine.Digests;

namespace KazBriefBot.Engine.Commands;

/// <summary>ask QUESTION: verbatim quotes with sources.</summary>
public sealed class AskHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "ask";

    public string Usage => "ask QUESTION";

    public string Summary => "Answer a question with verbatim quotes and their sources (any text that is not a command is a question).";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(invocation.Arguments))
        {
            return Task.FromResult(Reply.Text("Ask me a question, for example: ask What did Blinken announce?"));
        }

        var answer = engine.Ask(invocation.Arguments);
        var actions = new List<FollowUpAction>();
        foreach (var id in answer.Quotes.Select(q => q.Source.Id).Distinct())
        {
            actions.Add(new FollowUpAction($"Show article {id}", $"article {id}"));
        }

        return Task.FromResult(new Reply([new AnswerBlock(answer)], actions));
    }
}

/// <summary>figures [TOPIC]: figures with their reconciled groups.</summary>
public sealed class FiguresHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "figures";

    public string Usage => "figures [TOPIC]";

    public string Summary => "Figures (trade, investment, ...) with sources; conflicting sources are shown side by side.";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(new Reply([new FiguresBlock(engine.Figures(invocation.Arguments))], []));
}

/// <summary>digest [today | latest | YYYY-MM-DD | FROM TO]: key sentences of the articles of a day or range.</summary>
public sealed class DigestHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "digest";

    public string Usage => "digest [latest | today | YYYY-MM-DD | FROM TO]";

    public string Summary => "Digest of the articles of a day or range (default: the latest day with articles).";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var words = invocation.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        DateOnly from, to;
        if (words.Length == 0 || words[0].Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            var latest = DigestBuilder.LatestDate(engine.Current);
            if (latest is null)
            {
                return Task.FromResult(Reply.Text("No article in the corpus has a known date."));
            }

            from = to = latest.Value;
        }
        else if (words[0].Equals("today", StringComparison.OrdinalIgnoreCase))
        {
            from = to = DateOnly.FromDateTime(engine.Time.GetUtcNow().UtcDateTime);
        }
        else if (DateOnly.TryParseExact(words[0], "yyyy-MM-dd", out from))
        {
            to = from;
            if (words.Length > 1 && !DateOnly.TryParseExact(words[1], "yyyy-MM-dd", out to))
            {
                return Task.FromResult(Reply.Text($"'{words[1]}' is not a date; use YYYY-MM-DD."));
            }
        }
        else
        {
            return Task.FromResult(Reply.Text($"'{words[0]}' is not a date; use {Usage}."));
        }

        var digest = engine.Digest(from, to);
        if (digest.Items.Count == 0)
        {
            return Task.FromResult(Reply.Text($"Nothing new: no article published between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}."));
        }

        return Task.FromResult(new Reply([new DigestBlock(digest)], []));
    }
}

/// <summary>article ID: the full article with its metadata.</summary>
public sealed class ArticleHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "article";

    public string Usage => "article ID";

    public string Summary => "Show one article in full with its metadata (ID or its first digits, e.g. 001).";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var id = invocation.Arguments.Trim();
        if (id.Length == 0)
        {
            return Task.FromResult(Reply.Text("Which article? Use: article ID (see 'sources' for the list)."));
        }

        var article = engine.Current.FindArticle(id);
        return Task.FromResult(article is null
            ? Reply.Text($"No article '{id}'. Use 'sources' for the list.")
            : new Reply([new ArticleBlock(ArticleView.From(article))], []));
    }
}

/// <summary>sources: the articles of the corpus with outlet and date.</summary>
public sealed class SourcesHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "sources";

    public string Usage => "sources";

    public string Summary => "List the articles I answer from, with outlet and date.";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(new Reply([new SourcesBlock(engine.Current.Articles.Select(ArticleSummary.From).ToList())], []));
}

/// <summary>help: what the bot can do.</summary>
public sealed class HelpHandler : ICommandHandler
{
    public string Name => "help";

    public string Usage => "help";

    public string Summary => "This list of commands.";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var lines = new List<string> { "I answer questions about Kazakhstan–US relations with verbatim quotes from my articles. Commands:" };
        lines.AddRange(invocation.Router.Handlers.Select(h => $"• {h.Usage} — {h.Summary}"));
        lines.Add("Example: What did Blinken announce?");
        return Task.FromResult(Reply.Text(string.Join('\n', lines)));
    }
}

/// <summary>The handlers that need only the engine, shared by the CLI, the web page and both channels.</summary>
public static class EngineCommands
{
    public static IReadOnlyList<ICommandHandler> Create(BriefingEngine engine) =>
    [
        new AskHandler(engine),
        new DigestHandler(engine),
        new FiguresHandler(engine),
        new ArticleHandler(engine),
        new SourcesHandler(engine),
        new HelpHandler(),
    ];
}
