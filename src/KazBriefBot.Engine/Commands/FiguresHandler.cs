namespace KazBriefBot.Engine.Commands;

/// <summary>figures [TOPIC]: figures with their reconciled groups.</summary>
public sealed class FiguresHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "figures";

    public string Usage => "figures [TOPIC]";

    public string Summary => "Figures (trade, investment, ...) with sources; conflicting sources are shown side by side.";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(new Reply([new FiguresBlock(engine.Figures(invocation.Arguments))], []));
}
