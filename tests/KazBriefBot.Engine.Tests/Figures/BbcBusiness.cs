using System.Text;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Figures;

/// <summary>The business section of the BBC News dataset in ../shared/data, as articles split into sentences.</summary>
internal static class BbcBusiness
{
    public const string CsvPath = "news/bbc-news.csv";

    private static readonly Lazy<IReadOnlyList<Article>> Loaded = new(Load);

    public static IReadOnlyList<Article> Articles() => Loaded.Value;

    private static IReadOnlyList<Article> Load()
    {
        var rows = Csv.Read(Path.Combine(TestCorpus.SharedFolder, "data", CsvPath));
        var header = rows[0];
        int category = Array.IndexOf(header, "category"), id = Array.IndexOf(header, "id"), content = Array.IndexOf(header, "text");
        var title = Array.IndexOf(header, "title");
        if (category < 0 || id < 0 || content < 0 || title < 0)
        {
            throw new InvalidDataException("bbc-news.csv header: " + string.Join(",", header));
        }

        return [.. rows.Skip(1).Where(r => r.Length > content && r[category] == "business").Select(r => MakeArticle(r[id], r[content], r[title]))];
    }

    /// <summary>An article as the corpus loader would give it: its sentences, and its title (which names its subject) when known.</summary>
    public static Article MakeArticle(string id, string text, string? title = null)
    {
        var sentences = new List<Sentence>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var atEnd = i == text.Length;
            if (!atEnd && start < 0 && !char.IsWhiteSpace(text[i]))
            {
                start = i;
            }

            var boundary = atEnd || text[i] == '\n' || (text[i] is '.' or '!' or '?' && i + 1 < text.Length && text[i + 1] == ' ' && i > 0 && !char.IsUpper(text[i - 1]));
            if (boundary && start >= 0)
            {
                var end = atEnd || text[i] == '\n' ? i : i + 1;
                while (end > start && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                if (end > start)
                {
                    sentences.Add(new Sentence(sentences.Count, start, end, text[start..end]));
                }

                start = -1;
            }
        }

        return new Article(id, id, text, new ArticleMetadata(title, "BBC News", null, null), sentences, DateTimeOffset.UnixEpoch);
    }

    /// <summary>RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines.</summary>
    public static class Csv
    {
        public static List<string[]> Read(string path)
        {
            var text = File.ReadAllText(path);
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n' || c == '\r')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (field.Length > 0 || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add([.. row]);
            }

            return rows;
        }
    }
}
