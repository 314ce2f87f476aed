using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests;

/// <summary>The host extracts the figures in the background once it serves: the result must be the whole extraction's.</summary>
public sealed class CorpusSnapshotFiguresTests
{
    [Fact]
    public async Task Background_extraction_gives_the_figures_of_every_article()
    {
        var snapshot = TestCorpus.Build(TestCorpus.SeedsFolder);
        Assert.False(snapshot.FiguresReady);
        snapshot.PrepareFiguresInBackground();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!snapshot.FiguresReady && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        Assert.True(snapshot.FiguresReady, "the background extraction did not finish within a minute");
        Assert.Equal(snapshot.Articles.Count, snapshot.FigureArticlesRead);
        var expected = FigureSet.Extract(snapshot.Articles);
        Assert.Equal(expected.All.Select(f => (f.Source.Id, f.Source.Start, f.Text, f.Metric)), snapshot.Figures.All.Select(f => (f.Source.Id, f.Source.Start, f.Text, f.Metric)));
        Assert.Equal(expected.Groups.Count, snapshot.Figures.Groups.Count);
    }
}
