using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Corpus;

/// <summary>The metadata and quotable sentences read from an article's text.</summary>
public sealed record ParsedArticle(ArticleMetadata Metadata, IReadOnlyList<Sentence> Sentences);

/// <summary>Reads metadata (header block or heuristics) and quotable sentences from an article's decoded text.</summary>
public static class ArticleParser
{
    public static ParsedArticle Parse(string text)
    {
        // Crude first version: the first non-empty line is the title, every line is split into sentences.
        string? title = null;
        foreach (var line in text.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                title = line.Trim();
                break;
            }
        }

        var sentences = SentenceSplitter.Split(text, 0, text.Length);
        return new ParsedArticle(new ArticleMetadata(title, null, null, null), sentences);
    }
}
