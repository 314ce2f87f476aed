using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>Grouping and reconciliation on articles built with known dates.</summary>
public sealed class ReconciliationTests
{
    [Fact]
    public void First_half_of_2023_conflict_is_shown_with_both_values_and_sources()
    {
        var kazinform = FigureArticles.Make("a", new DateOnly(2023, 9, 14), "Kazinform",
            "According to the US data, the bilateral trade turnover hit around $3.7bn in 2022, and $1.9bn in January-June of 2023, meaning Kazakhstan is the main trade partner of the US in Central Asia.");
        var other = FigureArticles.Make("b", new DateOnly(2023, 9, 19), "Other outlet",
            "According to the statistics, in 2022, Kazakhstan and the U.S. traded goods worth over $3 billion. In the first half of this year, bilateral trade between the countries rose 30% to reach $1.8 billion.");
        var set = FigureSet.Extract([kazinform, other]);

        var group = Assert.Single(set.Groups, g => g.Period == "first half of 2023" && g.Figures.All(i => set.All[i].Unit == "USD"));
        Assert.Equal(GroupStatus.Conflict, group.Status);
        var values = group.Figures.Select(i => set.All[i]).OrderBy(f => f.Value).ToList();
        Assert.Equal([1_800_000_000m, 1_900_000_000m], values.Select(f => f.Value));
        Assert.Equal(["b", "a"], values.Select(f => f.Source.Id));

        var consistent = Assert.Single(set.Groups, g => g.Period == "2022");
        Assert.Equal(GroupStatus.Consistent, consistent.Status);

        var table = FigureTable.Render(set.Report("trade"));
        Assert.Contains("CONFLICT", table, StringComparison.Ordinal);
        Assert.Contains("$1.9bn (Kazinform) vs $1.8 billion (Other outlet)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_004_with_a_dated_header_block_conflicts_with_000_on_the_first_half_of_2023()
    {
        var folder = TestCorpus.NewTempFolder();
        var seed000 = Directory.GetFiles(TestCorpus.SeedsFolder, "000_*")[0];
        var seed004 = Directory.GetFiles(TestCorpus.SeedsFolder, "004_*")[0];
        File.Copy(seed000, Path.Combine(folder, Path.GetFileName(seed000)));
        File.WriteAllText(Path.Combine(folder, "004_dated.txt"), "title: Kazakh delegation to UN GA\ndate: 2023-09-19\npublisher: Kazinform\n\n" + File.ReadAllText(seed004));
        var loaded = new CorpusLoader(new CorpusOptions { Path = folder }).Load();
        var set = CorpusSnapshot.Build(folder, loaded, DateTimeOffset.UnixEpoch).Figures;

        var group = Assert.Single(set.Groups, g => g.Period == "first half of 2023" && g.Metric == "trade" && g.Figures.All(i => set.All[i].Unit == "USD"));
        Assert.Equal(GroupStatus.Conflict, group.Status);
        Assert.Equal(["$1.8 billion", "$1.9bn"], group.Figures.Select(i => set.All[i].Text).Order(StringComparer.Ordinal));
        Assert.Contains(set.All, f => f.Source.Id == "004_dated" && f.Text == "$6 billion" && f.Period == "2022");
    }

    [Theory]
    [InlineData("around $3.7bn", "exceeded 3 billion US dollars", GroupStatus.Consistent)]
    [InlineData("$1.9bn", "$1.8 billion", GroupStatus.Conflict)]
    [InlineData("around $3.7bn", "$3.5 billion", GroupStatus.Consistent)]
    [InlineData("nearly $4 billion", "over $4.2 billion", GroupStatus.Conflict)]
    [InlineData("$3.7bn", "$3.72 billion", GroupStatus.Consistent)]
    public void Values_agree_within_their_qualifiers(string first, string second, GroupStatus status)
    {
        var a = FigureArticles.Make("a", new DateOnly(2023, 9, 1), "A", $"The bilateral trade turnover between Kazakhstan and the US reached {first} in 2022.");
        var b = FigureArticles.Make("b", new DateOnly(2023, 9, 2), "B", $"The bilateral trade turnover between Kazakhstan and the US reached {second} in 2022.");
        var set = FigureSet.Extract([a, b]);
        var group = Assert.Single(set.Groups);
        Assert.Equal(2, group.Figures.Count);
        Assert.Equal(status, group.Status);
    }

    [Fact]
    public void Relative_periods_resolve_against_the_article_date_and_stay_relative_without_one()
    {
        const string Text = "Last year, the U.S. invested $6 billion in the Kazakh economy, a whopping 80% rise.";
        var dated = FigureSet.Extract([FigureArticles.Make("d", new DateOnly(2023, 9, 19), "X", Text)]);
        var undated = FigureSet.Extract([FigureArticles.Make("u", null, "X", Text)]);
        Assert.Equal("2022", dated.All[0].Period);
        Assert.False(dated.All[0].PeriodUnresolved);
        Assert.Equal("last year (article undated)", undated.All[0].Period);
        Assert.True(undated.All[0].PeriodUnresolved);
    }

    [Fact]
    public void Undated_relative_periods_of_different_articles_are_not_grouped()
    {
        const string Text = "In the first half of this year, bilateral trade between the countries reached $1.8 billion.";
        var set = FigureSet.Extract([FigureArticles.Make("u1", null, "X", Text), FigureArticles.Make("u2", null, "Y", Text.Replace("1.8", "1.2", StringComparison.Ordinal))]);
        Assert.Equal(2, set.Groups.Count);
        Assert.All(set.Groups, g => Assert.Equal(GroupStatus.Single, g.Status));
    }
}

/// <summary>Builds articles directly, one sentence per ". " boundary, for tests that need fixed dates.</summary>
internal static class FigureArticles
{
    public static Article Make(string id, DateOnly? date, string publisher, string text)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = i == text.Length - 1 || (text[i] == '.' && i + 1 < text.Length && text[i + 1] == ' ' && !char.IsUpper(text[i - 1])) ? i + 1 : -1;
            if (end > 0)
            {
                sentences.Add(new Sentence(sentences.Count, start, end, text[start..end]));
                start = end + 1;
            }
        }

        return new Article(id, id + ".txt", text, new ArticleMetadata(null, publisher, null, date), sentences, DateTimeOffset.UnixEpoch);
    }
}
