using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>The seeds plus articles about other country pairs and shares (the issue's own examples): figures of different
/// parties or kinds never share a group, and questions get the figures of their own parties and direction.</summary>
public sealed class OtherCountriesFigureTests
{
    // Six more short articles about other country pairs, flows and shares; the expected values below are read off these texts.
    private static readonly (string Name, string Text)[] OtherPairs =
    [
        ("y1.txt", "title: India and Japan\n\nTrade between India and Japan rose 12% to $22.8 billion in 2022, the Japanese embassy said.\n\nJapan invested $3.2 billion in India in 2022.\n"),
        ("y2.txt", "title: Brazil sells more to China\n\nBrazil's exports to China reached $89.7 billion in 2022, up 3.1% from 2021.\n\nChina accounted for 26.8% of Brazil's exports in 2022.\n"),
        ("y3.txt", "title: Germany and France\n\nGermany accounted for 17% of French imports in 2022.\n\nFrench exports to Germany amounted to 84 billion euros in 2022.\n"),
        ("y4.txt", "title: Vietnam and the US\n\nTrade between Vietnam and the United States reached $138 billion in 2022.\n\nVietnam's exports to the US grew 14% in 2022.\n"),
        ("y5.txt", "title: Aid to Kenya\n\nThe United Kingdom gave Kenya 110 million pounds in aid in 2022.\n\nKenya's economy grew 4.8% in 2022, the statistics office said.\n"),
        ("y6.txt", "title: Turkey and Russia\n\nTrade between Turkey and Russia reached $62 billion in 2022.\n\nRussia accounted for 16% of Turkey's imports in 2022.\n"),
    ];

    private static readonly Lazy<FigureSet> Set = new(() =>
    {
        var folder = TestCorpus.CopyOfSeeds();
        File.WriteAllText(Path.Combine(folder, "x1.txt"), "title: Kazakhstan and China\n\nTrade between Kazakhstan and China reached $31.5 billion in 2022.\n");
        File.WriteAllText(Path.Combine(folder, "x2.txt"), "title: Uzbekistan and the US\n\nTrade between Uzbekistan and the United States amounted to $1.2 billion in 2022.\n");
        File.WriteAllText(Path.Combine(folder, "x3.txt"), "title: Shares\n\nThe United States accounted for 2.5% of Kazakhstan's foreign trade in 2022.\n\n"
            + "Kazakhstan's economy grew 3.2% in 2023, the statistics office said.\n\nChina has invested $24 billion in Kazakhstan since 2005.\n");
        foreach (var (name, text) in OtherPairs)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

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

    [Theory]
    [InlineData("$22.8 billion", "trade", FigureKind.Level, "India + Japan")]
    [InlineData("12%", "trade", FigureKind.Change, "India + Japan")]
    [InlineData("$3.2 billion", "investment", FigureKind.Level, "Japan > India")]
    [InlineData("$89.7 billion", "exports", FigureKind.Level, "Brazil > China")]
    [InlineData("26.8%", "exports", FigureKind.Share, "Brazil > China")]
    [InlineData("17%", "imports", FigureKind.Share, "Germany > France")]
    [InlineData("84 billion euros", "exports", FigureKind.Level, "France > Germany")]
    [InlineData("$138 billion", "trade", FigureKind.Level, "United States + Vietnam")]
    [InlineData("14%", "exports", FigureKind.Change, "Vietnam > United States")]
    [InlineData("110 million pounds", "aid", FigureKind.Level, "United Kingdom > Kenya")]
    [InlineData("4.8%", "gdp", FigureKind.Change, "Kenya")]
    [InlineData("$62 billion", "trade", FigureKind.Level, "Russia + Turkey")]
    [InlineData("16%", "imports", FigureKind.Share, "Russia > Turkey")]
    public void Other_pairs_are_read_with_their_own_parties_and_kind(string text, string metric, FigureKind kind, string parties)
    {
        var f = Only(text);
        Assert.Equal(metric, f.Metric);
        Assert.Equal(kind, f.Kind);
        Assert.Equal(parties, f.Parties.ToString());
        Assert.Equal("2022", f.Period);
    }

    [Theory]
    [InlineData("How much was trade between India and Japan in 2022?", "$22.8 billion")]
    [InlineData("How much did Japan invest in India?", "$3.2 billion")]
    [InlineData("How much did Brazil export to China?", "$89.7 billion")]
    [InlineData("What share of French imports came from Germany?", "17%")]
    [InlineData("What share of Turkey's imports came from Russia?", "16%")]
    [InlineData("How much aid did the UK give Kenya?", "110 million pounds")]
    [InlineData("How much was trade between Turkey and Russia?", "$62 billion")]
    [InlineData("How much did Kenya's economy grow in 2022?", "4.8%")]
    public void Questions_about_other_countries_get_their_own_figures_first(string question, string first)
    {
        var figures = Set.Value.ForQuestion(question);
        Assert.NotEmpty(figures);
        Assert.Equal(first, figures[0].Text);
    }

    [Fact]
    public void A_flow_asked_the_other_way_round_gets_nothing()
    {
        Assert.Empty(Set.Value.ForQuestion("How much did India invest in Japan?"));
        Assert.Empty(Set.Value.ForQuestion("How much aid did Kenya give the UK?"));
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
