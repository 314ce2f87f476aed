namespace KazBriefBot.Engine.Commands;

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
