using System.Globalization;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Host.Storage;

namespace KazBriefBot.Host.Scheduling;

/// <summary>The reply posted for one scheduled digest and the article ids it holds (recorded so no later digest repeats them).</summary>
public sealed record ComposedDigest(Reply Reply, IReadOnlyList<string> ArticleIds, DateOnly From, DateOnly To);

/// <summary>
/// Builds a subscription's daily digest: what is new since its last delivered digest. Articles carry a publication day,
/// not a time, so the digest of local day D covers publication days from the last delivered digest's day (or D-1 for the
/// first one, at most a week back) through D, minus articles an earlier digest already held; undated articles are
/// included when they were added to the corpus after the last digest was delivered (or in the day before the first).
/// </summary>
public sealed class DigestComposer(BriefingEngine engine)
{
    /// <summary>The furthest back a digest reaches, however long ago the last one was delivered.</summary>
    public const int MaxLookbackDays = 7;

    /// <summary>True once the corpus is loaded; until then nothing can be composed.</summary>
    public bool IsReady => engine.IsLoaded;

    /// <summary>The first publication day a digest of <paramref name="day"/> covers, given the last delivered digest.</summary>
    public static DateOnly CoverageStart(DateOnly day, Delivery? lastDelivered)
    {
        var from = lastDelivered is null || lastDelivered.LocalDay >= day ? day.AddDays(-1) : lastDelivered.LocalDay;
        var earliest = day.AddDays(-MaxLookbackDays);
        return from < earliest ? earliest : from;
    }

    /// <summary>Composes the digest of <paramref name="day"/>, due at <paramref name="dueAt"/>.</summary>
    public ComposedDigest Compose(DateOnly day, DateTimeOffset dueAt, Delivery? lastDelivered, IReadOnlySet<string> alreadySent)
    {
        ArgumentNullException.ThrowIfNull(alreadySent);
        var from = CoverageStart(day, lastDelivered);
        var undatedSince = lastDelivered?.DeliveredAt ?? dueAt.AddDays(-1);
        var snapshot = engine.Current;
        var digest = engine.Digest(from, day, includeUndated: true);

        var keptIndexes = new Dictionary<int, int>();
        var items = new List<DigestItem>();
        for (var i = 0; i < digest.Items.Count; i++)
        {
            if (!alreadySent.Contains(digest.Items[i].Source.Id))
            {
                keptIndexes[i] = items.Count;
                items.Add(digest.Items[i]);
            }
        }

        var undated = digest.Undated
            .Where(item => !alreadySent.Contains(item.Source.Id) && (snapshot.FindArticle(item.Source.Id)?.AddedAt ?? DateTimeOffset.MaxValue) > undatedSince)
            .ToList();
        var topics = digest.Topics
            .Select(t => t with { Items = t.Items.Where(keptIndexes.ContainsKey).Select(i => keptIndexes[i]).ToList() })
            .Where(t => t.Items.Count > 0)
            .ToList();
        var articleIds = items.Concat(undated).Select(i => i.Source.Id).Distinct(StringComparer.Ordinal).ToList();

        if (articleIds.Count == 0)
        {
            var since = lastDelivered is null
                ? string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}")
                : string.Create(CultureInfo.InvariantCulture, $"the digest of {lastDelivered.LocalDay:yyyy-MM-dd}");
            return new ComposedDigest(Reply.Text($"No new articles since {since}."), [], from, day);
        }

        var heading = string.Create(
            CultureInfo.InvariantCulture,
            $"Daily digest for {day:yyyy-MM-dd}: articles published {from:yyyy-MM-dd} to {day:yyyy-MM-dd}{(undated.Count > 0 ? ", and undated articles added since the last digest" : string.Empty)}.");
        var filtered = digest with { From = from, To = day, Items = items, Topics = topics, Undated = undated };
        return new ComposedDigest(new Reply([new TextBlock(heading), new DigestBlock(filtered)], []), articleIds, from, day);
    }
}
