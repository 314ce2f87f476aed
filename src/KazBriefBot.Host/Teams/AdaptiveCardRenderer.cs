using System.Globalization;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Host.Teams;

/// <summary>Renders a channel-neutral reply as Adaptive Card 1.5 body elements; corpus text goes into TextRuns (no markdown) after escaping.</summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    /// <summary>The verb of Action.Execute buttons that run a command.</summary>
    public const string CommandVerb = "kb.command";

    /// <summary>The data key that carries the command text of a button.</summary>
    public const string CommandKey = "command";

    /// <summary>The data key that carries the continuation of a trimmed reply.</summary>
    public const string MoreKey = "kb.more";

    // Long texts are cut into runs of about this many characters so that any one element fits even the smallest
    // message budget (2 KB of UTF-16 against the 8 KB floor the 413 fallback shrinks to).
    private const int ChunkChars = 1_000;
    private const int TableRowsPerUnit = 25;
    private const int ListItemsPerUnit = 20;

    /// <summary>The body elements of a reply, as units that may be split across messages (each unit is a list of elements kept together).</summary>
    public static IReadOnlyList<JsonArray> RenderUnits(Reply reply)
    {
        var units = new List<JsonArray>();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    units.Add([.. BotText(t.Text)]);
                    break;
                case AnswerBlock a:
                    RenderAnswer(a.Answer, units);
                    break;
                case FiguresBlock f:
                    RenderFigures(f.Report, units);
                    break;
                case DigestBlock d:
                    RenderDigest(d.Digest, units);
                    break;
                case ArticleBlock art:
                    RenderArticle(art.Article, units);
                    break;
                case SourcesBlock s:
                    RenderSources(s.Articles, units);
                    break;
            }
        }

        return units;
    }

    /// <summary>A complete card from body elements and follow-up buttons.</summary>
    public static JsonObject Card(IEnumerable<JsonNode> body, IEnumerable<JsonObject> actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = new JsonArray([.. body.Select(n => n.DeepClone())]),
        };
        var actionArray = new JsonArray([.. actions.Select(a => a.DeepClone())]);
        if (actionArray.Count > 0)
        {
            card["actions"] = actionArray;
        }

        // Teams: let tables and long text use the full message width.
        card["msteams"] = new JsonObject { ["width"] = "Full" };
        return card;
    }

    /// <summary>A button that runs a command: Action.Execute (answered in the invoke response) with Action.Submit as the fallback for older clients.</summary>
    public static JsonObject CommandButton(FollowUpAction action) => Button(action.Label, new JsonObject { [CommandKey] = action.CommandText });

    /// <summary>A "More" button that continues a trimmed reply.</summary>
    public static JsonObject MoreButton(string continuation) => Button("More", new JsonObject { [MoreKey] = continuation });

    /// <summary>The welcome card shown when the bot joins a conversation.</summary>
    public static JsonObject WelcomeCard()
    {
        var body = new List<JsonNode>
        {
            Rich(Run("KazBriefBot", weight: "Bolder", size: "Large")),
            PlainText("I answer questions about Kazakhstan–US relations with verbatim quotes and figures from the news, each with its source. In a channel, @mention me. Try:"),
        };
        foreach (var example in WelcomeExamples)
        {
            body.Add(PlainText("• " + example.CommandText));
        }

        return Card(body, WelcomeExamples.Select(CommandButton));
    }

    /// <summary>
    /// Text the bot writes, as a RichTextBlock of one TextRun: TextRuns render no markdown, so nothing needs escaping
    /// (backslash escapes in a TextBlock show up literally on some clients, phones among them).
    /// </summary>
    public static JsonObject PlainText(string text, bool subtle = false) => Rich(Run(text.Length == 0 ? " " : text, subtle: subtle));

    /// <summary>The example commands on the welcome card.</summary>
    public static IReadOnlyList<FollowUpAction> WelcomeExamples { get; } =
    [
        new("Ask about Blinken", "What did Blinken announce?"),
        new("Today's digest", "digest"),
        new("Trade figures", "figures trade"),
        new("Help", "help"),
    ];

    private static JsonObject Button(string title, JsonObject data) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = CardText.Plain(title),
        ["verb"] = CommandVerb,
        ["data"] = data,
        ["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = CardText.Plain(title),
            ["data"] = data.DeepClone(),
        },
    };

    private static IEnumerable<JsonNode> BotText(string text)
    {
        foreach (var line in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            yield return PlainText(line);
        }
    }

    private static void RenderAnswer(Answer answer, List<JsonArray> units)
    {
        if (!answer.Answered || (answer.Quotes.Count == 0 && answer.Figures.Count == 0))
        {
            units.Add([.. BotText(answer.Message)]);
            return;
        }

        if (answer.Figures.Count > 0)
        {
            units.Add([Heading("Figures"), FigureTable(answer.Figures, new Dictionary<int, string>(), 0, answer.Figures.Count)]);
        }

        var number = 1;
        foreach (var quote in answer.Quotes)
        {
            units.Add([QuoteContainer(number++, quote)]);
        }
    }

    private static JsonObject QuoteContainer(int number, Quote quote)
    {
        var items = new JsonArray();
        foreach (var chunk in Chunks("“" + quote.Text + "”"))
        {
            items.Add(Rich(Run(chunk)));
        }

        items.Add(Rich(Run(SourceLine(quote.Source, quote.Speaker), subtle: true)));
        return new JsonObject
        {
            ["type"] = "Container",
            ["style"] = "emphasis",
            ["separator"] = number > 1,
            ["items"] = items,
        };
    }

    // The summary's most relevant lines; the table below still holds every figure.
    private const int MaxSummaryLines = 5;

    private static void RenderFigures(FigureReport report, List<JsonArray> units)
    {
        if (report.Figures.Count == 0)
        {
            units.Add([.. BotText("No figures found" + (report.Topic is null ? "." : $" about '{report.Topic}'."))]);
            return;
        }

        var status = new Dictionary<int, string>();
        foreach (var group in report.Groups)
        {
            foreach (var index in group.Figures)
            {
                status[index] = Engine.Figures.FigureTable.StatusName(group.Status);
            }
        }

        var conflicts = report.Groups.Count(g => g.Disagrees);
        var title = report.Topic is null ? "Figures" : "Figures: " + report.Topic;
        for (var start = 0; start < report.Figures.Count; start += TableRowsPerUnit)
        {
            var unit = new JsonArray();
            if (start == 0)
            {
                unit.Add(Heading(title));
                foreach (var line in report.Summary.Take(MaxSummaryLines))
                {
                    var text = Engine.Figures.FigureTable.SummaryText(report, line);
                    unit.Add(Rich(Run(text[0], weight: "Bolder")));
                    unit.Add(Rich(Run(string.Join("\n", text.Skip(1)))));
                }

                if (conflicts > 0)
                {
                    unit.Add(Rich(Run($"⚠ {conflicts} conflicting group{(conflicts == 1 ? string.Empty : "s")}: sources disagree on the rows marked “conflict”.", color: "Attention")));
                }

                units.Add(unit);
                unit = [.. AdaptiveCardCharts.Elements(report.Charts)];
            }

            unit.Add(FigureTable(report.Figures, status, start, Math.Min(TableRowsPerUnit, report.Figures.Count - start)));
            units.Add(unit);
        }
    }

    private static JsonObject FigureTable(IReadOnlyList<Figure> figures, IReadOnlyDictionary<int, string> status, int start, int count)
    {
        var rows = new JsonArray { Row(null, "Metric", "Period", "Figure", "Source", "Status") };
        for (var i = start; i < start + count; i++)
        {
            var f = figures[i];
            var rowStatus = status.TryGetValue(i, out var s) ? s : "single";
            var conflict = rowStatus is "conflict" or "possible-conflict";
            rows.Add(Row(
                conflict ? "attention" : null,
                f.Metric,
                f.Period ?? "–",
                f.Text + (f.Qualifier is { Length: > 0 } q && q != "exact" ? $" ({q})" : string.Empty),
                SourceLine(f.Source, null),
                conflict ? "⚠ conflict" : rowStatus));
        }

        return new JsonObject
        {
            ["type"] = "Table",
            ["firstRowAsHeaders"] = true,
            ["showGridLines"] = true,
            ["gridStyle"] = "accent",
            ["columns"] = new JsonArray(
                new JsonObject { ["width"] = 2 },
                new JsonObject { ["width"] = 1 },
                new JsonObject { ["width"] = 2 },
                new JsonObject { ["width"] = 3 },
                new JsonObject { ["width"] = 1 }),
            ["rows"] = rows,
        };
    }

    private static JsonObject Row(string? style, params string[] cells)
    {
        var row = new JsonObject
        {
            ["type"] = "TableRow",
            ["cells"] = new JsonArray([.. cells.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "TableCell",
                ["items"] = new JsonArray(Rich(Run(c, color: style == "attention" && c.StartsWith('⚠') ? "Attention" : null))),
            })]),
        };
        if (style is not null)
        {
            row["style"] = style;
        }

        return row;
    }

    private static void RenderDigest(Digest digest, List<JsonArray> units)
    {
        var range = digest.From == digest.To
            ? Date(digest.From)
            : $"{Date(digest.From)} – {Date(digest.To)}";
        var title = digest.Since is { } since
            ? "What's new since " + since.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"
            : "Digest " + range;
        var header = new JsonArray { Heading(title) };
        if (digest.Topics.Count > 0)
        {
            header.Add(Rich(Run("Topics: " + string.Join(", ", digest.Topics.Select(t => t.Name)), subtle: true)));
        }

        if (digest.Items.Count == 0 && digest.Undated.Count == 0)
        {
            header.Add(BotText("No articles in this period.").First());
        }

        units.Add(header);
        units.AddRange(AdaptiveCardCharts.Elements(digest.Charts).Select(e => new JsonArray(e)));
        foreach (var item in digest.Items)
        {
            units.Add([DigestItemContainer(item)]);
        }

        if (digest.Undated.Count > 0)
        {
            units.Add([Heading("Undated articles")]);
            foreach (var item in digest.Undated)
            {
                units.Add([DigestItemContainer(item)]);
            }
        }
    }

    private static JsonObject DigestItemContainer(DigestItem item)
    {
        var items = new JsonArray
        {
            Rich(Run(item.Headline, weight: "Bolder")),
            Rich(Run(SourceLine(item.Source, null), subtle: true)),
        };
        foreach (var highlight in item.Highlights)
        {
            foreach (var chunk in Chunks("“" + highlight.Text + "”"))
            {
                items.Add(Rich(Run(chunk)));
            }
        }

        foreach (var figure in item.Figures)
        {
            items.Add(Rich(Run($"{figure.Metric}: {figure.Text}" + (figure.Period is null ? string.Empty : $" ({figure.Period})"))));
        }

        if (item.Topics.Count > 0)
        {
            items.Add(Rich(Run("Topics: " + string.Join(", ", item.Topics), subtle: true)));
        }

        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items };
    }

    private static void RenderArticle(ArticleView article, List<JsonArray> units)
    {
        var s = article.Summary;
        units.Add([
            Rich(Run(s.Title ?? "(untitled)", weight: "Bolder", size: "Medium")),
            Rich(Run($"{s.Publisher ?? "outlet unknown"} · {Date(s.Date)}{(s.Author is null ? string.Empty : " · by " + s.Author)} · {s.Id}", subtle: true)),
        ]);
        foreach (var chunk in Chunks(article.Text))
        {
            units.Add([Rich(Run(chunk))]);
        }
    }

    private static void RenderSources(IReadOnlyList<ArticleSummary> articles, List<JsonArray> units)
    {
        if (articles.Count == 0)
        {
            units.Add([.. BotText("The corpus is empty.")]);
            return;
        }

        for (var start = 0; start < articles.Count; start += ListItemsPerUnit)
        {
            var unit = new JsonArray();
            if (start == 0)
            {
                unit.Add(Heading($"Sources ({articles.Count})"));
            }

            foreach (var a in articles.Skip(start).Take(ListItemsPerUnit))
            {
                unit.Add(Rich(
                    Run(a.Id + ": ", weight: "Bolder"),
                    Run($"{a.Title ?? "(untitled)"} — {a.Publisher ?? "outlet unknown"}, {Date(a.Date)}")));
            }

            units.Add(unit);
        }
    }

    private static string SourceLine(SourceRef source, string? speaker)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(speaker))
        {
            parts.Add(speaker);
        }

        parts.Add(source.Publisher ?? "outlet unknown");
        parts.Add(Date(source.Date));
        parts.Add(source.Title is null ? source.Id : $"{source.Title} ({source.Id})");
        return "— " + string.Join(" · ", parts);
    }

    private static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "date unknown";

    private static JsonObject Heading(string text) => Rich(Run(text, weight: "Bolder", size: "Medium"));

    private static JsonObject Rich(params JsonObject[] runs) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray([.. runs]),
    };

    private static JsonObject Run(string text, bool subtle = false, string? weight = null, string? size = null, string? color = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = CardText.Plain(text) };
        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (weight is not null)
        {
            run["weight"] = weight;
        }

        if (size is not null)
        {
            run["size"] = size;
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        return run;
    }

    /// <summary>Cuts long text at paragraph or word boundaries into pieces of at most <see cref="ChunkChars"/> characters; the pieces concatenate to the text.</summary>
    internal static IEnumerable<string> Chunks(string text)
    {
        var rest = text.AsMemory();
        while (rest.Length > ChunkChars)
        {
            var window = rest.Span[..ChunkChars];
            var cut = window.LastIndexOf("\n\n");
            if (cut < ChunkChars / 2)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut < ChunkChars / 2)
            {
                cut = ChunkChars;
            }

            yield return rest[..cut].ToString();
            rest = rest[cut..];
        }

        if (rest.Length > 0)
        {
            yield return rest.ToString();
        }
    }
}
