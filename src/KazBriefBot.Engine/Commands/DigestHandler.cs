using KazBriefBot.Engine.Digests;

namespace KazBriefBot.Engine.Commands;

/// <summary>digest [latest | today | YYYY-MM-DD | FROM TO] [undated]: key sentences, figures and topics of the articles of a day or range.</summary>
public sealed class DigestHandler(BriefingEngine engine) : ICommandHandler
{
    public string Name => "digest";

    public string Usage => "digest [latest | today | YYYY-MM-DD | FROM TO] [undated]";

    public string Summary => "Digest of the articles of a day or range (default: the latest day with articles); 'undated' adds articles without a date.";

    public Task<Reply> HandleAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var words = invocation.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        var includeUndated = words.RemoveAll(w => w.Equals("undated", StringComparison.OrdinalIgnoreCase) || w.Equals("--include-undated", StringComparison.OrdinalIgnoreCase)) > 0;
        var (range, error) = ParseRange(words, engine.Current, engine.Time);
        if (error is not null)
        {
            return Task.FromResult(Reply.Text(error));
        }

        var (from, to) = range!.Value;
        var digest = engine.Digest(from, to, includeUndated);
        if (digest.IsEmpty)
        {
            return Task.FromResult(Reply.Text(NothingMessage(from, to)));
        }

        return Task.FromResult(new Reply([new DigestBlock(digest)], []));
    }

    /// <summary>The one line said when a range has no article.</summary>
    public static string NothingMessage(DateOnly from, DateOnly to) =>
        from == to
            ? $"Nothing to digest: no article published on {from:yyyy-MM-dd}."
            : $"Nothing to digest: no article published between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}.";

    /// <summary>Reads [latest | today | DATE | FROM TO]; today is the UTC day of the given clock.</summary>
    internal static ((DateOnly From, DateOnly To)? Range, string? Error) ParseRange(IReadOnlyList<string> words, CorpusSnapshot snapshot, TimeProvider time)
    {
        const string Expected = "use latest, today, YYYY-MM-DD or FROM TO (two dates)";
        if (words.Count == 0 || (words.Count == 1 && words[0].Equals("latest", StringComparison.OrdinalIgnoreCase)))
        {
            var latest = DigestBuilder.LatestDate(snapshot);
            return latest is null ? (null, "No article in the corpus has a known date; try 'digest today undated' to list the undated ones.") : ((latest.Value, latest.Value), null);
        }

        if (words.Count == 1 && words[0].Equals("today", StringComparison.OrdinalIgnoreCase))
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return ((today, today), null);
        }

        if (words.Count > 2)
        {
            return (null, $"Too many words after 'digest'; {Expected}.");
        }

        if (!DateOnly.TryParseExact(words[0], "yyyy-MM-dd", out var from))
        {
            return (null, $"'{words[0]}' is not a date; {Expected}.");
        }

        var to = from;
        if (words.Count == 2 && !DateOnly.TryParseExact(words[1], "yyyy-MM-dd", out to))
        {
            return (null, $"'{words[1]}' is not a date; {Expected}.");
        }

        return from > to
            ? (null, $"The range starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd}).")
            : ((from, to), null);
    }
}
