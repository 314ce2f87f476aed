namespace KazBriefBot.Engine.Commands;

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
