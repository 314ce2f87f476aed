using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Corpus;

/// <summary>General metadata and furniture patterns on synthetic articles (not the seeds).</summary>
public sealed class ArticleParserTests
{
    private const string Body = "The ministry said exports grew by 12% in 2023. Officials expect more growth next year.";

    private static ParsedArticle Parse(string text, ArticleFormat format = ArticleFormat.PlainText)
    {
        var parsed = ArticleParser.Parse(text, format);
        foreach (var s in parsed.Sentences)
        {
            Assert.Equal(s.Text, text[s.Start..s.End]);
        }

        return parsed;
    }

    private static string[] Sentences(ParsedArticle parsed) => parsed.Sentences.Select(s => s.Text).ToArray();

    [Fact]
    public void Header_block_overrides_heuristics_and_is_never_a_sentence()
    {
        var text = "Title: Custom title\nDate: 2024-03-05\nPublisher: My Outlet\nAuthor: Jane Doe\nURL: https://example.com/a\n\n"
            + "Headline on the page\n\nPosted on October 21, 2015 by Someone Else\n\n" + Body + "\n\nSource : other.com\n";
        var parsed = Parse(text);
        Assert.Equal(new ArticleMetadata("Custom title", "My Outlet", "Jane Doe", new DateOnly(2024, 3, 5), null, "https://example.com/a", "other.com"), parsed.Metadata);
        Assert.Equal(["The ministry said exports grew by 12% in 2023.", "Officials expect more growth next year."], Sentences(parsed));
    }

    [Fact]
    public void Header_fields_it_does_not_give_are_still_read_from_the_text()
    {
        var parsed = Parse("title: Only a title\n---\nWritten by Ann Lee\n\n" + Body);
        Assert.Equal("Only a title", parsed.Metadata.Title);
        Assert.Equal("Ann Lee", parsed.Metadata.Author);
        Assert.Null(parsed.Metadata.Date);
        Assert.Null(parsed.Metadata.Publisher);
    }

    [Fact]
    public void Yaml_front_matter_is_a_header()
    {
        var text = "---\ntitle: \"Front: matter title\"\ndate: 2022-12-31\noutlet: 'Quoted Outlet'\ntags: [a, b]\n---\n\n" + Body;
        var parsed = Parse(text, ArticleFormat.Markdown);
        Assert.Equal("Front: matter title", parsed.Metadata.Title);
        Assert.Equal(new DateOnly(2022, 12, 31), parsed.Metadata.Date);
        Assert.Equal("Quoted Outlet", parsed.Metadata.Publisher);
        Assert.Equal(2, parsed.Sentences.Count);
        Assert.Equal(text.IndexOf("The ministry", StringComparison.Ordinal), parsed.Sentences[0].Start);
    }

    [Fact]
    public void An_unparseable_header_date_is_a_warning_and_stays_unknown()
    {
        var parsed = Parse("date: next Tuesday\ntitle: T\n\n" + Body);
        Assert.Null(parsed.Metadata.Date);
        Assert.Contains(parsed.Warnings, w => w.Contains("next Tuesday", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_that_only_looks_like_key_value_is_not_a_header()
    {
        var parsed = Parse("Update: the ministry said exports grew by 12% in 2023. Officials expect more growth.\n");
        Assert.Null(parsed.Metadata.Title);
        Assert.Equal("Update: the ministry said exports grew by 12% in 2023.", parsed.Sentences[0].Text);
    }

    [Fact]
    public void Markdown_heading_is_the_title_and_markers_are_not_part_of_sentences()
    {
        var text = "# The **Big** Story\n\nBy Ann Lee\n\n" + Body + "\n\n## A subheading\n\n- First point is here. Second point.\n> Quoted line stays exact.\n\n"
            + "![chart](img.png)\n\n```\ncode. Not text.\n```\n\n---\n\nFinal [linked](http://x) sentence.\n";
        var parsed = Parse(text, ArticleFormat.Markdown);
        Assert.Equal("The Big Story", parsed.Metadata.Title);
        Assert.Equal("Ann Lee", parsed.Metadata.Author);
        Assert.Equal(
            [
                "The ministry said exports grew by 12% in 2023.", "Officials expect more growth next year.", "First point is here.", "Second point.",
                "Quoted line stays exact.", "Final [linked](http://x) sentence.",
            ],
            Sentences(parsed));
    }

    [Fact]
    public void A_hash_line_in_plain_text_is_not_a_markdown_heading()
    {
        var parsed = Parse("#1 exporter of uranium, Kazakhstan shipped more this year than ever before in its history.\n");
        Assert.Single(parsed.Sentences);
    }

    [Theory]
    [InlineData("ASTANA — President Tokayev met investors today. They agreed.", "ASTANA", null)]
    [InlineData("ALMATY, Sept. 14 (Reuters) - President Tokayev met investors today. They agreed.", "ALMATY", "Reuters")]
    [InlineData("Astana, 14 September 2023 (AFP) – President Tokayev met investors today. They agreed.", "Astana", "AFP")]
    [InlineData("NEW YORK KAZINFORM President Tokayev met investors today. They agreed.", "NEW YORK KAZINFORM", "Kazinform")]
    [InlineData("ASTANA. KAZINFORM – President Tokayev met investors today. They agreed.", "ASTANA. KAZINFORM", "Kazinform")]
    public void Dateline_is_metadata_and_the_first_sentence_starts_after_it(string opening, string dateline, string? publisher)
    {
        var parsed = Parse(opening + "\n");
        Assert.Equal(dateline, parsed.Metadata.Dateline);
        Assert.Equal(publisher, parsed.Metadata.Publisher);
        Assert.Equal("President Tokayev met investors today.", parsed.Sentences[0].Text);
    }

    [Fact]
    public void Dateline_with_a_full_date_gives_the_date()
    {
        var parsed = Parse("LONDON, Sept. 14, 2023 (Reuters) - Oil rose today on supply worries. Traders were calm.\n");
        Assert.Equal(new DateOnly(2023, 9, 14), parsed.Metadata.Date);
        Assert.Equal("Reuters", parsed.Metadata.ReportedBy);
    }

    [Theory]
    [InlineData("US President Biden met Tokayev in New York. They agreed.")]
    [InlineData("NATO officials met in Brussels on Monday. They agreed.")]
    [InlineData("U.S. Secretary Blinken visited Astana today. He met officials.")]
    public void An_acronym_at_the_start_is_not_a_dateline(string opening)
    {
        var parsed = Parse(opening + "\n");
        Assert.Null(parsed.Metadata.Dateline);
        Assert.Equal(0, parsed.Sentences[0].Start);
    }

    [Theory]
    [InlineData("date 2023-09-14 The agenda is set for the coming week. More later.", 2023, 9, 14)]
    [InlineData("Published: 14.09.2023 The agenda is set for the coming week. More later.", 2023, 9, 14)]
    [InlineData("Posted on March 3, 2021 — The agenda is set for the coming week. More later.", 2021, 3, 3)]
    public void Date_prefix_on_the_first_line_is_metadata_not_sentence(string opening, int y, int m, int d)
    {
        var parsed = Parse(opening);
        Assert.Equal(new DateOnly(y, m, d), parsed.Metadata.Date);
        Assert.Equal("The agenda is set for the coming week.", parsed.Sentences[0].Text);
    }

    [Theory]
    [InlineData("Posted on October 21, 2015 by KazCham", 2015, 10, 21, "KazCham")]
    [InlineData("Published: 2023-09-14 10:30", 2023, 9, 14, null)]
    [InlineData("Posted by Jane Roe on 21 October 2015", 2015, 10, 21, "Jane Roe")]
    [InlineData("Thursday, 14 September 2023", 2023, 9, 14, null)]
    [InlineData("Updated Sept. 14, 2023 | by Ann Lee", 2023, 9, 14, "Ann Lee")]
    public void Byline_and_date_lines_are_metadata(string line, int y, int m, int d, string? author)
    {
        var parsed = Parse("Some headline here\n\n" + line + "\n\n" + Body);
        Assert.Equal(new DateOnly(y, m, d), parsed.Metadata.Date);
        Assert.Equal(author, parsed.Metadata.Author);
        Assert.Equal("Some headline here", parsed.Metadata.Title);
        Assert.Equal(2, parsed.Sentences.Count);
    }

    [Fact]
    public void Dates_inside_the_text_are_never_taken_for_the_publication_date()
    {
        var parsed = Parse("Headline\n\nOn October 21, 2015 the leaders met in New York. Since December 1991 ties have grown.\n");
        Assert.Null(parsed.Metadata.Date);
        Assert.Null(parsed.Metadata.Publisher);
        Assert.Null(parsed.Metadata.Author);
    }

    [Theory]
    [InlineData("Photo: Akorda press service")]
    [InlineData("(Photo: Reuters)")]
    [InlineData("Photo credit: Jane Roe")]
    [InlineData("Print Friendly")]
    [InlineData("Leave a Reply")]
    [InlineData("↑ Top")]
    [InlineData("Back to top")]
    [InlineData("Share this:")]
    [InlineData("Tags: Kazakhstan, USA")]
    [InlineData("Read more:")]
    [InlineData("Subscribe to our Telegram channel for daily news!")]
    [InlineData("Follow us on Twitter and Facebook.")]
    [InlineData("© 2024 Some Media. All rights reserved.")]
    [InlineData("Written by Rustem Kozhybayev")]
    [InlineData("Source : bnn-news.com")]
    [InlineData("Home » World » Talks resume")]
    [InlineData("Follow Kazinform on Telegram")]
    [InlineData("Reporting by Olzhas Auyezov; Editing by Alex Richardson")]
    [InlineData("Our Standards: The Thomson Reuters Trust Principles.")]
    [InlineData("Associated Press writer Jane Roe contributed.")]
    [InlineData("3 minute read")]
    public void Furniture_lines_are_never_sentences(string furniture)
    {
        var parsed = Parse("A headline\n\n" + Body + "\n\n" + furniture + "\n\nMore text follows the furniture line here.\n");
        Assert.Equal(
            ["The ministry said exports grew by 12% in 2023.", "Officials expect more growth next year.", "More text follows the furniture line here."],
            Sentences(parsed));
    }

    [Theory]
    [InlineData("Get The Steppe Herald stories sent directly to you! Sign up now.", "The Steppe Herald")]
    [InlineData("Source: Daily Example", "Daily Example")]
    [InlineData("© 2024 Some Media. All rights reserved.", "Some Media")]
    public void Outlet_is_read_from_footer_lines(string footer, string outlet)
    {
        var parsed = Parse("A headline\n\n" + Body + "\n\n" + footer + "\n");
        Assert.Equal(outlet, parsed.Metadata.Publisher);
    }

    [Fact]
    public void Site_name_headline_byline_and_outlet_line_in_the_top_block()
    {
        var parsed = Parse("Example Business Council\n\nTrade talks resume in Astana\n\nPosted on 2020-02-03 by Editor\n\nSteppe Daily\n\n" + Body);
        Assert.Equal("Trade talks resume in Astana", parsed.Metadata.Title);
        Assert.Equal("Example Business Council", parsed.Metadata.SiteName);
        Assert.Equal("Steppe Daily", parsed.Metadata.Publisher);
        Assert.Equal("Editor", parsed.Metadata.Author);
        Assert.Equal(new DateOnly(2020, 2, 3), parsed.Metadata.Date);
    }

    [Fact]
    public void Breadcrumb_gives_the_headline_and_the_category_line_is_dropped()
    {
        var parsed = Parse("Home › Economy › Exports hit record\nEconomy Business News\n\nExports hit record\n\n" + Body);
        Assert.Equal("Exports hit record", parsed.Metadata.Title);
        Assert.Equal(2, parsed.Sentences.Count);
    }

    [Fact]
    public void Headline_with_site_suffix_is_split()
    {
        var parsed = Parse("Exports hit a record high | Steppe Daily\n\n" + Body);
        Assert.Equal("Exports hit a record high", parsed.Metadata.Title);
        Assert.Equal("Steppe Daily", parsed.Metadata.SiteName);
    }

    [Fact]
    public void Correspondent_names_the_outlet_when_nothing_better_does()
    {
        var parsed = Parse("The minister spoke to a Trend correspondent about exports. He was upbeat.\n");
        Assert.Equal("Trend", parsed.Metadata.Publisher);
        var our = Parse("The minister spoke to our correspondent about exports. He was upbeat.\n");
        Assert.Null(our.Metadata.Publisher);
    }

    [Fact]
    public void Crlf_line_endings_keep_offsets_exact()
    {
        var text = "Headline here\r\n\r\nWritten by Ann Lee\r\n\r\nFirst sentence here. Second one\r\ncontinues here.\r\n\r\nPhoto: someone\r\n";
        var parsed = Parse(text);
        Assert.Equal("Ann Lee", parsed.Metadata.Author);
        Assert.Equal(["First sentence here.", "Second one\r\ncontinues here."], Sentences(parsed));
    }

    [Fact]
    public void Subheadings_between_paragraphs_are_not_sentences()
    {
        var parsed = Parse("Headline\n\n" + Body + "\n\nTrade figures\n\nExports rose sharply this year. Imports fell.\n");
        Assert.DoesNotContain("Trade figures", Sentences(parsed));
        Assert.Equal(4, parsed.Sentences.Count);
    }

    [Fact]
    public void A_file_of_only_furniture_has_no_sentences()
    {
        Assert.Empty(Parse("Home » News\n\nPrint Friendly\n\nLeave a Reply\n").Sentences);
    }

    [Fact]
    public void Any_cut_of_any_seed_parses_with_exact_trimmed_sentences()
    {
        // Truncated and odd files must never throw or produce a sentence that is not an exact, trimmed span.
        foreach (var file in Directory.EnumerateFiles(TestCorpus.SeedsFolder))
        {
            var whole = File.ReadAllText(file);
            for (var cut = 1; cut <= whole.Length; cut += 47)
            {
                var text = whole[..cut];
                foreach (var format in new[] { ArticleFormat.PlainText, ArticleFormat.Markdown })
                {
                    foreach (var s in ArticleParser.Parse(text, format).Sentences)
                    {
                        Assert.Equal(s.Text, text[s.Start..s.End]);
                        Assert.False(char.IsWhiteSpace(s.Text[0]) || char.IsWhiteSpace(s.Text[^1]), $"untrimmed sentence at cut {cut} of {file}");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_headline_directly_above_the_text_is_still_the_headline()
    {
        var parsed = Parse("Exports Hit a Record High\nThe ministry said exports grew by 12% in 2023. Officials expect more growth next year.\n");
        Assert.Equal("Exports Hit a Record High", parsed.Metadata.Title);
        Assert.Equal(["The ministry said exports grew by 12% in 2023.", "Officials expect more growth next year."], Sentences(parsed));
    }

    [Fact]
    public void A_hard_wrapped_first_paragraph_is_not_split_into_a_headline()
    {
        var text = "The ministry of trade and integration said on Monday that\nexports grew by 12% in 2023, the fastest pace in a decade.\n";
        var parsed = Parse(text);
        Assert.Null(parsed.Metadata.Title);
        Assert.Equal([text.TrimEnd()], Sentences(parsed));
    }

    [Fact]
    public void Source_and_date_lines_between_paragraphs_say_nothing_about_the_article()
    {
        var parsed = Parse("Headline\n\n" + Body + "\n\nSource: World Bank\n\n12.05.2021\n\nExports rose sharply this year. Imports fell.\n");
        Assert.Null(parsed.Metadata.Publisher);
        Assert.Null(parsed.Metadata.Date);
        Assert.Equal(4, parsed.Sentences.Count);
    }

    [Theory]
    [InlineData("Several factors contributed.")]
    [InlineData("Reporting on the war has been hard.")]
    [InlineData("Customers who sign up to broadband in December get free calls.")]
    [InlineData("By contrast, imports fell.")]
    public void Short_sentences_that_resemble_furniture_stay_quotable(string sentence)
    {
        var parsed = Parse("A headline\n\n" + Body + "\n\n" + sentence + "\n");
        Assert.Equal(sentence, parsed.Sentences[^1].Text);
    }

    [Fact]
    public void Wire_story_credits_are_metadata()
    {
        var parsed = Parse("Kazakhstan, U.S. sign minerals deal\n\nBy Olzhas Auyezov\n\nALMATY, Nov 6 (Reuters) - Kazakhstan and the United States signed a memorandum on Wednesday. The deal covers tungsten.\n\n"
            + "Reporting by Olzhas Auyezov; Editing by Alex Richardson\n");
        Assert.Equal(new ArticleMetadata("Kazakhstan, U.S. sign minerals deal", "Reuters", "Olzhas Auyezov", null, "ALMATY", ReportedBy: "Reuters"), parsed.Metadata);
        Assert.Equal(["Kazakhstan and the United States signed a memorandum on Wednesday.", "The deal covers tungsten."], Sentences(parsed));
    }
}
