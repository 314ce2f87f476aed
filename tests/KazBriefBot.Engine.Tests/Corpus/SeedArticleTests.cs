using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Corpus;

/// <summary>What each of the five shipped seeds really says about itself, and which of its lines are quotable.</summary>
public sealed class SeedArticleTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, Article>> Seeds = new(() =>
        new CorpusLoader(new CorpusOptions { Path = TestCorpus.SeedsFolder }).Load().Articles.ToDictionary(a => a.Id[..3]));

    public static TheoryData<string> SeedIds => new() { "000", "001", "002", "003", "004" };

    private static Article Seed(string prefix) => Seeds.Value[prefix];

    [Fact]
    public void Seed_000_date_prefix_outlet_from_correspondent_and_author()
    {
        var a = Seed("000");
        Assert.Equal(new ArticleMetadata(null, "Kazinform", "Rustem Kozhybayev", new DateOnly(2023, 9, 14)), a.Metadata);
        Assert.StartsWith("The agenda of the visit", a.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Equal(a.Text.IndexOf("The agenda", StringComparison.Ordinal), a.Sentences[0].Start);
        AssertNoSentenceContains(a, "Photo:", "personal archive", "Written by", "date 2023");
        Assert.Contains(a.Sentences, s => s.Text.StartsWith('«') && s.Text.EndsWith("CA,» said Sánchez.", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_001_breadcrumb_category_headline_and_source_line()
    {
        var a = Seed("001");
        Assert.Equal("US to strengthen strategic cooperation with Kazakhstan and Central Asia", a.Metadata.Title);
        Assert.Equal("bnn-news.com", a.Metadata.Publisher);
        Assert.Equal("bnn-news.com", a.Metadata.SourceLine);
        Assert.Equal("Reuters", a.Metadata.ReportedBy);
        Assert.Null(a.Metadata.Author);
        Assert.Null(a.Metadata.Date);
        Assert.Null(a.Metadata.Dateline);
        Assert.StartsWith("US Secretary of State Antony Blinken announced", a.Sentences[0].Text, StringComparison.Ordinal);
        AssertNoSentenceContains(a, "Home »", "Central Asia Kazakhstan News Politics US", "Source :");
        Assert.DoesNotContain(a.Sentences, s => s.Text == a.Metadata.Title);

        // The truncated paragraph without final punctuation is still a sentence, and it ends at the paragraph.
        Assert.Contains(a.Sentences, s => s.Text == "The US is one of the largest investors in Kazakhstan’s economy, and the total");
        Assert.Contains(a.Sentences, s => s.Text == "That is an increase of 37.2% compared to 2021.");
    }

    [Fact]
    public void Seed_002_site_name_headline_posted_on_by_and_outlet_line()
    {
        var a = Seed("002");
        Assert.Equal("Kazakhstan named important US partner", a.Metadata.Title);
        Assert.Equal("Vestnik Kavkaza", a.Metadata.Publisher);
        Assert.Equal("KazCham", a.Metadata.Author);
        Assert.Equal(new DateOnly(2015, 10, 21), a.Metadata.Date);
        Assert.Equal("Kazakhstan Chamber of Commerce in the USA", a.Metadata.SiteName);
        Assert.Null(a.Metadata.Dateline);
        Assert.StartsWith("President of Kazakhstan Nursultan Nazarbayev said", a.Sentences[0].Text, StringComparison.Ordinal);
        AssertNoSentenceContains(a, "Print Friendly", "Leave a Reply", "↑ Top", "Posted on", "Chamber of Commerce");
        Assert.Equal("According to the expert, “the West perceives Nazarbayev’s Kazakhstan as ‘an island of stability and predictability’ in Central Asia”.",
            a.Sentences[^1].Text);
    }

    [Fact]
    public void Seed_003_headline_dash_dateline_and_outlet_from_sign_up_line()
    {
        var a = Seed("003");
        Assert.Equal("Investments, Trans-Caspian Route: Experts Weigh In on President Tokayev’s US Visit", a.Metadata.Title);
        Assert.Equal("The Astana Times", a.Metadata.Publisher);
        Assert.Equal("ASTANA", a.Metadata.Dateline);
        Assert.Null(a.Metadata.Date); // "Sept. 17" has no year: never a publication date.
        Assert.Null(a.Metadata.Author);
        Assert.StartsWith("President of Kazakhstan, Kassym-Jomart Tokayev, has commenced", a.Sentences[0].Text, StringComparison.Ordinal);
        AssertNoSentenceContains(a, "ASTANA", "Sign up", "sent directly to you");
        Assert.Contains(a.Sentences, s => s.Text.Contains("starting on Sept. 17, aiming to bolster", StringComparison.Ordinal));
        Assert.Contains(a.Sentences, s => s.Text.EndsWith("alongside other Central Asian leaders and U.S. President Joe Biden.", StringComparison.Ordinal));
        Assert.Contains(a.Sentences, s => s.Text == "The C5+1 format, initiated in 2015, is a dialogue between the U.S. and Central Asian countries.");
        Assert.Contains(a.Sentences, s => s.Text.EndsWith("Accelerate SDG Progress.”", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_004_caps_dateline_names_the_agency_and_author()
    {
        var a = Seed("004");
        Assert.Null(a.Metadata.Title);
        Assert.Equal("Kazinform", a.Metadata.Publisher);
        Assert.Equal("WASHINGTON D.C. KAZINFORM", a.Metadata.Dateline);
        Assert.Equal("Rustem Kozhybayev", a.Metadata.Author);
        Assert.Null(a.Metadata.Date);
        Assert.Equal("Kazakh Ambassador to the U.S. Yerzhan Ashikbayev shared some details of the upcoming participation of a Kazakh delegation led by President Kassym-Jomart Tokayev in the UN General Assembly, Kazinform correspondent reports.",
            a.Sentences[0].Text);
        AssertNoSentenceContains(a, "WASHINGTON", "Written by");
        Assert.Contains(a.Sentences, s => s.Text == "In the first half of this year, bilateral trade between the countries rose 30% to reach $1.8 billion.");
    }

    [Theory]
    [MemberData(nameof(SeedIds))]
    public void Every_sentence_is_an_exact_trimmed_span_of_the_file_in_order(string prefix)
    {
        var a = Seed(prefix);
        var fileText = File.ReadAllText(a.Path);
        Assert.Equal(fileText, a.Text);
        Assert.NotEmpty(a.Sentences);
        var previousEnd = 0;
        for (var i = 0; i < a.Sentences.Count; i++)
        {
            var s = a.Sentences[i];
            Assert.Equal(i, s.Ordinal);
            Assert.Equal(s.Text, fileText[s.Start..s.End]);
            Assert.False(char.IsWhiteSpace(s.Text[0]), $"sentence {i} starts with whitespace");
            Assert.False(char.IsWhiteSpace(s.Text[^1]), $"sentence {i} ends with whitespace");
            Assert.DoesNotContain("\n\n", s.Text, StringComparison.Ordinal);
            Assert.True(s.Start >= previousEnd, $"sentence {i} overlaps the one before");
            previousEnd = s.End;
        }
    }

    [Theory]
    [MemberData(nameof(SeedIds))]
    public void Every_sentence_ends_with_punctuation_or_is_a_whole_paragraph(string prefix)
    {
        var a = Seed(prefix);
        foreach (var s in a.Sentences)
        {
            var endsWithPunctuation = s.Text.TrimEnd('”', '»', '"', '’', ')')[^1] is '.' or '!' or '?' or '…';
            var endsParagraph = s.End == a.Text.Length || a.Text.AsSpan(s.End).TrimStart(' ').StartsWith("\n");
            Assert.True(endsWithPunctuation || endsParagraph, $"'{s.Text}' was cut mid-paragraph");
        }
    }

    [Fact]
    public void Abbreviations_and_figures_never_end_a_sentence_in_the_seeds()
    {
        foreach (var a in Seeds.Value.Values)
        {
            foreach (var s in a.Sentences)
            {
                // No seed has a sentence that really ends with "U.S.", "Sept." or "D.C.".
                Assert.False(s.Text.EndsWith("U.S.", StringComparison.Ordinal), $"split after U.S. in {a.Id}: {s.Text}");
                Assert.False(s.Text.EndsWith("Sept.", StringComparison.Ordinal), $"split after Sept. in {a.Id}");
                Assert.False(s.Text.EndsWith("D.C.", StringComparison.Ordinal), $"split after D.C. in {a.Id}");
                Assert.False(char.IsDigit(s.Text[0]) && s.Start > 0 && a.Text[s.Start - 1] == '.', $"split inside a number in {a.Id}");
            }
        }
    }

    private static void AssertNoSentenceContains(Article article, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            Assert.DoesNotContain(article.Sentences, s => s.Text.Contains(fragment, StringComparison.Ordinal));
        }
    }
}
