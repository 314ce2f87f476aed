using System.Globalization;
using KazBriefBot.Engine.Answering;

namespace KazBriefBot.Engine.Commands;

/// <summary>ask QUESTION: verbatim quotes with sources; "ask --more N QUESTION" gives the quotes after the first N.</summary>
public sealed class AskHandler(BriefingEngine engine) : ICommandHandler
{
    /// <summary>The option a "More quotes" follow-up carries: how many quotes were already shown.</summary>
    public const string MoreOption = "--more";

    public string Name => "ask";

    public string Usage => "ask QUESTION";

    public string Summary => "Answer a question with verbatim quotes and their sources (any text that is not a command is a question).";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (skip, question) = ParseArguments(invocation.Arguments);
        if (string.IsNullOrWhiteSpace(question))
        {
            return Task.FromResult(Reply.Text("Ask me a question, for example: ask What did Blinken announce?"));
        }

        var answer = engine.Ask(question, skip);
        var actions = new List<FollowUpAction>();
        if (answer.HasMore)
        {
            actions.Add(new FollowUpAction("More quotes", MoreCommand(skip + answer.Quotes.Count, question)));
        }

        foreach (var id in answer.Quotes.Select(q => q.Source.Id).Distinct())
        {
            actions.Add(new FollowUpAction($"Show article {id}", $"article {id}"));
        }

        return Task.FromResult(new Reply([new AnswerBlock(answer)], actions));
    }

    /// <summary>The command text that asks for the quotes after the first `shown`.</summary>
    public static string MoreCommand(int shown, string question) =>
        string.Create(CultureInfo.InvariantCulture, $"ask {MoreOption} {shown} {question}");

    /// <summary>Splits "--more N QUESTION" into (N, QUESTION); plain text is (0, text).</summary>
    public static (int Skip, string Question) ParseArguments(string arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = arguments.Trim();
        if (!text.StartsWith(MoreOption + " ", StringComparison.OrdinalIgnoreCase))
        {
            return (0, text);
        }

        var rest = text[(MoreOption.Length + 1)..].TrimStart();
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var number = space < 0 ? rest : rest[..space];
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var skip) && skip <= 1000
            ? (skip, space < 0 ? string.Empty : rest[(space + 1)..].Trim())
            : (0, text);
    }
}
