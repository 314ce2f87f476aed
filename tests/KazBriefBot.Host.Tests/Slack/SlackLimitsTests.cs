using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Host.Slack;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>Slack's real message limits, held by the renderer and enforced by the fake (so that either failing shows).</summary>
public sealed class SlackLimitsTests
{
    private static readonly SourceRef Source = new("007_test", "Talks", "Kazinform", null, new DateOnly(2024, 3, 1), "seeds/007_test.txt", 0, 10);

    [Fact]
    public void The_fake_refuses_what_slack_refuses()
    {
        // Guards the guard: without these refusals a renderer regression would pass.
        static JsonObject Section(int length) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('a', length) } };
        static JsonObject Message(params JsonObject[] blocks) => new() { ["text"] = "t", ["blocks"] = new JsonArray([.. blocks]) };

        Assert.Null(FakeSlackApi.Refusal(Message([.. Enumerable.Range(0, 4).Select(_ => Section(3000))])));          // 12,000: taken
        Assert.Equal("msg_blocks_too_long", FakeSlackApi.Refusal(Message([.. Enumerable.Range(0, 5).Select(_ => Section(2601))])));
        Assert.Equal("invalid_blocks", FakeSlackApi.Refusal(Message([.. Enumerable.Range(0, 51).Select(_ => Section(10))])));
        Assert.Equal("invalid_blocks", FakeSlackApi.Refusal(Message(Section(3001))));
        Assert.Equal("invalid_blocks", FakeSlackApi.Refusal(Message(new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('h', 151) } })));
    }

    [Fact]
    public void A_long_article_goes_out_in_messages_slack_accepts_and_loses_nothing()
    {
        // About the 25,544 characters of the article that Slack refused in one message, with entities and emoji at every turn.
        var paragraph = string.Concat(Enumerable.Repeat("Astana & Washington <agreed> on minerals 🇰🇿👩‍👩‍👧 é. ", 20));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 25));
        Assert.InRange(text.Length, 25_000, 40_000);
        var reply = new Reply([new ArticleBlock(new ArticleView(new ArticleSummary("long", "Long & winding", "Outlet", null, null, "long.txt", 1), text))], [new FollowUpAction("Sources", "sources")]);

        var messages = SlackBlockRenderer.Render(reply);

        Assert.True(messages.Count >= 3, $"{messages.Count} messages");
        foreach (var message in messages)
        {
            var payload = SlackApiClient.MessagePayload(message);
            Assert.Null(FakeSlackApi.Refusal(payload));
            Assert.InRange(SlackBlockRenderer.BlockTextLength(message.Blocks), 1, SlackBlockRenderer.MaxBlockTextPerMessage);
        }

        var sections = messages.SelectMany(m => m.Blocks.OfType<JsonObject>()).Where(b => (string?)b["type"] == "section").Skip(1)
            .Select(b => Unescape((string)b["text"]!["text"]!));
        Assert.Equal(Squash(text), Squash(string.Concat(sections)));
    }

    [Fact]
    public void Pieces_never_cut_an_entity_or_a_grapheme_and_quote_prefixes_count()
    {
        var graphemes = new[] { "👩‍👩‍👧", "🇰🇿", "e\u0301", "&", "<", "a", "\n" };
        var random = new Random(16);
        var sb = new StringBuilder();
        while (sb.Length < 20_000)
        {
            sb.Append(graphemes[random.Next(graphemes.Length)]);
        }

        var text = sb.ToString();
        foreach (var prefix in new[] { string.Empty, "> " })
        {
            var pieces = SlackMrkdwn.SplitEscaped(text, 3000, prefix);
            Assert.All(pieces, piece =>
            {
                Assert.InRange(piece.Length, 1, 3000);
                Assert.False(char.IsHighSurrogate(piece[^1]), "a piece ends inside a surrogate pair");
                Assert.NotEqual(UnicodeCategory.NonSpacingMark, CharUnicodeInfo.GetUnicodeCategory(piece, 0));
                Assert.False(piece.StartsWith('\u200D'), "a piece starts with a zero-width joiner");
                Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", piece);
                if (prefix.Length > 0)
                {
                    Assert.All(piece.Split('\n'), line => Assert.StartsWith(prefix, line, StringComparison.Ordinal));
                }
            });
            var joined = string.Concat(pieces.Select(p => prefix.Length == 0 ? p : p.Replace("\n" + prefix, "\n", StringComparison.Ordinal)[prefix.Length..]));
            Assert.Equal(Squash(text), Squash(Unescape(joined)));
        }
    }

    [Fact]
    public void Truncating_escaped_text_never_leaves_half_an_entity()
    {
        Assert.Equal("ab…", SlackMrkdwn.TruncateEscaped("ab&amp;cd", 5));
        Assert.Equal("ab&amp;…", SlackMrkdwn.TruncateEscaped("ab&amp;cd", 8));
        Assert.Equal("🇰🇿…", SlackMrkdwn.TruncateEscaped("🇰🇿🇺🇸", 6));
    }

    [Fact]
    public void A_quote_of_many_short_lines_stays_within_a_section_with_its_prefixes()
    {
        var lines = string.Join("\n", Enumerable.Repeat("a & b", 1200));
        var answer = new Answer("q", true, string.Empty, [new Quote(lines, "Speaker", 1, Source)], []);

        var messages = SlackBlockRenderer.Render(new Reply([new AnswerBlock(answer)], []));

        Assert.All(messages, m => Assert.Null(FakeSlackApi.Refusal(SlackApiClient.MessagePayload(m))));
    }

    private static string Unescape(string s) =>
        s.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
