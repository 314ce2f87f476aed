using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Digests;
using static KazBriefBot.Engine.Tests.Digests.DigestTestArticles;

namespace KazBriefBot.Engine.Tests.Digests;

public sealed class DigestRenderingTests
{
    private static readonly DateOnly Day = new(2024, 3, 5);

    [Fact]
    public void ReadableDigestHasASectionPerItemWithOutletDateAndQuotes()
    {
        var snapshot = Snapshot(Make("trade", "Trade rises", Day, TradeBody), Make("corridor", "Corridor talks", Day.AddDays(1), CorridorBody), Make("u", "Undated pact", null, SecurityBody));
        var digest = DigestBuilder.Build(snapshot, Day, Day.AddDays(1), includeUndated: true);

        var text = TextRenderer.Render(new Reply([new DigestBlock(digest)], []));
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("Digest 2024-03-05 – 2024-03-06 (2 articles)", lines[0]);
        Assert.StartsWith("Topics: ", lines[1], StringComparison.Ordinal);
        for (var i = 0; i < digest.Items.Count; i++)
        {
            var item = digest.Items[i];
            var at = lines.IndexOf($"#{i + 1}. {item.Headline}");
            Assert.True(at > 0, $"section of item {i + 1} missing");
            Assert.Equal($"   Test Wire, {item.Source.Date:yyyy-MM-dd}, {item.Source.Id}", lines[at + 1]);
            Assert.All(item.Highlights, h => Assert.Contains($"   • “{h.Text}”", lines));
        }

        Assert.Contains("Undated (1; publication date unknown)", lines);
        Assert.Contains("U1. Undated pact", lines);
        Assert.Contains("   Test Wire, date unknown, u", lines);
    }

    [Fact]
    public void WhatsNewShowsWhenEachArticleWasAdded()
    {
        var since = Added.AddHours(-2);
        var digest = DigestBuilder.WhatsNew(Snapshot(Make("u", "Undated pact", null, SecurityBody)), since);

        var text = TextRenderer.Render(new Reply([new DigestBlock(digest)], []));

        Assert.StartsWith("What's new since 2026-01-10 04:00 UTC (1 article)", text, StringComparison.Ordinal);
        Assert.Contains("   Test Wire, date unknown, u, added 2026-01-10 06:00 UTC", text, StringComparison.Ordinal);
    }
}
