using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using Microsoft.Extensions.Time.Testing;

namespace KazBriefBot.Engine.Tests.Digests;

public sealed class DigestHandlerTests : IDisposable
{
    private static readonly DateOnly SeedDay = new(2023, 9, 14);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2023, 9, 14, 21, 30, 0, TimeSpan.Zero));
    private readonly BriefingEngine _engine;
    private readonly CommandRouter _router;

    public DigestHandlerTests()
    {
        _engine = new BriefingEngine(new CorpusOptions { Path = TestCorpus.SeedsFolder }, _time);
        _engine.Load();
        _router = new CommandRouter(EngineCommands.Create(_engine));
    }

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("digest today")]
    [InlineData("digest 2023-09-14")]
    [InlineData("digest 2023-09-01 2023-09-30")]
    public async Task DigestOfTheSeedDayListsItsArticles(string command)
    {
        var reply = await Route(command);

        var digest = Assert.IsType<DigestBlock>(Assert.Single(reply.Blocks)).Digest;
        Assert.Contains(digest.Items, i => i.Source.Id.StartsWith("000", StringComparison.Ordinal));
        Assert.All(digest.Items, i => Assert.InRange(i.Source.Date!.Value, digest.From!.Value, digest.To!.Value));
        Assert.Empty(digest.Undated);
        var text = TextRenderer.Render(reply);
        Assert.Contains(digest.Items[0].Headline, text, StringComparison.Ordinal);
        Assert.Contains(digest.Items[0].Highlights[0].Text, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TodayFollowsTheInjectedClock()
    {
        // A clock on another day than the shared one: "today" must follow it, not the wall clock.
        using var engine = new BriefingEngine(new CorpusOptions { Path = TestCorpus.SeedsFolder }, new FakeTimeProvider(new DateTimeOffset(2015, 10, 21, 8, 0, 0, TimeSpan.Zero)));
        engine.Load();
        var router = new CommandRouter(EngineCommands.Create(engine));

        var digest = Assert.IsType<DigestBlock>(Assert.Single((await router.RouteAsync("digest today", new ConversationRef("cli", "test"))).Blocks)).Digest;

        Assert.Equal(new DateOnly(2015, 10, 21), digest.From);
        Assert.Contains(digest.Items, i => i.Source.Id.StartsWith("002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UndatedWordAddsTheUndatedPart()
    {
        var digest = Assert.IsType<DigestBlock>(Assert.Single((await Route("digest 2023-09-14 undated")).Blocks)).Digest;

        Assert.NotEmpty(digest.Undated);
        Assert.All(digest.Undated, i => Assert.Null(i.Source.Date));
        Assert.Contains("Undated", TextRenderer.Render(new Reply([new DigestBlock(digest)], [])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyRangeSaysSoInOneLine()
    {
        var text = TextRenderer.Render(await Route("digest 1999-01-01"));

        Assert.Equal("Nothing to digest: no article published on 1999-01-01.", text);
    }

    [Theory]
    [InlineData("digest yesterday", "'yesterday' is not a date")]
    [InlineData("digest 2023-09-14 soon", "'soon' is not a date")]
    [InlineData("digest 2023-09-30 2023-09-01", "after it ends")]
    [InlineData("digest 2023-09-01 2023-09-02 2023-09-03", "Too many words")]
    public async Task BadArgumentsGetAClearMessage(string command, string expected)
    {
        var reply = await Route(command);

        var block = Assert.IsType<TextBlock>(Assert.Single(reply.Blocks));
        Assert.Contains(expected, block.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("digest latest")]
    public async Task LatestIsTheMostRecentDatedDay(string command)
    {
        var latest = _engine.Current.Articles.Max(a => a.Metadata.Date);

        var digest = Assert.IsType<DigestBlock>(Assert.Single((await Route(command)).Blocks)).Digest;

        Assert.True(latest >= SeedDay);
        Assert.Equal(latest, digest.From);
        Assert.Equal(latest, digest.To);
        Assert.NotEmpty(digest.Items);
        Assert.All(digest.Items, i => Assert.Equal(latest, i.Source.Date));
    }

    private Task<Reply> Route(string text) => _router.RouteAsync(text, new ConversationRef("cli", "test"));
}
