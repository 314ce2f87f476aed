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
