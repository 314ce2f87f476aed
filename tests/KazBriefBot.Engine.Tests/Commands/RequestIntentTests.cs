using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Tests.Answering;
using Microsoft.Extensions.Time.Testing;

namespace KazBriefBot.Engine.Tests.Commands;

public sealed class RequestIntentTests : IDisposable
{
    // A Friday: "this week" is Monday 2023-09-11 to today, "last week" 2023-09-04 to 2023-09-10.
    private static readonly DateOnly Today = new(2023, 9, 15);

    // The day after the seed day 2023-09-14, so "yesterday" is a day with articles.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2023, 9, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly BriefingEngine _engine;
    private readonly CommandRouter _router;

    public RequestIntentTests()
    {
        _engine = new BriefingEngine(new CorpusOptions { Path = TestCorpus.SeedsFolder }, _time);
        _engine.Load();
        _router = new CommandRouter(EngineCommands.Create(_engine), _engine.Time);
    }

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("summarise the trade figures", "trade")]
    [InlineData("Summarize the trade figures.", "trade")]
    [InlineData("give me a summary of the trade figures", "trade")]
    [InlineData("show me the investment numbers", "investment")]
    [InlineData("what are the latest statistics on trade?", "trade")]
    [InlineData("What are the trade figures?", "trade")]
    [InlineData("trade figures", "trade")]
    [InlineData("Trade figures?", "Trade")]
    [InlineData("latest trade statistics", "trade")]
    [InlineData("show me the numbers", "")]
    [InlineData("list the figures", "")]
    [InlineData("give me all the figures", "")]
    [InlineData("What are the figures?", "")]
    [InlineData("can you show me the investment data?", "investment")]
    [InlineData("Could you send me the stats on exports, please?", "exports")]
    [InlineData("I'd like the trade numbers", "trade")]
    [InlineData("get me the latest figures for investment", "investment")]
    [InlineData("please list the key figures", "")]
    [InlineData("what is the data on investment?", "investment")]
    [InlineData("What figures do you have on trade?", "trade")]
    [InlineData("what numbers are there for investment?", "investment")]
    [InlineData("Do you have the trade figures?", "trade")]
    [InlineData("Are there any figures on exports?", "exports")]
    [InlineData("Is there any data on investment?", "investment")]
    [InlineData("display a chart of trade", "trade")]
    [InlineData("show me today's trade figures", "trade")]
    [InlineData("pull up the export statistics", "export")]
    [InlineData("stats for trade and investment", "trade investment")]
    [InlineData("Give me the investment figures for this week", "investment")]
    [InlineData("new figures on exports", "exports")]
    [InlineData("summarise the figures on energy exports", "energy exports")]
    [InlineData("Hey bot, show me the trade figures", "trade")]
    [InlineData("What’s the latest data on trade?", "trade")]
    [InlineData("Tell me the trade figures", "trade")]
    [InlineData("send the numbers for last month", "")]
    public void Figures_requests_go_to_figures_with_their_topic(string text, string topic) =>
        Assert.Equal(new RequestDecision("figures", topic), RequestIntent.Decide(text, Today));

    [Theory]
    [InlineData("give me today's digest", "today")]
    [InlineData("today's briefing please", "today")]
    [InlineData("todays briefing", "today")]
    [InlineData("what's new", "latest")]
    [InlineData("What’s new?", "latest")]
    [InlineData("whats new", "latest")]
    [InlineData("any news?", "latest")]
    [InlineData("digest for 2023-09-14", "2023-09-14")]
    [InlineData("what happened yesterday", "2023-09-14")]
    [InlineData("What happened yesterday?", "2023-09-14")]
    [InlineData("news", "latest")]
    [InlineData("the latest news", "latest")]
    [InlineData("What's the news today?", "today")]
    [InlineData("anything new?", "latest")]
    [InlineData("Anything new today?", "today")]
    [InlineData("send me yesterday's briefing", "2023-09-14")]
    [InlineData("show me the headlines", "latest")]
    [InlineData("today's headlines", "today")]
    [InlineData("summarise the news", "latest")]
    [InlineData("give me a summary", "latest")]
    [InlineData("summarise this week", "2023-09-11 2023-09-15")]
    [InlineData("recap last week", "2023-09-04 2023-09-10")]
    [InlineData("briefing for 2023-09-14", "2023-09-14")]
    [InlineData("digest from 2023-09-01 to 2023-09-30", "2023-09-01 2023-09-30")]
    [InlineData("news between 2023-01-01 and 2023-12-31", "2023-01-01 2023-12-31")]
    [InlineData("give me the roundup for the past 7 days", "2023-09-09 2023-09-15")]
    [InlineData("what's happening", "latest")]
    [InlineData("Can I have the latest digest, please?", "latest")]
    [InlineData("what was in the news on 2023-09-14?", "2023-09-14")]
    [InlineData("What are the headlines this week?", "2023-09-11 2023-09-15")]
    [InlineData("news this week", "2023-09-11 2023-09-15")]
    [InlineData("catch me up", "latest")]
    [InlineData("any updates since 2023-09-01?", "2023-09-01 2023-09-15")]
    [InlineData("what happened the day before yesterday", "2023-09-13")]
    [InlineData("summarise today's articles", "today")]
    [InlineData("show me yesterday's stories", "2023-09-14")]
    [InlineData("the digest for 2023-09-14 including undated articles", "2023-09-14 undated")]
    [InlineData("morning briefing", "latest")]
    [InlineData("Good morning! What's new?", "latest")]
    [InlineData("tell me what's new", "latest")]
    [InlineData("Can you tell me what happened this week?", "2023-09-11 2023-09-15")]
    [InlineData("Is there any news?", "latest")]
    [InlineData("What's in today's digest?", "today")]
    [InlineData("what's new this month", "2023-09-01 2023-09-15")]
    [InlineData("news from yesterday and today", "2023-09-14 2023-09-15")]
    // A bad date is passed on as typed, so the digest explains it in its own words.
    [InlineData("news for 2023-13-45", "2023-13-45")]
    public void Digest_requests_go_to_the_digest_with_a_day_or_range(string text, string arguments) =>
        Assert.Equal(new RequestDecision("digest", arguments), RequestIntent.Decide(text, Today));

    // Rule: a wh- or yes/no question with its own verb asks about an event or a quantity, so it stays an ask even when it
    // holds "figures", "news", "new" or "summary" ("What new figures did the ministry publish on exports?" asks what was
    // published; the answerer quotes it and attaches figures for how-much questions). A request naming a topic the digest
    // cannot filter by ("any news about trade", "a summary of the C5+1 talks") is a question about that topic too.
    [Theory]
    [InlineData("What did Blinken announce?")]
    [InlineData("How much did trade grow in 2022?")]
    [InlineData("What is new about the C5+1 format?")]
    [InlineData("Why is the Middle Corridor important?")]
    [InlineData("What new figures did the ministry publish on exports?")]
    [InlineData("Who published the trade figures?")]
    [InlineData("Why are the figures different?")]
    [InlineData("Which figures conflict?")]
    [InlineData("Are the statistics reliable?")]
    [InlineData("What do the numbers say about investment?")]
    [InlineData("What news did Blinken bring?")]
    [InlineData("Is there news about the pipeline?")]
    [InlineData("What is the news about Tokayev's visit?")]
    [InlineData("Give me a summary of the C5+1 talks")]
    [InlineData("Summarise Tokayev's speech")]
    [InlineData("Tell me about the mutual trade turnover")]
    [InlineData("What is the summary of the roundtable?")]
    [InlineData("Did the ministry publish new figures?")]
    [InlineData("What is the number of American companies at the roundtable?")]
    [InlineData("What was the trade turnover in 2022?")]
    [InlineData("What is the C5+1 format?")]
    [InlineData("What happened at the roundtable?")]
    [InlineData("What's new in Kazakhstan–US relations?")]
    [InlineData("What is the latest on the Middle Corridor?")]
    [InlineData("Any news about trade?")]
    [InlineData("How many American companies attended the roundtable with Tokayev?")]
    [InlineData("Show me the figures that Blinken announced")]
    [InlineData("The trade figures are wrong")]
    [InlineData("When were the figures published?")]
    [InlineData("Has the summary been updated?")]
    [InlineData("Where do the statistics come from?")]
    [InlineData("What figures did Tokayev cite?")]
    [InlineData("Explain the trade figures")]
    [InlineData("Can you compare the investment numbers?")]
    [InlineData("Is the news true?")]
    [InlineData("What did the digest say about investment?")]
    [InlineData("Brief me on the pipeline")]
    [InlineData("What's new? And what about trade?")]
    [InlineData("hello")]
    [InlineData("Show Info")]
    [InlineData("yesterday")]
    public void Real_questions_stay_questions(string text) =>
        Assert.Equal(new RequestDecision("ask", text), RequestIntent.Decide(text, Today));

    [Theory]
    [MemberData(nameof(DevSet.AllQuestions), MemberType = typeof(DevSet))]
    public void Every_evaluation_question_stays_a_question(string question) =>
        Assert.Equal("ask", RequestIntent.Decide(question, Today).Command);

    [Fact]
    public void A_long_text_is_a_question()
    {
        var text = "give me today's digest " + new string('x', 400);

        Assert.Equal("ask", RequestIntent.Decide(text, Today).Command);
    }

    [Theory]
    [InlineData("digest 2023-09-14", "digest", "2023-09-14")]
    [InlineData("digest", "digest", "")]
    [InlineData("digest yesterday", "digest", "yesterday")]
    [InlineData("figures trade", "figures", "trade")]
    [InlineData("figures for trade", "figures", "for trade")]
    [InlineData("/help", "help", "")]
    [InlineData("/unknown", "help", "unknown")]
    [InlineData("/digest for 2023-09-14", "digest", "for 2023-09-14")]
    [InlineData("ask give me today's digest", "ask", "give me today's digest")]
    [InlineData("sources", "sources", "")]
    [InlineData("article 001", "article", "001")]
    [InlineData("What did Blinken announce?", "ask", "What did Blinken announce?")]
    public void Explicit_commands_parse_as_before(string text, string command, string arguments) =>
        Assert.Equal((command, arguments), _router.Parse(text));

    [Theory]
    [InlineData("summarise the trade figures", "figures", "trade")]
    [InlineData("give me today's digest", "digest", "today")]
    [InlineData("what happened yesterday", "digest", "2023-09-14")]
    [InlineData("digest for 2023-09-14", "digest", "2023-09-14")]
    [InlineData("digest please", "digest", "latest")]
    public void The_router_reads_free_text_requests(string text, string command, string arguments) =>
        Assert.Equal((command, arguments), _router.Parse(text));

    [Fact]
    public void A_request_for_a_command_the_router_lacks_stays_a_question()
    {
        var router = new CommandRouter([new AskHandler(_engine), new HelpHandler()], _engine.Time);

        Assert.Equal(("ask", "summarise the trade figures"), router.Parse("summarise the trade figures"));
    }

    [Fact]
    public async Task Summarise_the_trade_figures_returns_the_trade_figures()
    {
        var reply = await Route("summarise the trade figures");

        var report = Assert.IsType<FiguresBlock>(Assert.Single(reply.Blocks)).Report;
        Assert.Equal("trade", report.Topic);
        Assert.NotEmpty(report.Figures);
        Assert.Equal(_engine.Figures("trade").Figures, report.Figures);
    }

    [Fact]
    public async Task Give_me_todays_digest_returns_the_digest_of_the_engines_today()
    {
        // On the seed day's clock "today" has articles.
        using var engine = new BriefingEngine(new CorpusOptions { Path = TestCorpus.SeedsFolder }, new FakeTimeProvider(new DateTimeOffset(2023, 9, 14, 21, 30, 0, TimeSpan.Zero)));
        engine.Load();
        var router = new CommandRouter(EngineCommands.Create(engine), engine.Time);

        var reply = await router.RouteAsync("give me today's digest", new ConversationRef("web", "test"));

        var digest = Assert.IsType<DigestBlock>(Assert.Single(reply.Blocks)).Digest;
        Assert.Equal(new DateOnly(2023, 9, 14), digest.From);
        Assert.Equal(new DateOnly(2023, 9, 14), digest.To);
        Assert.Contains(digest.Items, i => i.Source.Id.StartsWith("000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_happened_yesterday_is_the_digest_of_the_day_before_on_the_engines_clock()
    {
        var digest = Assert.IsType<DigestBlock>(Assert.Single((await Route("What happened yesterday?")).Blocks)).Digest;

        Assert.Equal(new DateOnly(2023, 9, 14), digest.From);
        Assert.Equal(new DateOnly(2023, 9, 14), digest.To);
        Assert.NotEmpty(digest.Items);
    }

    [Fact]
    public async Task Whats_new_is_the_latest_digest()
    {
        var latest = _engine.Current.Articles.Max(a => a.Metadata.Date);

        var digest = Assert.IsType<DigestBlock>(Assert.Single((await Route("what's new?")).Blocks)).Digest;

        Assert.Equal(latest, digest.From);
    }

    [Fact]
    public async Task A_real_question_is_still_answered_with_quotes()
    {
        var reply = await Route("What is new about the C5+1 format?");

        Assert.IsType<AnswerBlock>(Assert.Single(reply.Blocks));
    }

    private Task<Reply> Route(string text) => _router.RouteAsync(text, new ConversationRef("web", "test"));
}
