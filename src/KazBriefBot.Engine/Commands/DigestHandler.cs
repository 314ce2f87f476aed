using KazBriefBot.Engine.Digests;

namespace KazBriefBot.Engine.Commands;

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
