using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Answering;

public sealed class BriefingEngineAskTests
{
    private static (BriefingEngine Engine, string Folder) EngineOnCopyOfSeeds()
    {
        var folder = TestCorpus.NewTempFolder();
        foreach (var file in Directory.GetFiles(TestCorpus.SeedsFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var engine = new BriefingEngine(new CorpusOptions { Path = folder });
        engine.Load();
        return (engine, folder);
    }

    [Fact]
    public void Repeated_questions_come_from_the_cache_keyed_by_the_normalized_question()
    {
        var (engine, _) = EngineOnCopyOfSeeds();
        using (engine)
        {
            var first = engine.Ask("What did Blinken announce?");
            var again = engine.Ask("  what did   BLINKEN announce ");
            Assert.Same(first.Quotes, again.Quotes);
            Assert.Equal("  what did   BLINKEN announce ", again.Question);
            Assert.NotSame(first.Quotes, engine.Ask("What did Blinken announce?", 3).Quotes);
        }
    }

    [Fact]
    public void A_new_snapshot_does_not_reuse_answers_of_the_old_one()
    {
        var (engine, folder) = EngineOnCopyOfSeeds();
        using (engine)
        {
            Assert.False(engine.Ask("What did Zhukov say about pipelines?").Answered);
            File.WriteAllText(Path.Combine(folder, "005_new.txt"),
                "Zhukov on pipelines\n\nEnergy analyst Pavel Zhukov said the new pipelines will double gas exports by 2030.\n");
            Assert.True(engine.TryReload());
            var answer = engine.Ask("What did Zhukov say about pipelines?");
            Assert.True(answer.Answered);
            Assert.StartsWith("005", answer.Quotes[0].Source.Id, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ask_offers_more_quotes_and_the_follow_up_returns_quotes_4_to_6()
    {
        var (engine, _) = EngineOnCopyOfSeeds();
        using (engine)
        {
            var router = new CommandRouter(EngineCommands.Create(engine));
            var conversation = new ConversationRef("cli", "test");
            var reply = await router.RouteAsync("What did Blinken announce?", conversation);
            var first = Assert.IsType<AnswerBlock>(reply.Blocks[0]).Answer;
            Assert.Equal(3, first.Quotes.Count);
            var more = Assert.Single(reply.Actions, a => a.Label == "More quotes");
            Assert.Equal("ask --more 3 What did Blinken announce?", more.CommandText);

            var next = Assert.IsType<AnswerBlock>((await router.RouteAsync(more.CommandText, conversation)).Blocks[0]).Answer;
            var expected = Answerer.Ask(engine.Current, "What did Blinken announce?", 3, 3);
            Assert.NotEmpty(next.Quotes);
            Assert.Equal(expected.Quotes.Select(q => q.Text), next.Quotes.Select(q => q.Text));
            Assert.Empty(first.Quotes.Select(q => q.Text).Intersect(next.Quotes.Select(q => q.Text)));
        }
    }

    [Theory]
    [InlineData("--more 3 What did Blinken announce?", 3, "What did Blinken announce?")]
    [InlineData("What did Blinken announce?", 0, "What did Blinken announce?")]
    [InlineData("--more lots of questions", 0, "--more lots of questions")]
    public void More_option_is_parsed(string arguments, int skip, string question) =>
        Assert.Equal((skip, question), AskHandler.ParseArguments(arguments));
}
