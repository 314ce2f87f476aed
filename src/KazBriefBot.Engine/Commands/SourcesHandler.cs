namespace KazBriefBot.Engine.Commands;

/// <summary>sources: the articles of the corpus with outlet and date.</summary>
public sealed class SourcesHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "sources";

    public string Usage => "sources";

    public string Summary => "List the articles I answer from, with outlet and date.";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(new Reply([new SourcesBlock(engine.Current.Articles.Select(ArticleSummary.From).ToList())], []));
}
