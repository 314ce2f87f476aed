namespace KazBriefBot.Engine.Commands;

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
