using System.Text;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Commands;

/// <summary>Renders a reply as plain text (CLI and plain-text fallbacks).</summary>
public static class TextRenderer
{
    public static string Render(Reply reply)
    {
        var sb = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    sb.AppendLine(t.Text);
                    break;
                case AnswerBlock a:
                    if (!a.Answer.Answered)
                    {
                        sb.AppendLine(a.Answer.Message);
                    }

                    foreach (var f in a.Answer.Figures)
                    {
                        sb.AppendLine($"• {f.Text} ({f.Metric}, {f.Period ?? "period unknown"}, {f.Qualifier}) — {SourceLine(f.Source)}");
                    }

                    var n = 1;
                    foreach (var q in a.Answer.Quotes)
                    {
                        sb.AppendLine($"{n++}. “{q.Text}”");
                        sb.AppendLine($"   — {(q.Speaker is null ? string.Empty : q.Speaker + ", ")}{SourceLine(q.Source)}");
                    }

                    break;
                case FiguresBlock f:
                    sb.Append(Figures.FigureTable.Render(f.Report));
                    break;
                case DigestBlock d:
                    RenderDigest(sb, d.Digest);
                    break;
                case ArticleBlock art:
                    sb.AppendLine(Describe(art.Article.Summary));
                    sb.AppendLine();
                    sb.AppendLine(art.Article.Text);
                    break;
                case SourcesBlock s:
                    foreach (var a in s.Articles)
                    {
                        sb.AppendLine(Describe(a));
                    }

                    break;
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>A digest as sections: title line, topics, then each item with outlet, date, key sentences and figures.</summary>
    private static void RenderDigest(StringBuilder sb, Digests.Digest digest)
    {
        var count = digest.Items.Count == 1 ? "1 article" : $"{digest.Items.Count} articles";
        sb.AppendLine(digest.Since is { } since
            ? $"What's new since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({count})"
            : digest.From == digest.To ? $"Digest for {digest.From:yyyy-MM-dd} ({count})" : $"Digest {digest.From:yyyy-MM-dd} – {digest.To:yyyy-MM-dd} ({count})");
        if (digest.Items.Count == 0)
        {
            sb.AppendLine("No article published in this range.");
        }

        if (digest.Topics.Count > 0)
        {
            sb.AppendLine("Topics: " + string.Join("; ", digest.Topics.Select(t => $"{t.Name} ({string.Join(", ", t.Items.Select(i => "#" + (i + 1)))})")));
        }

        for (var i = 0; i < digest.Items.Count; i++)
        {
            RenderDigestItem(sb, $"#{i + 1}", digest.Items[i]);
        }

        if (digest.Undated.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine($"Undated ({digest.Undated.Count}; publication date unknown)");
            for (var i = 0; i < digest.Undated.Count; i++)
            {
                RenderDigestItem(sb, $"U{i + 1}", digest.Undated[i]);
            }
        }
    }

    private static void RenderDigestItem(StringBuilder sb, string label, Digests.DigestItem item)
    {
        sb.AppendLine();
        sb.AppendLine($"{label}. {item.Headline}");
        sb.AppendLine($"   {SourceLine(item.Source)}{(item.AddedAt is { } added ? $", added {added.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : string.Empty)}");
        foreach (var h in item.Highlights)
        {
            sb.AppendLine($"   • “{h.Text}”");
        }

        if (item.Figures.Count > 0)
        {
            sb.AppendLine("   Figures: " + string.Join("; ", item.Figures.Select(f => $"{f.Text} ({f.Metric}{(f.Period is null ? string.Empty : ", " + f.Period)})")));
        }

        if (item.Topics.Count > 0)
        {
            sb.AppendLine("   Topics: " + string.Join(", ", item.Topics));
        }
    }

    public static string SourceLine(SourceRef s) =>
        $"{s.Publisher ?? "outlet unknown"}, {(s.Date is { } d ? d.ToString("yyyy-MM-dd") : "date unknown")}, {s.Id}";

    private static string Describe(ArticleSummary a) =>
        $"{a.Id}: {a.Title ?? "(untitled)"} — {a.Publisher ?? "outlet unknown"}, {(a.Date is { } d ? d.ToString("yyyy-MM-dd") : "date unknown")}{(a.Author is null ? string.Empty : ", by " + a.Author)}";
}
