using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using static KazBriefBot.Engine.Tests.Digests.DigestTestArticles;

namespace KazBriefBot.Engine.Tests.Digests;

public sealed class DigestBuilderTests
{
    private static readonly DateOnly Day = new(2024, 3, 5);

    [Fact]
    public void OnlyArticlesPublishedInTheRangeAreItems()
    {
        var snapshot = Snapshot(
            Make("a", "Trade rises", Day, TradeBody),
            Make("b", "Corridor talks", Day.AddDays(1), CorridorBody),
            Make("c", "Security pact", Day.AddDays(5), SecurityBody),
            Make("u", "Undated piece", null, OffTopicBody));

        var digest = DigestBuilder.Build(snapshot, Day, Day.AddDays(1));

        Assert.Equal(["a", "b"], digest.Items.Select(i => i.Source.Id).Order());
        Assert.Empty(digest.Undated);
        Assert.Equal(Day, digest.From);
        Assert.Equal(Day.AddDays(1), digest.To);
        Assert.All(digest.Items, i => Assert.InRange(i.Source.Date!.Value, Day, Day.AddDays(1)));
    }

    [Fact]
    public void UndatedArticlesAreApartOnlyWhenAskedAndNeverGetADate()
    {
        var snapshot = Snapshot(
            Make("a", "Trade rises", Day, TradeBody),
            Make("u1", "Undated corridor piece", null, CorridorBody),
            Make("u2", "Undated security piece", null, SecurityBody));

        var without = DigestBuilder.Build(snapshot, Day, Day);
        var with = DigestBuilder.Build(snapshot, Day, Day, includeUndated: true);

        Assert.Empty(without.Undated);
        Assert.Equal(["a"], with.Items.Select(i => i.Source.Id));
        Assert.Equal(["u1", "u2"], with.Undated.Select(i => i.Source.Id).Order());
        Assert.All(with.Undated, i => Assert.Null(i.Source.Date));
        Assert.All(with.Undated.SelectMany(i => i.Highlights), h => Assert.Null(h.Source.Date));
        Assert.All(with.Undated, i => Assert.Null(i.AddedAt));

        // An undated article is in no dated range, however wide.
        var wide = DigestBuilder.Build(snapshot, DateOnly.MinValue, DateOnly.MaxValue);
        Assert.DoesNotContain(wide.Items, i => i.Source.Id.StartsWith('u'));
    }

    [Fact]
    public void KeySentencesAreCentralNotSimplyTheFirstOnes()
    {
        var snapshot = Snapshot(Make("a", "Trade rises", Day, TradeBody));

        var item = Assert.Single(DigestBuilder.Build(snapshot, Day, Day).Items);

        Assert.Equal(3, item.Highlights.Count);
        Assert.All(item.Highlights, h => Assert.Contains("Kazakhstan", h.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(item.Highlights, h => h.Text.Contains("weather", StringComparison.Ordinal) || h.Text.Contains("cafes", StringComparison.Ordinal));
        // Shown in the article's order.
        Assert.Equal(item.Highlights.Select(h => h.Source.Start).Order(), item.Highlights.Select(h => h.Source.Start));
    }

    [Fact]
    public void EveryTextIsVerbatimWithItsSpan()
    {
        var articles = new[]
        {
            Make("a", "Trade rises", Day, TradeBody),
            Make("b", "Corridor talks", Day, CorridorBody),
            Make("u", "Undated piece", null, SecurityBody),
        };
        var snapshot = Snapshot(articles);

        var digest = DigestBuilder.Build(snapshot, Day, Day, includeUndated: true);

        AssertVerbatim(snapshot, digest);
        Assert.Equal(3, digest.Items.Count + digest.Undated.Count);
    }

    [Fact]
    public void SeedHighlightsAreExactSubstringsOfTheirFiles()
    {
        var snapshot = TestCorpus.Seeds;

        var digest = DigestBuilder.Build(snapshot, DateOnly.MinValue, DateOnly.MaxValue, includeUndated: true);

        Assert.Equal(snapshot.Articles.Count, digest.Items.Count + digest.Undated.Count);
        AssertVerbatim(snapshot, digest);
        foreach (var item in digest.Items.Concat(digest.Undated))
        {
            var fileText = File.ReadAllText(Path.Combine(TestCorpus.Root, item.Source.Path));
            Assert.All(item.Highlights, h => Assert.Contains(h.Text, fileText, StringComparison.Ordinal));
            Assert.InRange(item.Highlights.Count, 1, 3);
        }
    }

    [Fact]
    public void SeedDigestsFollowPublicationDates()
    {
        var snapshot = TestCorpus.Seeds;

        var september = DigestBuilder.Build(snapshot, new DateOnly(2023, 9, 14), new DateOnly(2023, 9, 14));
        var october2015 = DigestBuilder.Build(snapshot, new DateOnly(2015, 10, 21), new DateOnly(2015, 10, 21));

        Assert.Contains(september.Items, i => i.Source.Id.StartsWith("000", StringComparison.Ordinal));
        Assert.Contains(october2015.Items, i => i.Source.Id.StartsWith("002", StringComparison.Ordinal));
        Assert.DoesNotContain(september.Items, i => i.Source.Id.StartsWith("002", StringComparison.Ordinal));
        Assert.All(september.Items, i => Assert.Equal(new DateOnly(2023, 9, 14), i.Source.Date));
        Assert.True(DigestBuilder.LatestDate(snapshot) >= new DateOnly(2023, 9, 14));
    }

    [Fact]
    public void ArticleCentralToTheRangeComesFirstAndTheOddOneLast()
    {
        var snapshot = Snapshot(
            Make("sport", "Cup final", Day, OffTopicBody),
            Make("trade", "Trade rises", Day, TradeBody),
            Make("corridor", "Corridor talks", Day, CorridorBody),
            Make("security", "Security pact", Day, SecurityBody));

        var ids = DigestBuilder.Build(snapshot, Day, Day).Items.Select(i => i.Source.Id).ToList();

        Assert.Equal("sport", ids[^1]);
        Assert.Contains(ids[0], new[] { "trade", "corridor" });
    }

    [Fact]
    public void TopicsNameTheItemsUnderThem()
    {
        var snapshot = Snapshot(
            Make("trade", "Trade rises", Day, TradeBody),
            Make("corridor", "Corridor talks", Day, CorridorBody),
            Make("security", "Security pact", Day, SecurityBody),
            Make("sport", "Cup final", Day, OffTopicBody));

        var digest = DigestBuilder.Build(snapshot, Day, Day);
        var byId = digest.Items.Select((item, index) => (item.Source.Id, index)).ToDictionary(x => x.Id, x => x.index);
        var topic = (string name) => Assert.Single(digest.Topics, t => t.Name == name).Items;

        Assert.Contains(byId["corridor"], topic("transport corridors"));
        Assert.DoesNotContain(byId["trade"], topic("transport corridors"));
        Assert.Contains(byId["trade"], topic("trade"));
        Assert.Contains(byId["security"], topic("security"));
        Assert.Contains(byId["security"], topic("diplomacy"));
        Assert.Empty(digest.Items[byId["sport"]].Topics);
        foreach (var t in digest.Topics)
        {
            Assert.All(t.Items, i => Assert.Contains(t.Name, digest.Items[i].Topics));
        }

        // Every item topic is listed across the range.
        Assert.All(digest.Items.SelectMany((item, i) => item.Topics.Select(name => (name, i))), x => Assert.Contains(x.i, topic(x.name)));
    }

    [Fact]
    public void KeyFiguresAreTheArticlesOwn()
    {
        var snapshot = TestCorpus.Seeds;

        var digest = DigestBuilder.Build(snapshot, DateOnly.MinValue, DateOnly.MaxValue, includeUndated: true);

        foreach (var item in digest.Items.Concat(digest.Undated))
        {
            var own = snapshot.Figures.ForArticle(item.Source.Id);
            Assert.Equal(Math.Min(own.Count, DigestBuilder.MaxFiguresPerItem), item.Figures.Count);
            Assert.All(item.Figures, f => Assert.Contains(f, own));
        }
    }

    [Fact]
    public void WhatsNewSelectsByAddedTimeIncludingUndated()
    {
        var since = Added.AddHours(1);
        var snapshot = Snapshot(
            Make("old", "Old trade news", Day, TradeBody, Added),
            Make("newdated", "Corridor talks", Day.AddYears(-3), CorridorBody, since.AddMinutes(5)),
            Make("newundated", "Security pact", null, SecurityBody, since.AddMinutes(10)));

        var digest = DigestBuilder.WhatsNew(snapshot, since);

        Assert.Equal(["newdated", "newundated"], digest.Items.Select(i => i.Source.Id).Order());
        Assert.Equal(since, digest.Since);
        Assert.Null(digest.From);
        Assert.Null(Assert.Single(digest.Items, i => i.Source.Id == "newundated").Source.Date);
        Assert.Equal(since.AddMinutes(10), Assert.Single(digest.Items, i => i.Source.Id == "newundated").AddedAt);
        Assert.True(DigestBuilder.WhatsNew(snapshot, since.AddMinutes(10)).IsEmpty);
        Assert.Equal(["newdated"], DigestBuilder.WhatsNew(snapshot, since, until: since.AddMinutes(5)).Items.Select(i => i.Source.Id));
    }

    [Fact]
    public void LatestDateIgnoresUndatedAndIsNullWithoutDates()
    {
        Assert.Equal(Day.AddDays(2), DigestBuilder.LatestDate(Snapshot(Make("a", "A", Day, TradeBody), Make("b", "B", Day.AddDays(2), CorridorBody), Make("u", "U", null, SecurityBody))));
        Assert.Null(DigestBuilder.LatestDate(Snapshot(Make("u", "U", null, SecurityBody))));
    }

    [Fact]
    public void ARangeThatEndsBeforeItStartsIsRejected()
    {
        var snapshot = Snapshot(Make("a", "A", Day, TradeBody));

        Assert.Throws<ArgumentException>(() => DigestBuilder.Build(snapshot, Day, Day.AddDays(-1)));
    }

    [Fact]
    public void HeadlineIsNotRepeatedAsAKeySentence()
    {
        var snapshot = Snapshot(Make("a", "Kazakhstan and United States trade rises to a record", Day, TradeBody));

        var item = Assert.Single(DigestBuilder.Build(snapshot, Day, Day).Items);

        Assert.Equal("Kazakhstan and United States trade rises to a record", item.Headline);
        Assert.DoesNotContain(item.Highlights, h => h.Text == item.Headline);
    }

    internal static void AssertVerbatim(CorpusSnapshot snapshot, Digest digest)
    {
        foreach (var item in digest.Items.Concat(digest.Undated))
        {
            var article = snapshot.Articles.Single(a => a.Id == item.Source.Id);
            Assert.NotEmpty(item.Highlights);
            foreach (var h in item.Highlights)
            {
                Assert.Equal(article.Id, h.Source.Id);
                Assert.Equal(h.Text, article.Text[h.Source.Start..h.Source.End]);
                Assert.Equal(article.Metadata.Date, h.Source.Date);
            }

            if (item.Source.End > item.Source.Start)
            {
                Assert.Equal(item.Headline, article.Text[item.Source.Start..item.Source.End]);
            }
        }
    }
}
