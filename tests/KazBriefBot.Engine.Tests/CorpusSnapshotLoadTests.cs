using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Indexing;
using KazBriefBot.Engine.Tests.Figures;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests;

/// <summary>Loading and indexing run in parallel and reuse the previous snapshot's work on a reload; neither may change
/// what the snapshot holds or what it answers.</summary>
public sealed class CorpusSnapshotLoadTests
{
    // Questions of different kinds: speakers, figures (which make the snapshot extract them), names, nothing to find.
    private static readonly string[] Questions =
    [
        "What did Blinken announce?", "How much has the US invested?", "What did the foreign minister say about critical minerals?",
        "How many joint ventures are there?", "Tell me about wheat exports", "What did the chief executive say about profits?",
        "How much did oil prices rise?", "Who won the election?", "quarterly profits", "zzzz qqqq",
    ];

    [Fact]
    public void A_parallel_load_gives_the_same_snapshot_and_answers_as_a_sequential_one_on_the_seeds_copied_many_times()
    {
        // 5 seeds × 8 = 40 files: over the threshold at which loading and analysis go parallel.
        var folder = TestCorpus.NewTempFolder();
        for (var copy = 0; copy < 8; copy++)
        {
            foreach (var file in Directory.GetFiles(TestCorpus.SeedsFolder))
            {
                File.Copy(file, Path.Combine(folder, $"{copy}_{Path.GetFileName(file)}"));
            }
        }

        AssertParallelEqualsSequential(folder);
    }

    [SharedDataFact(BbcBusiness.CsvPath)]
    public void A_parallel_load_gives_the_same_snapshot_and_answers_as_a_sequential_one_on_bbc_news()
    {
        var folder = TestCorpus.NewTempFolder();
        var rows = BbcBusiness.Csv.Read(Path.Combine(TestCorpus.SharedFolder, "data", BbcBusiness.CsvPath));
        foreach (var row in rows.Skip(1).Take(400))
        {
            File.WriteAllText(Path.Combine(folder, row[0].Replace('/', '-') + ".txt"), row[2] + "\n\n" + row[3] + "\n");
        }

        AssertParallelEqualsSequential(folder);
    }

    [Fact]
    public void A_reload_after_one_new_file_reuses_every_unchanged_article_and_equals_a_build_from_scratch()
    {
        var folder = TestCorpus.CopyOfSeeds();
        using var engine = new BriefingEngine(new CorpusOptions { Path = folder });
        var first = engine.Load();
        File.WriteAllText(Path.Combine(folder, "900_new.txt"), "Wheat exports\n\nKazakhstan shipped record wheat exports to the United States, the minister said.\n");
        var reloaded = engine.Load();

        Assert.Equal(5, engine.LastLoad!.ReusedArticles);
        Assert.Equal(6, reloaded.Articles.Count);
        Assert.All(first.Articles, a => Assert.Same(a, reloaded.Articles.Single(r => r.Id == a.Id)));
        var scratch = CorpusSnapshot.Build(folder, new CorpusLoader(new CorpusOptions { Path = folder }).Load(), DateTimeOffset.UnixEpoch);
        AssertSameIndex(scratch.Index, reloaded.Index);
        Assert.Contains(engine.Ask("Tell me about wheat exports").Quotes, q => q.Source.Id == "900_new");
        AssertSameAnswers(scratch, reloaded);
    }

    [Fact]
    public void A_reload_reads_a_changed_file_again()
    {
        var folder = TestCorpus.CopyOfSeeds();
        using var engine = new BriefingEngine(new CorpusOptions { Path = folder });
        var first = engine.Load();
        var changed = first.Articles[0];
        File.AppendAllText(changed.Path, "\nKazakhstan shipped record wheat exports to the United States this autumn.\n");
        File.SetLastWriteTimeUtc(changed.Path, changed.AddedAt.UtcDateTime.AddMinutes(1));
        var reloaded = engine.Load();

        Assert.Equal(4, engine.LastLoad!.ReusedArticles);
        Assert.NotSame(changed, reloaded.Articles.Single(a => a.Id == changed.Id));
        Assert.Contains(engine.Ask("Tell me about wheat exports").Quotes, q => q.Source.Id == changed.Id);
    }

    [Fact]
    public void Figures_are_extracted_only_when_a_question_may_use_them()
    {
        var snapshot = TestCorpus.Build(TestCorpus.CopyOfSeeds());
        Answerer.Ask(snapshot, "What did Blinken announce?", 0, Answerer.MaxQuotes);
        Assert.False(snapshot.FiguresReady);

        var answer = Answerer.Ask(snapshot, "How much has the US invested?", 0, Answerer.MaxQuotes);
        Assert.True(snapshot.FiguresReady);
        Assert.NotEmpty(answer.Figures);
    }

    [Fact]
    public void A_sentence_split_from_an_article_equals_one_made_from_its_own_string()
    {
        const string text = "Astana hosts talks. The minister said trade grew.";
        var split = SentenceSplitter.Split(text, 0, text.Length);
        Assert.Equal([new Sentence(0, 0, 19, "Astana hosts talks."), new Sentence(1, 20, 49, "The minister said trade grew.")], split);
        Assert.Equal(new Sentence(1, 20, 49, "The minister said trade grew.").GetHashCode(), split[1].GetHashCode());
        Assert.NotEqual(new Sentence(1, 20, 49, "The minister said trade fell."), split[1]);
    }

    private static void AssertParallelEqualsSequential(string folder)
    {
        var options = new CorpusOptions { Path = folder };
        var sequentialLoad = new CorpusLoader(options) { Parallelism = 1 }.Load();
        var parallelLoad = new CorpusLoader(options).Load();
        Assert.True(parallelLoad.Articles.Count > 16);
        Assert.Equal(sequentialLoad.Articles.Select(a => (a.Id, a.Text, a.Metadata)), parallelLoad.Articles.Select(a => (a.Id, a.Text, a.Metadata)));
        Assert.Equal(sequentialLoad.Articles.SelectMany(a => a.Sentences), parallelLoad.Articles.SelectMany(a => a.Sentences));

        var sequential = SentenceIndex.Build(sequentialLoad.Articles, TextAnalyzer.Default, null, parallel: false);
        var parallel = SentenceIndex.Build(parallelLoad.Articles, TextAnalyzer.Default, null, parallel: true);
        AssertSameIndex(sequential, parallel);

        var a = CorpusSnapshot.Build(folder, sequentialLoad, DateTimeOffset.UnixEpoch);
        var b = CorpusSnapshot.Build(folder, parallelLoad, DateTimeOffset.UnixEpoch);
        AssertSameAnswers(a, b);
    }

    private static void AssertSameIndex(SentenceIndex expected, SentenceIndex actual)
    {
        Assert.Equal(expected.TermCount, actual.TermCount);
        Assert.Equal(expected.Sentences.Count, actual.Sentences.Count);
        for (var s = 0; s < expected.Sentences.Count; s++)
        {
            Assert.Equal(expected.Sentences[s].Sentence, actual.Sentences[s].Sentence);
            Assert.Equal(expected.TermsOf(s).ToArray(), actual.TermsOf(s).ToArray());
            Assert.Equal(expected.SpeakerTermsOf(s).ToArray(), actual.SpeakerTermsOf(s).ToArray());
            Assert.Equal(expected.SpeakerOf(s), actual.SpeakerOf(s));
            Assert.Equal(expected.SpeakerIsExplicit(s), actual.SpeakerIsExplicit(s));
            Assert.Equal(expected.QuotationOf(s), actual.QuotationOf(s));
        }

        for (var t = 0; t < expected.TermCount; t++)
        {
            Assert.Equal(expected.Idf(t), actual.Idf(t));
            Assert.Equal(expected.ArticleFrequency(t), actual.ArticleFrequency(t));
        }
    }

    private static void AssertSameAnswers(CorpusSnapshot expected, CorpusSnapshot actual)
    {
        foreach (var question in Questions)
        {
            Assert.Equal(EngineJson.Serialize(Answerer.Ask(expected, question, 0, Answerer.MaxQuotes)), EngineJson.Serialize(Answerer.Ask(actual, question, 0, Answerer.MaxQuotes)));
        }

        Assert.Equal(EngineJson.Serialize(expected.Figures.Report(null)), EngineJson.Serialize(actual.Figures.Report(null)));
    }
}
