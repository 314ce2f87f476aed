namespace KazBriefBot.Engine.Commands;

/// <summary>Who is asking and where: enough for a channel to post back later (subscriptions store it).</summary>
/// <param name="Channel">"teams", "slack", "web" or "cli".</param>
/// <param name="ConversationId">The chat, channel or DM the message came from.</param>
/// <param name="UserId">The user who wrote, when known.</param>
/// <param name="Reference">Channel-specific JSON needed to post there later (Teams conversation reference, Slack team and channel ids).</param>
public sealed record ConversationRef(string Channel, string ConversationId, string? UserId = null, string? Reference = null);

/// <summary>One routed command: its name, the text after it, where it came from, and the router (for help).</summary>
public sealed record CommandInvocation(string Command, string Arguments, ConversationRef Conversation, CommandRouter Router);

/// <summary>Handles one command; a new command is one new class registered with the router.</summary>
public interface ICommandHandler
{
    /// <summary>The command word, e.g. "ask".</summary>
    string Name { get; }

    /// <summary>Usage line for help, e.g. "ask QUESTION".</summary>
    string Usage { get; }

    /// <summary>One-line description for help.</summary>
    string Summary { get; }

    Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>
/// Routes chat text to a handler by its first word; free text that is a request for figures or a digest goes to that
/// handler (<see cref="RequestIntent"/>), other free text to "ask"; unknown "/commands" get help.
/// </summary>
public sealed class CommandRouter
{
    public const string AskCommand = "ask";
    public const string HelpCommand = "help";
    private readonly Dictionary<string, ICommandHandler> _handlers;
    private readonly TimeProvider _time;

    /// <param name="handlers">The commands.</param>
    /// <param name="time">The clock "yesterday" or "this week" in typed requests count from: pass the engine's (<see cref="BriefingEngine.Time"/>).</param>
    public CommandRouter(IEnumerable<ICommandHandler> handlers, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _handlers = new Dictionary<string, ICommandHandler>(StringComparer.OrdinalIgnoreCase);
        foreach (var handler in handlers)
        {
            // Later registrations win, so a host can replace an engine handler.
            _handlers[handler.Name] = handler;
        }
    }

    public IEnumerable<ICommandHandler> Handlers => _handlers.Values.OrderBy(h => h.Name, StringComparer.Ordinal);

    /// <summary>Splits text into (command, arguments). Free text is a figures or digest request, or else an "ask".</summary>
    public (string Command, string Arguments) Parse(string text)
    {
        var trimmed = text.Trim();
        var explicitCommand = trimmed.StartsWith('/');
        if (explicitCommand)
        {
            trimmed = trimmed[1..];
        }

        var space = trimmed.IndexOfAny([' ', '\t', '\n', '\r']);
        var first = space < 0 ? trimmed : trimmed[..space];
        var rest = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        if (_handlers.TryGetValue(first, out var named))
        {
            // "digest for 2023-09-14" is a typed request that starts with the command word.
            if (!explicitCommand && RequestIntent.IsPhrasedCommand(named.Name, rest) && Intent(trimmed) is { } phrased && phrased.Command == named.Name)
            {
                return (named.Name, phrased.Arguments);
            }

            return (named.Name, rest);
        }

        if (trimmed.Length == 0)
        {
            return (HelpCommand, string.Empty);
        }

        return explicitCommand ? (HelpCommand, first) : Intent(trimmed) is { } request ? (request.Command, request.Arguments) : (AskCommand, trimmed);
    }

    /// <summary>The figures or digest request that free text makes, when that command is registered; null for a question.</summary>
    private RequestDecision? Intent(string text)
    {
        // "Today" is the UTC day, as for the digest's own "today".
        var decision = RequestIntent.Decide(text, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
        return decision.Command != AskCommand && _handlers.ContainsKey(decision.Command) ? decision : null;
    }

    public Task<Reply> RouteAsync(string text, ConversationRef conversation, CancellationToken cancellationToken = default)
    {
        var (command, arguments) = Parse(text);
        if (!_handlers.TryGetValue(command, out var handler))
        {
            handler = _handlers[HelpCommand];
        }

        return handler.HandleAsync(new CommandInvocation(command, arguments, conversation, this), cancellationToken);
    }
}
