using System.Text.Json.Nodes;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Host.Slack;

namespace KazBriefBot.Host.Tests.Slack;

public sealed class SlackBlockRendererTests
{
    private static readonly SourceRef Source = new("007_test", "Talks <b>& more</b>", "Kazinform", null, new DateOnly(2024, 3, 1), "seeds/007_test.txt", 0, 10);

    [Theory]
    [InlineData("<!channel> please read", "&lt;!channel&gt; please read")]
    [InlineData("hi <@U123ABC> & <#C1|general>", "hi &lt;@U123ABC&gt; &amp; &lt;#C1|general&gt;")]
    [InlineData("plain text", "plain text")]
    [InlineData("&amp; stays visible", "&amp;amp; stays visible")]
    public void Mrkdwn_escaping_replaces_the_three_control_characters(string raw, string escaped) =>
        Assert.Equal(escaped, SlackMrkdwn.Escape(raw));

    [Fact]
    public void Corpus_text_with_mentions_is_escaped_in_every_block_and_the_fallback()
    {
        var quote = new Quote("Blinken said <!channel> and <@U123> must read <https://evil.example|this>.", "Antony <!here> Blinken", 1, Source);
        var answer = new Answer("q", true, string.Empty, [quote], []);
        var messages = SlackBlockRenderer.Render(new Reply([new AnswerBlock(answer)], [new FollowUpAction("Show article 007_test", "article 007_test")]));

        var json = string.Join("\n", messages.Select(m => m.Text + m.Blocks.ToJsonString()));
        var texts = string.Join("\n", messages.Select(m => m.Text + "\n" + SlackTestClient.AllText(m.Blocks)));
        Assert.DoesNotContain("<!channel>", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U123>", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://", texts, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", texts, StringComparison.Ordinal);
        Assert.Contains("Kazinform · 2024-03-01", texts, StringComparison.Ordinal);
        Assert.Contains("007_test", texts, StringComparison.Ordinal);
        Assert.Contains("\"action_id\":\"kazbrief_followup_0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"article 007_test\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_article_is_split_into_sections_and_messages_within_slacks_limits()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Kazakhstan & the US <signed> an agreement on critical minerals.", 40));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 60));
        var article = new ArticleView(new ArticleSummary("long", "Long", "Outlet", null, null, "long.txt", 1), text);
        var reply = new Reply([new ArticleBlock(article)], [new FollowUpAction("Sources", "sources")]);

        var messages = SlackBlockRenderer.Render(reply);

        Assert.True(messages.Count > 1);
        foreach (var message in messages)
        {
            Assert.InRange(message.Blocks.Count, 1, SlackBlockRenderer.MaxBlocksPerMessage);
            foreach (var block in message.Blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "section"))
            {
                Assert.InRange(((string)block["text"]!["text"]!).Length, 1, SlackBlockRenderer.MaxSectionText);
            }
        }

        // Nothing is lost: the unescaped sections give back the article text (modulo the whitespace at the cuts).
        var sections = messages.SelectMany(m => m.Blocks.OfType<JsonObject>())
            .Where(b => (string?)b["type"] == "section").Skip(1)
            .Select(b => ((string)b["text"]!["text"]!).Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Equal(Squash(text), Squash(string.Concat(sections)));
        Assert.Equal("actions", (string?)messages[^1].Blocks[^1]!["type"]);
    }

    [Fact]
    public void Figures_render_as_a_monospace_table_with_conflicts_marked()
    {
        var a = new Figure("$1.2 billion", 1.2e9m, "USD", "trade turnover", "2023", "exact", null, "Trade reached $1.2 billion.", Source);
        var b = new Figure("$3 billion", 3e9m, "USD", "trade turnover", "2023", "exact", null, "Trade reached $3 billion.", Source with { Id = "008_other" });
        var report = new FigureReport("trade", [a, b], [new FigureGroup("trade turnover", "2023", GroupStatus.Conflict, [0, 1])]);

        var messages = SlackBlockRenderer.Render(new Reply([new FiguresBlock(report)], []));
        var text = SlackTestClient.AllText(messages[0].Blocks);

        Assert.Contains("```", text, StringComparison.Ordinal);
        Assert.Contains("conflict", text, StringComparison.Ordinal);
        Assert.Contains("! $1.2 billion", text, StringComparison.Ordinal);
        Assert.Contains("! $3 billion", text, StringComparison.Ordinal);
        Assert.Contains("008_other", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_has_a_header_and_a_section_per_item()
    {
        var item = new DigestItem("Blinken visits <!everyone> Astana", [new Highlight("He met the president.", Source)], [], ["diplomacy"], Source);
        var digest = new Digest(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 7), [item, item with { Headline = "Second" }], [new DigestTopic("diplomacy", [0, 1])], []);

        var blocks = SlackBlockRenderer.Render(new Reply([new DigestBlock(digest)], []))[0].Blocks.OfType<JsonObject>().ToList();

        Assert.Equal("header", (string?)blocks[0]["type"]);
        Assert.Equal("Digest 2024-03-01 – 2024-03-07", (string?)blocks[0]["text"]!["text"]);
        var text = SlackTestClient.AllText(new JsonArray(blocks.Select(b => (JsonNode)b.DeepClone()).ToArray()));
        Assert.Contains("*Blinken visits &lt;!everyone&gt; Astana*", text, StringComparison.Ordinal);
        Assert.Contains("*Second*", text, StringComparison.Ordinal);
        Assert.Contains("> “He met the president.”", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_longer_than_five_response_url_posts_ends_with_a_pointer_to_the_rest()
    {
        var text = string.Join("\n\n", Enumerable.Repeat(new string('x', 2900), 400));
        var messages = SlackBlockRenderer.Render(new Reply([new ArticleBlock(new ArticleView(new ArticleSummary("huge", null, null, null, null, "huge.txt", 1), text))], []));
        Assert.True(messages.Count > SlackEndpoints.MaxResponseUrlPosts);

        var capped = SlackEndpoints.CapForResponseUrl(messages, SlackEndpoints.MaxResponseUrlPosts);

        Assert.Equal(SlackEndpoints.MaxResponseUrlPosts, capped.Count);
        Assert.Equal(messages[3], capped[3]);
        Assert.Contains("direct message", capped[^1].Text, StringComparison.Ordinal);
        Assert.Same(messages, SlackEndpoints.CapForResponseUrl(messages, messages.Count));
    }

    [Theory]
    [InlineData("<@U0BOT> what did Blinken announce?", "U0BOT", "what did Blinken announce?")]
    [InlineData("<@U0BOT|kazbrief> digest", "U0BOT", "digest")]
    [InlineData("ask <@U0BOT> about <@U0OTHER>", "U0BOT", "ask  about @U0OTHER")]
    [InlineData("<@U0SOMEONE> hello", null, "hello")]
    [InlineData("trade &amp; investment &lt;2023&gt; <#C123|general> <https://example.com|the site>", "U0BOT", "trade & investment <2023> #general the site")]
    public void Slack_markup_in_user_text_becomes_what_the_user_typed(string text, string? botUserId, string expected) =>
        Assert.Equal(expected, SlackRequestReader.ToPlainText(SlackRequestReader.StripBotMention(text, botUserId)));

    [Fact]
    public void Truncation_never_splits_an_emoji()
    {
        var truncated = SlackMrkdwn.Truncate("abc😀def", 5);

        Assert.Equal("abc…", truncated);
        Assert.Equal(5, SlackMrkdwn.Truncate("abcdefgh", 5).Length);
    }

    private static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
