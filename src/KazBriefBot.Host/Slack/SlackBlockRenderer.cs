using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Host.Slack;

/// <summary>One Slack message: Block Kit blocks and the escaped notification/fallback text.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks);

/// <summary>Renders a channel-neutral reply as Block Kit messages within Slack's limits; all corpus text is escaped.</summary>
public static class SlackBlockRenderer
{
    /// <summary>Slack refuses messages with more blocks than this.</summary>
    public const int MaxBlocksPerMessage = 50;

    /// <summary>Slack's limit for a section's text.</summary>
    public const int MaxSectionText = 3000;

    /// <summary>Prefix of our buttons' action ids; only these clicks are routed.</summary>
    public const string FollowUpActionPrefix = "kazbrief_followup_";

    private const int MaxFieldText = 2000;
    private const int MaxFieldsPerSection = 10;
    private const int MaxButtonsPerActions = 25;
    private const int MaxButtonLabel = 75;
    private const int MaxButtonValue = 2000;
    private const int MaxHeaderText = 150;
    private const int MaxFallbackText = 3000;

    /// <summary>
    /// Slack refuses a message whose blocks hold more text than about this in total (msg_blocks_too_long; undocumented,
    /// observed from ~12,000 characters up, bolt-js issues 2509 and 2867). Counted over every text string of the blocks.
    /// </summary>
    public const int MaxBlockTextPerMessage = 12_000;

    /// <summary>Renders the reply as one or more messages (≤50 blocks, ≤12,000 characters of block text, ≤3,000 per section); buttons go on the last one.</summary>
    public static IReadOnlyList<SlackMessage> Render(Reply reply)
    {
        var blocks = new List<JsonObject>();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    AddSections(blocks, t.Text);
                    break;
                case AnswerBlock a:
                    RenderAnswer(blocks, a.Answer);
                    break;
                case FiguresBlock f:
                    RenderFigures(blocks, f.Report);
                    break;
                case DigestBlock d:
                    RenderDigest(blocks, d.Digest);
                    break;
                case ArticleBlock art:
                    RenderArticle(blocks, art.Article);
                    break;
                case SourcesBlock s:
                    RenderSources(blocks, s.Articles);
                    break;
            }
        }

        var actions = RenderActions(reply.Actions);
        if (blocks.Count == 0 && actions.Count == 0)
        {
            blocks.Add(Section("(no content)"));
        }

        return Pack(blocks, actions, Fallback(reply));
    }

    /// <summary>The short escaped text Slack shows in notifications and where blocks cannot be shown.</summary>
    public static string Fallback(Reply reply)
    {
        var first = reply.Blocks.FirstOrDefault() switch
        {
            TextBlock t => t.Text,
            AnswerBlock a when !a.Answer.Answered => a.Answer.Message,
            AnswerBlock a when a.Answer.Quotes.Count > 0 => $"“{a.Answer.Quotes[0].Text}” — {TextRenderer.SourceLine(a.Answer.Quotes[0].Source)}",
            AnswerBlock a => a.Answer.Message,
            FiguresBlock f => f.Report.Topic is null ? "Figures" : $"Figures about {f.Report.Topic}",
            DigestBlock d => DigestTitle(d.Digest),
            ArticleBlock art => art.Article.Summary.Title ?? art.Article.Summary.Id,
            SourcesBlock s => $"{s.Articles.Count} sources",
            _ => "KazBrief",
        };
        return SlackMrkdwn.Escape(SlackMrkdwn.Truncate(string.IsNullOrWhiteSpace(first) ? "KazBrief" : first, MaxFallbackText / 2));
    }

    private static void RenderAnswer(List<JsonObject> blocks, Answer answer)
    {
        if (!answer.Answered || (answer.Quotes.Count == 0 && answer.Figures.Count == 0))
        {
            AddSections(blocks, string.IsNullOrWhiteSpace(answer.Message) ? "I found nothing in the corpus about that." : answer.Message);
            return;
        }

        if (answer.Figures.Count > 0)
        {
            var fields = answer.Figures.Select(f => Field(
                $"*{SlackMrkdwn.Escape(f.Text)}*{(IsNullOrEmpty(f.Change) ? string.Empty : " (" + SlackMrkdwn.Escape(f.Change) + ")")}\n"
                + $"{SlackMrkdwn.Escape(f.Metric)}, {SlackMrkdwn.Escape(f.Period ?? "period unknown")}, {SlackMrkdwn.Escape(f.Qualifier)}\n"
                + $"_{SourceContext(f.Source)}_"));
            foreach (var chunk in fields.Chunk(MaxFieldsPerSection))
            {
                blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(chunk.Select(x => (JsonNode)x).ToArray()) });
            }
        }

        foreach (var quote in answer.Quotes)
        {
            var speaker = quote.Speaker is null ? string.Empty : $"\n— *{SlackMrkdwn.Escape(quote.Speaker)}*";
            // The speaker line (≤ 300 with its name cut) and the quote marks are kept out of the pieces' budget.
            speaker = speaker.Length <= 300 ? speaker : "\n— *" + SlackMrkdwn.Escape(SlackMrkdwn.Truncate(quote.Speaker!, 250)) + "*";
            var pieces = SlackMrkdwn.SplitEscaped(quote.Text, MaxSectionText - 310, "> ");
            for (var i = 0; i < pieces.Count; i++)
            {
                var open = i == 0 ? "“" : "…";
                var close = i == pieces.Count - 1 ? "”" + speaker : "…";
                blocks.Add(Section("> " + open + pieces[i]["> ".Length..] + close));
            }

            blocks.Add(Context(SourceContext(quote.Source)));
        }
    }

    // The summary's most relevant lines; the table below still holds every figure.
    private const int MaxSummaryLines = 5;

    private static void RenderFigures(List<JsonObject> blocks, FigureReport report)
    {
        if (report.Figures.Count == 0)
        {
            AddSections(blocks, "No figures found" + (report.Topic is null ? "." : $" about '{report.Topic}'."));
            return;
        }

        blocks.Add(Header(report.Topic is null ? "Figures" : $"Figures: {report.Topic}"));
        foreach (var line in report.Summary.Take(MaxSummaryLines))
        {
            var text = FigureTable.SummaryText(report, line);
            AddSections(blocks, "*" + SlackMrkdwn.Escape(text[0]) + "*\n" + string.Join("\n", text.Skip(1).Select(SlackMrkdwn.Escape)));
        }

        var grouped = new HashSet<int>();
        foreach (var group in report.Groups)
        {
            var members = group.Figures.Where(i => i >= 0 && i < report.Figures.Count).ToList();
            grouped.UnionWith(members);
            var conflict = group.Disagrees;
            var title = $"*{SlackMrkdwn.Escape(group.Metric)}* ({FigureTable.Kind(group.Kind)}, {SlackMrkdwn.Escape(group.Parties.ToString())}) · {SlackMrkdwn.Escape(group.Period ?? "period unknown")} · "
                + (conflict ? $":warning: *{FigureTable.StatusName(group.Status)}: the sources disagree*" : SlackMrkdwn.Escape(FigureTable.StatusName(group.Status)));
            AddTable(blocks, title, members.Select(i => report.Figures[i]).ToList(), conflict);
        }

        var rest = Enumerable.Range(0, report.Figures.Count).Where(i => !grouped.Contains(i)).Select(i => report.Figures[i]).ToList();
        if (rest.Count > 0)
        {
            AddTable(blocks, report.Groups.Count == 0 ? "*Figures*" : "*Other figures*", rest, conflict: false, inGroup: false);
        }
    }

    private static void AddTable(List<JsonObject> blocks, string title, IReadOnlyList<Figure> figures, bool conflict, bool inGroup = true)
    {
        // Inside a group the title already names the metric and period, so the columns leave them out.
        string Row(string mark, string value, string metric, string period, string qualifier, string change, string source) =>
            inGroup
                ? $"{mark}{Cell(value, 26)} {Cell(qualifier, 12)} {Cell(change, 12)} {source}"
                : $"{mark}{Cell(value, 26)} {Cell(metric, 24)} {Cell(period, 14)} {Cell(qualifier, 12)} {source}";
        var rows = figures.Select(f => Row(conflict ? "! " : "  ", f.Text, f.Metric, f.Period ?? "-", f.Qualifier, f.Change ?? "-", TextRenderer.SourceLine(f.Source))).ToList();
        var header = Row("  ", "Value", "Metric", "Period", "Qualifier", "Change", "Source");
        var lines = new List<string>();
        var length = 0;
        var first = true;
        void Flush()
        {
            var table = "```\n" + SlackMrkdwn.Escape(header) + "\n" + string.Join("\n", lines) + "\n```";
            blocks.Add(Section(first ? title + "\n" + table : table));
            first = false;
            lines.Clear();
            length = 0;
        }

        foreach (var row in rows)
        {
            var escaped = SlackMrkdwn.Escape(SlackMrkdwn.Truncate(row, 900));
            if (length + escaped.Length + 1 > MaxSectionText - title.Length - header.Length - 40 && lines.Count > 0)
            {
                Flush();
            }

            lines.Add(escaped);
            length += escaped.Length + 1;
        }

        if (lines.Count > 0)
        {
            Flush();
        }

        if (conflict)
        {
            blocks.Add(Context(":warning: Rows marked ! report different values for the same measure; check each source."));
        }
    }

    private static void RenderDigest(List<JsonObject> blocks, Digest digest)
    {
        blocks.Add(Header(DigestTitle(digest)));
        if (digest.Items.Count == 0 && digest.Undated.Count == 0)
        {
            AddSections(blocks, "No articles in this period.");
            return;
        }

        foreach (var item in digest.Items)
        {
            RenderDigestItem(blocks, item);
        }

        if (digest.Topics.Count > 0)
        {
            blocks.Add(Context("Topics: " + SlackMrkdwn.Escape(string.Join(", ", digest.Topics.Select(t => t.Name)))));
        }

        if (digest.Undated.Count > 0)
        {
            blocks.Add(Divider());
            blocks.Add(Section("*Undated articles*"));
            foreach (var item in digest.Undated)
            {
                RenderDigestItem(blocks, item);
            }
        }
    }

    private static void RenderDigestItem(List<JsonObject> blocks, DigestItem item)
    {
        blocks.Add(Divider());
        var text = new StringBuilder();
        text.Append('*').Append(SlackMrkdwn.Escape(SlackMrkdwn.Truncate(item.Headline, 500))).Append('*');
        foreach (var h in item.Highlights)
        {
            var quote = "\n> “" + SlackMrkdwn.Escape(h.Text).Replace("\n", "\n> ", StringComparison.Ordinal) + "”";
            if (text.Length + quote.Length > MaxSectionText)
            {
                blocks.Add(Section(text.ToString()));
                text.Clear();
            }

            if (quote.Length > MaxSectionText)
            {
                foreach (var piece in SlackMrkdwn.SplitEscaped(h.Text, MaxSectionText, "> "))
                {
                    blocks.Add(Section(piece));
                }

                continue;
            }

            text.Append(quote);
        }

        if (text.Length > 0)
        {
            blocks.Add(Section(text.ToString()));
        }

        var context = SourceContext(item.Source);
        if (item.Figures.Count > 0)
        {
            context += " · Figures: " + SlackMrkdwn.Escape(SlackMrkdwn.Truncate(string.Join("; ", item.Figures.Select(f => $"{f.Text} ({f.Metric})")), 1500));
        }

        if (item.Topics.Count > 0)
        {
            context += " · Topics: " + SlackMrkdwn.Escape(SlackMrkdwn.Truncate(string.Join(", ", item.Topics), 500));
        }

        blocks.Add(Context(context));
    }

    private static void RenderArticle(List<JsonObject> blocks, ArticleView article)
    {
        var s = article.Summary;
        blocks.Add(Section($"*{SlackMrkdwn.Escape(SlackMrkdwn.Truncate(s.Title ?? "(untitled)", 1000))}*"));
        blocks.Add(Context(
            $"{SlackMrkdwn.Escape(s.Publisher ?? "outlet unknown")} · {DateText(s.Date)}"
            + (s.Author is null ? string.Empty : " · by " + SlackMrkdwn.Escape(s.Author))
            + $" · `{SlackMrkdwn.Escape(s.Id)}`"));
        foreach (var piece in SlackMrkdwn.SplitEscaped(article.Text, MaxSectionText))
        {
            blocks.Add(Section(piece));
        }
    }

    private static void RenderSources(List<JsonObject> blocks, IReadOnlyList<ArticleSummary> articles)
    {
        if (articles.Count == 0)
        {
            AddSections(blocks, "The corpus has no articles.");
            return;
        }

        var text = new StringBuilder();
        foreach (var a in articles)
        {
            var line = $"• `{SlackMrkdwn.Escape(a.Id)}` *{SlackMrkdwn.Escape(SlackMrkdwn.Truncate(a.Title ?? "(untitled)", 300))}* — "
                + $"{SlackMrkdwn.Escape(a.Publisher ?? "outlet unknown")}, {DateText(a.Date)}";
            if (text.Length + line.Length + 1 > MaxSectionText)
            {
                blocks.Add(Section(text.ToString().TrimEnd()));
                text.Clear();
            }

            text.Append(line).Append('\n');
        }

        if (text.Length > 0)
        {
            blocks.Add(Section(text.ToString().TrimEnd()));
        }
    }

    private static List<JsonObject> RenderActions(IReadOnlyList<FollowUpAction> actions)
    {
        var buttons = actions
            .Where(a => a.CommandText.Length is > 0 and <= MaxButtonValue)
            .Select((a, i) => new JsonObject
            {
                ["type"] = "button",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = SlackMrkdwn.Truncate(a.Label, MaxButtonLabel), ["emoji"] = true },
                ["action_id"] = FollowUpActionPrefix + i.ToString(CultureInfo.InvariantCulture),
                ["value"] = a.CommandText,
            })
            .ToList();
        return buttons.Chunk(MaxButtonsPerActions)
            .Select(chunk => new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(chunk.Select(b => (JsonNode)b).ToArray()) })
            .ToList();
    }

    private static List<SlackMessage> Pack(List<JsonObject> blocks, List<JsonObject> actions, string fallback)
    {
        var messages = new List<SlackMessage>();
        var current = new JsonArray();
        var chars = 0;
        foreach (var block in blocks.Concat(actions))
        {
            var size = BlockTextLength(block);
            if (current.Count > 0 && (current.Count >= MaxBlocksPerMessage || chars + size > MaxBlockTextPerMessage))
            {
                messages.Add(new SlackMessage(fallback, current));
                current = [];
                chars = 0;
            }

            current.Add(block);
            chars += size;
        }

        if (current.Count > 0)
        {
            messages.Add(new SlackMessage(fallback, current));
        }

        if (messages.Count > 1)
        {
            // Later parts say so, so a reader of a notification knows it continues an answer.
            for (var i = 1; i < messages.Count; i++)
            {
                messages[i] = messages[i] with { Text = $"(continued {i + 1}/{messages.Count}) " + fallback };
            }
        }

        return messages;
    }

    /// <summary>The characters of text a block holds, as Slack counts them against <see cref="MaxBlockTextPerMessage"/>: every "text" string in it.</summary>
    public static int BlockTextLength(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : BlockTextLength(p.Value)),
        JsonArray a => a.Sum(BlockTextLength),
        _ => 0,
    };

    private static void AddSections(List<JsonObject> blocks, string ownOrUserText)
    {
        foreach (var piece in SlackMrkdwn.SplitEscaped(ownOrUserText, MaxSectionText))
        {
            blocks.Add(Section(piece));
        }
    }

    private static string SourceContext(SourceRef s) =>
        $"{SlackMrkdwn.Escape(s.Publisher ?? "outlet unknown")} · {DateText(s.Date)}"
        + (s.Title is null ? string.Empty : " · " + SlackMrkdwn.Escape(SlackMrkdwn.Truncate(s.Title, 300)))
        + $" · `{SlackMrkdwn.Escape(s.Id)}`";

    private static string DigestTitle(Digest d) =>
        d.From is null && d.To is null ? "Digest"
        : d.From == d.To ? $"Digest {DateText(d.From)}"
        : $"Digest {DateText(d.From)} – {DateText(d.To)}";

    private static string DateText(DateOnly? date) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "date unknown";

    private static string Cell(string text, int width)
    {
        var t = text.Replace('\n', ' ');
        return t.Length > width ? SlackMrkdwn.Truncate(t, width).PadRight(width) : t.PadRight(width);
    }

    private static bool IsNullOrEmpty(string? s) => string.IsNullOrEmpty(s);

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        // The renderers keep within the limit; this only guards an edge case (a title of nothing but ampersands).
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = SlackMrkdwn.TruncateEscaped(mrkdwn, MaxSectionText), ["verbatim"] = true },
    };

    private static JsonObject Field(string mrkdwn) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = SlackMrkdwn.TruncateEscaped(mrkdwn, MaxFieldText),
        ["verbatim"] = true,
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["type"] = "mrkdwn",
            ["text"] = SlackMrkdwn.TruncateEscaped(mrkdwn, MaxSectionText),
            ["verbatim"] = true,
        }),
    };

    private static JsonObject Header(string plain) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = SlackMrkdwn.Truncate(plain, MaxHeaderText), ["emoji"] = true },
    };

    private static JsonObject Divider() => new() { ["type"] = "divider" };
}
