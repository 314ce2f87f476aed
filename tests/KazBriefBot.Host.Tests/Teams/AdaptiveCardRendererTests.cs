using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Adaptive Card rendering: escaping of corpus text, figure tables, and the 80 KB limit.</summary>
public sealed class AdaptiveCardRendererTests
{
    private static readonly SourceRef Source = new("001_abc", "Title *bold*", "Astana Times", null, new DateOnly(2023, 3, 1), "seeds/001_abc.txt", 0, 10);

    [Fact]
    public void Corpus_text_cannot_inject_mentions_templates_or_markdown()
    {
        const string evil = "<at>Everyone</at> **bold** [click](https://evil.example) {{DATE(2017-02-14T06:08:00Z, SHORT)}}";
        var quote = new Quote(evil, "<AT id=\"0\">Boss</AT>", 1, Source);
        var reply = new Reply([new AnswerBlock(new Answer("q", true, string.Empty, [quote], []))], []);

        var card = Card(reply);
        var runs = CardTexts.Runs(card).ToList();

        Assert.DoesNotContain(runs, r => r.Contains("<at", StringComparison.OrdinalIgnoreCase) || r.Contains("{{", StringComparison.Ordinal));
        // What the reader sees is unchanged apart from invisible zero-width spaces; TextRuns render no markdown.
        Assert.Contains(runs, r => r.Replace("\u200B", string.Empty, StringComparison.Ordinal) == "“" + evil + "”");
        Assert.DoesNotContain(card.ToJsonString(), "\"TextBlock\",\"text\":\"“", StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_text_is_plain_text_runs_without_backslash_escapes()
    {
        // Markdown escapes in a TextBlock show up literally on phones; TextRuns render no markdown, so nothing is escaped.
        var card = Card(new Reply([new TextBlock("**bold** _it_\n- item\n1. first\nplain words, 5.6%")], []));
        var json = card.ToJsonString();

        Assert.DoesNotContain("\\\\", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"TextBlock\"", json, StringComparison.Ordinal);
        Assert.Equal(["**bold** _it_", "- item", "1. first", "plain words, 5.6%"], CardTexts.Runs(card).ToList());
    }

    [Fact]
    public void Figures_render_as_a_1_5_table_with_conflicts_marked()
    {
        var figures = new List<Figure>
        {
            new("$4.5 billion", 4.5e9m, "USD", "trade turnover", "2022", "exact", null, "Trade reached $4.5 billion.", Source),
            new("$3.9 billion", 3.9e9m, "USD", "trade turnover", "2022", "about", null, "Trade was about $3.9 billion.", Source with { Id = "002_def" }),
            new("30%", 30m, "%", "growth", "2022", "exact", null, "Growth was 30%.", Source),
        };
        var report = new FigureReport("trade", figures, [new FigureGroup("trade turnover", "2022", GroupStatus.Conflict, [0, 1]), new FigureGroup("growth", "2022", GroupStatus.Single, [2])]);

        var card = Card(new Reply([new FiguresBlock(report)], []));

        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var table = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Table")!;
        var rows = table["rows"]!.AsArray();
        Assert.Equal(4, rows.Count);
        Assert.True(table["firstRowAsHeaders"]!.GetValue<bool>());
        Assert.Null(table["firstRowAsHeader"]);
        Assert.Equal("attention", rows[1]!["style"]!.GetValue<string>());
        Assert.Equal("attention", rows[2]!["style"]!.GetValue<string>());
        Assert.Null(rows[3]!["style"]);
        Assert.Contains("⚠ conflict", CardTexts.Of(rows[1]!), StringComparison.Ordinal);
        Assert.Contains("002_def", CardTexts.Of(rows[2]!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_renders_as_sections_with_sources_and_undated_articles_apart()
    {
        var first = new DigestItem("Blinken visits Astana", [new Highlight("Blinken announced support.", Source)], [], ["diplomacy"], Source);
        var undated = new DigestItem("An undated note", [new Highlight("Undated text <at>x</at>.", Source with { Id = "009_undated", Date = null })], [], [], Source with { Id = "009_undated", Date = null });
        var digest = new Digest(new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 1), [first], [new DigestTopic("diplomacy", [0])], [undated]);

        var card = Card(new Reply([new DigestBlock(digest)], []));
        var runs = CardTexts.Runs(card).ToList();

        Assert.Equal("Digest 2023-03-01", runs[0]);
        Assert.Contains("Topics: diplomacy", runs);
        var containers = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "Container").ToList();
        Assert.Equal(2, containers.Count);
        Assert.Contains("“Blinken announced support.”", CardTexts.Runs(containers[0]));
        Assert.Contains(CardTexts.Runs(containers[0]), r => r.StartsWith("— Astana Times · 2023-03-01", StringComparison.Ordinal));
        Assert.True(runs.IndexOf("Undated articles") < runs.IndexOf("An undated note"));
        Assert.Contains(CardTexts.Runs(containers[1]), r => r.Contains("date unknown", StringComparison.Ordinal));
        Assert.DoesNotContain(runs, r => r.Contains("<at>", StringComparison.Ordinal));
    }

    [Fact]
    public void Follow_ups_are_execute_buttons_with_a_submit_fallback()
    {
        var card = Card(new Reply([new TextBlock("hi")], [new FollowUpAction("More quotes", "ask more Blinken"), new FollowUpAction("Unsubscribe", "unsubscribe")]));

        var actions = card["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a =>
        {
            Assert.Equal("Action.Execute", a!["type"]!.GetValue<string>());
            Assert.Equal("Action.Submit", a["fallback"]!["type"]!.GetValue<string>());
        });
        Assert.Equal("unsubscribe", actions[1]!["data"]!["command"]!.GetValue<string>());
    }

    [Fact]
    public void A_long_reply_is_split_under_80_KB_of_utf16_with_more_buttons_and_nothing_lost()
    {
        var paragraphs = Enumerable.Range(0, 3000).Select(i => $"Paragraph {i}: Kazakhstan and the United States discussed trade, energy and «critical minerals» — ещё текст {i}.");
        var text = string.Join("\n\n", paragraphs);
        var article = new ArticleView(new ArticleSummary("big", "Big", "Outlet", null, null, "big.txt", 3000), text);
        var composer = Composer(out var time);

        var pages = new List<JsonObject> { composer.Compose(new Reply([new ArticleBlock(article)], []), "a:conv") };
        while (MoreKey(pages[^1]) is { } key)
        {
            pages.Add(composer.Continue(key, "a:conv")!);
            Assert.True(pages.Count < 100, "paging does not end");
        }

        Assert.True(pages.Count >= 5, $"expected several pages for {text.Length} characters, got {pages.Count}");
        foreach (var page in pages)
        {
            var activity = TeamsMessageComposer.Message(page, new OutgoingAccount("28:bot"), new OutgoingAccount("29:user"), new OutgoingConversation("a:conv"), "1");

            // Teams counts UTF-16: 2 bytes per code unit of the JSON text (the UTF-8 count would be ~half for ASCII).
            Assert.True(JsonSerializer.Serialize(activity, BotJson.Options).Length * 2 <= 80_000);
        }

        var shown = string.Concat(pages.SelectMany(p => CardTexts.Runs(p)).Where(r => !r.StartsWith("Showing part", StringComparison.Ordinal)).Skip(2));
        Assert.Equal(text, shown);

        // Unknown keys, other conversations and expired continuations give nothing.
        var first = MoreKey(pages[0])!;
        Assert.Null(composer.Continue("no-such-key", "a:conv"));
        Assert.Null(composer.Continue(first, "a:someone-else"));
        time.Advance(TeamsContinuationStore.Retention + TimeSpan.FromMinutes(1));
        Assert.Null(composer.Continue(first, "a:conv"));
    }

    [Fact]
    public void A_card_only_message_carries_a_summary_for_notifications()
    {
        var card = Card(new Reply([new TextBlock("No figures found about 'uranium'.")], []));
        var activity = TeamsMessageComposer.Message(card, null, null, new OutgoingConversation("a:conv"), null);
        Assert.Equal("No figures found about 'uranium'.", activity.Summary);

        Assert.StartsWith("KazBriefBot — I answer questions", TeamsMessageComposer.Summary(AdaptiveCardRenderer.WelcomeCard()), StringComparison.Ordinal);
        Assert.True(TeamsMessageComposer.Summary(Card(new Reply([new TextBlock(new string('x', 500))], []))).Length <= 150);
    }

    private static JsonObject Card(Reply reply) => Composer(out _).Compose(reply, "a:conv");

    private static TeamsMessageComposer Composer(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var database = new SqliteDatabase(Path.Combine(Paths.NewTempFolder(), "kazbrief.db"));
        return new TeamsMessageComposer(Options.Create(new TeamsOptions()), new TeamsContinuationStore(database, time));
    }

    private static string? MoreKey(JsonObject card) =>
        card["actions"]?.AsArray().Select(a => a!["data"]![AdaptiveCardRenderer.MoreKey]?.GetValue<string>()).FirstOrDefault(k => k is not null);
}
