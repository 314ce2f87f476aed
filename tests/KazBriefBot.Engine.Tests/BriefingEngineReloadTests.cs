using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests;

/// <summary>A reload swaps in a whole new snapshot; work that started on the old snapshot finishes on it unchanged.</summary>
public sealed class BriefingEngineReloadTests
{
    [Fact]
    public async Task Requests_in_flight_finish_on_the_old_snapshot_while_a_reload_swaps_in_the_new_one()
    {
        var folder = TestCorpus.NewTempFolder();
        foreach (var file in Directory.GetFiles(TestCorpus.SeedsFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        using var engine = new BriefingEngine(new CorpusOptions { Path = folder });
        var old = engine.Load();

        // Many questions run against the snapshot they took while reloads happen in parallel.
        File.WriteAllText(Path.Combine(folder, "900_new.txt"), "Wheat exports\n\nKazakhstan shipped record wheat exports to the United States this autumn.\n");
        var answers = Enumerable.Range(0, 200).Select(i => Task.Run(() => Answerer.Ask(old, i % 2 == 0 ? "What did Blinken announce?" : "Tell me about wheat exports"))).ToList();
        var reloads = Enumerable.Range(0, 5).Select(_ => Task.Run(engine.TryReload)).ToList();
        await Task.WhenAll(reloads);
        var results = await Task.WhenAll(answers);

        Assert.All(reloads, r => Assert.True(r.Result));
        Assert.Equal(5, old.Articles.Count);
        Assert.Equal(6, engine.Current.Articles.Count);
        Assert.True(engine.Current.Version > old.Version);
        Assert.All(results.Where(a => a.Question.Contains("Blinken", StringComparison.Ordinal)), a => Assert.True(a.Answered));
        Assert.All(results.Where(a => a.Question.Contains("wheat", StringComparison.Ordinal)), a => Assert.DoesNotContain(a.Quotes, q => q.Source.Id == "900_new"));
        Assert.Contains(engine.Ask("Tell me about wheat exports").Quotes, q => q.Source.Id == "900_new");
    }

    [Fact]
    public void A_failed_reload_keeps_the_previous_snapshot()
    {
        var folder = TestCorpus.NewTempFolder();
        File.Copy(Path.Combine(TestCorpus.SeedsFolder, "001_43cb461444ca7a2a.txt"), Path.Combine(folder, "001.txt"));
        using var engine = new BriefingEngine(new CorpusOptions { Path = folder });
        var first = engine.Load();

        Directory.Delete(folder, recursive: true);

        Assert.False(engine.TryReload());
        Assert.Same(first, engine.Current);
        Assert.True(engine.Ask("What did Blinken announce?").Answered);
    }
}
