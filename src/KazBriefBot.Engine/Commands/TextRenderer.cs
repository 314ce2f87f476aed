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
                    if (f.Report.Figures.Count == 0)
                    {
                        sb.AppendLine("No figures found" + (f.Report.Topic is null ? "." : $" about '{f.Report.Topic}'."));
                    }

                    foreach (var fig in f.Report.Figures)
                    {
                        sb.AppendLine($"{fig.Metric} | {fig.Period ?? "-"} | {fig.Text} | {fig.Qualifier} | {SourceLine(fig.Source)}");
                    }

                    break;
                case DigestBlock d:
                    sb.AppendLine($"Digest {d.Digest.From:yyyy-MM-dd} – {d.Digest.To:yyyy-MM-dd}");
                    foreach (var item in d.Digest.Items)
                    {
                        sb.AppendLine($"■ {item.Headline} — {SourceLine(item.Source)}");
                        foreach (var h in item.Highlights)
                        {
                            sb.AppendLine($"  “{h.Text}”");
                        }
                    }

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

    public static string SourceLine(SourceRef s) =>
        $"{s.Publisher ?? "outlet unknown"}, {(s.Date is { } d ? d.ToString("yyyy-MM-dd") : "date unknown")}, {s.Id}";

    private static string Describe(ArticleSummary a) =>
        $"{a.Id}: {a.Title ?? "(untitled)"} — {a.Publisher ?? "outlet unknown"}, {(a.Date is { } d ? d.ToString("yyyy-MM-dd") : "date unknown")}{(a.Author is null ? string.Empty : ", by " + a.Author)}";
}
