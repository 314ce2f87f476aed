using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>The seeds plus articles about other country pairs and shares (the issue's own examples): figures of different
/// parties or kinds never share a group, and questions get the figures of their own parties and direction.</summary>
public sealed class OtherCountriesFigureTests
{
    private static readonly Lazy<FigureSet> Set = new(() =>
    {
        var folder = TestCorpus.CopyOfSeeds();
        File.WriteAllText(Path.Combine(folder, "x1.txt"), "title: Kazakhstan and China\n\nTrade between Kazakhstan and China reached $31.5 billion in 2022.\n");
        File.WriteAllText(Path.Combine(folder, "x2.txt"), "title: Uzbekistan and the US\n\nTrade between Uzbekistan and the United States amounted to $1.2 billion in 2022.\n");
        File.WriteAllText(Path.Combine(folder, "x3.txt"), "title: Shares\n\nThe United States accounted for 2.5% of Kazakhstan's foreign trade in 2022.\n\n"
            + "Kazakhstan's economy grew 3.2% in 2023, the statistics office said.\n\nChina has invested $24 billion in Kazakhstan since 2005.\n");
        return TestCorpus.Build(folder).Figures;
    });

    private static Figure Only(string text) => Assert.Single(Set.Value.All, f => f.Text == text);

    [Fact]
    public void Kazakhstan_US_trade_of_2022_stays_consistent_beside_China_and_Uzbekistan()
    {
        var set = Set.Value;
        var kzUs = Assert.Single(set.Groups, g => g.Metric == "trade" && g.Period == "2022" && g.Kind == FigureKind.Level && g.Parties.ToString() == "Kazakhstan + United States");
        Assert.Equal(GroupStatus.Consistent, kzUs.Status);
        Assert.Equal(3, kzUs.Figures.Count);
        Assert.Equal("China + Kazakhstan", Only("$31.5 billion").Parties.ToString());
        Assert.Equal("trade", Only("$1.2 billion").Metric);
        Assert.Equal("United States + Uzbekistan", Only("$1.2 billion").Parties.ToString());
    }

    [Fact]
    public void No_group_mixes_parties_kinds_or_units()
    {
        foreach (var g in Set.Value.Groups)
        {
            var members = g.Figures.Select(i => Set.Value.All[i]).ToList();
            Assert.Single(members.Select(f => f.Parties.ToString()).Distinct());
            Assert.Single(members.Select(f => f.Kind).Distinct());
            Assert.Single(members.Select(f => f.Unit).Distinct());
            Assert.Single(members.Select(f => f.Metric).Distinct());
        }
    }

    [Fact]
    public void Shares_growth_rates_and_levels_are_different_kinds()
    {
        Assert.Equal(FigureKind.Share, Only("2.5%").Kind);
        Assert.Equal(FigureKind.Change, Only("37.2%").Kind);
        Assert.Equal(FigureKind.Change, Only("80%").Kind);
        Assert.Equal(FigureKind.Level, Only("$1.2 billion").Kind);
        var growth = Only("3.2%");
        Assert.Equal("gdp", growth.Metric);
        Assert.Equal(FigureKind.Change, growth.Kind);
        Assert.Equal("Kazakhstan", growth.Parties.ToString());
    }

    [Fact]
    public void China_investment_question_gets_China_figures_only()
    {
        var figures = Set.Value.ForQuestion("How much has China invested in Kazakhstan?");
        var f = Assert.Single(figures);
        Assert.Equal("$24 billion", f.Text);
        Assert.Equal("China > Kazakhstan", f.Parties.ToString());
    }

    [Fact]
    public void The_direction_of_an_investment_counts()
    {
        Assert.Empty(Set.Value.ForQuestion("How much has Kazakhstan invested in the US?"));
        var us = Set.Value.ForQuestion("How much did the US invest in Kazakhstan?");
        Assert.NotEmpty(us);
        Assert.All(us, f => Assert.Equal("United States > Kazakhstan", f.Parties.ToString()));
    }

    [Fact]
    public void A_trade_summary_for_another_pair_leads_with_that_pair()
    {
        var report = Set.Value.Report("trade between Uzbekistan and the United States");
        var first = report.Summary[0];
        Assert.Equal("trade", first.Metric);
        Assert.Equal("United States + Uzbekistan", first.Parties.ToString());
        Assert.All(report.Figures, f => Assert.Contains("Uzbekistan", f.Parties.Names));
    }
}
