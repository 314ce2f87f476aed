using System.Text;
using System.Text.Json;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Bench;

/// <summary>A SQuAD question with the id of its gold sentence (the sentence of its paragraph holding the answer start)
/// and the first reference answer.</summary>
public sealed record SquadQuestion(string Question, int GoldSentence, string Answer);

/// <summary>SQuAD dev as a sentence-retrieval task: every paragraph is an article, the pool is every sentence.</summary>
public sealed record SquadSet(IReadOnlyList<Article> Articles, IReadOnlyList<SquadQuestion> Questions, int SentenceCount);

/// <summary>Turns the public datasets under ../shared/data into articles for the engine and for Lucene.NET.</summary>
public static class Datasets
{
    public static string DataFolder { get; } = FindData();

    public static string BbcCsv => Path.Combine(DataFolder, "news", "bbc-news.csv");

    public static string SquadJson => Path.Combine(DataFolder, "squad", "dev-v1.1.json");

    /// <summary>BBC News: one article per CSV row, text = title, blank line, body (as in the original files).</summary>
    public static IReadOnlyList<Article> LoadBbc(int copies = 1)
    {
        var rows = ReadCsv(File.ReadAllText(BbcCsv, Encoding.UTF8)).Skip(1).ToList();
        var articles = new List<Article>(rows.Count * copies);
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var row in rows)
            {
                var text = row[2] + "\n\n" + row[3];
                var parsed = ArticleParser.Parse(text);
                var id = copy == 0 ? row[0].Replace('/', '_') : $"{row[0].Replace('/', '_')}_copy{copy}";
                articles.Add(new Article(id, $"bbc/{id}.txt", text, parsed.Metadata, parsed.Sentences, DateTimeOffset.UnixEpoch));
            }
        }

        return articles;
    }

    /// <summary>SQuAD v1.1 dev: each paragraph becomes an article split by our sentence splitter.</summary>
    public static SquadSet LoadSquad()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SquadJson));
        var articles = new List<Article>();
        var questions = new List<SquadQuestion>();
        var sentenceBase = 0;
        foreach (var topic in doc.RootElement.GetProperty("data").EnumerateArray())
        {
            foreach (var paragraph in topic.GetProperty("paragraphs").EnumerateArray())
            {
                var context = paragraph.GetProperty("context").GetString()!;
                var sentences = SentenceSplitter.Split(context, 0, context.Length);
                var id = $"squad_{articles.Count:D4}";
                articles.Add(new Article(id, id, context, new ArticleMetadata(topic.GetProperty("title").GetString(), null, null, null), sentences, DateTimeOffset.UnixEpoch));
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var answer = qa.GetProperty("answers")[0];
                    var answerStart = answer.GetProperty("answer_start").GetInt32();
                    var gold = -1;
                    for (var s = 0; s < sentences.Count; s++)
                    {
                        // The answer starts inside the sentence, or in the gap before the next one.
                        var nextStart = s + 1 < sentences.Count ? sentences[s + 1].Start : int.MaxValue;
                        if (answerStart >= sentences[s].Start && answerStart < nextStart)
                        {
                            gold = sentenceBase + s;
                            break;
                        }
                    }

                    if (gold >= 0)
                    {
                        questions.Add(new SquadQuestion(qa.GetProperty("question").GetString()!, gold, answer.GetProperty("text").GetString()!));
                    }
                }

                sentenceBase += sentences.Count;
            }
        }

        return new SquadSet(articles, questions, sentenceBase);
    }

    /// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines.</summary>
    public static IEnumerable<string[]> ReadCsv(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }

    private static string FindData([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(dir.FullName, "KazBriefBot.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }

            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(Path.Combine("..", "shared", "data"));
    }
}
