using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

// lucene-ask --corpus DIR --questions FILE: the same job as `kazbrief ask --questions FILE --json --corpus DIR --lexical`
// done the way a small Lucene.NET program would: every *.txt/*.md file of the folder, one document per sentence
// (a regex splitter: paragraphs at line breaks, sentences after . ! ? before a capital, digit or quote), EnglishAnalyzer,
// BM25, top 3 per question printed as JSON lines with the sentence text, file and character span (stored fields).
const LuceneVersion Version = LuceneVersion.LUCENE_48;
var corpus = Arg("--corpus");
var questionsFile = Arg("--questions");
var sentenceEnd = new Regex(@"(?<=[.!?][""'”’)]*)\s+(?=[\p{Lu}\d""“‘(])", RegexOptions.Compiled);

using var directory = new RAMDirectory();
using var analyzer = new EnglishAnalyzer(Version);
using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE }))
{
    var doc = new Document();
    var text = new TextField("text", string.Empty, Field.Store.YES);
    var file = new StoredField("file", string.Empty);
    var start = new StoredField("start", 0);
    var end = new StoredField("end", 0);
    doc.Add(text);
    doc.Add(file);
    doc.Add(start);
    doc.Add(end);
    foreach (var path in System.IO.Directory.EnumerateFiles(corpus).Where(p => p.EndsWith(".txt", StringComparison.Ordinal) || p.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
    {
        var content = File.ReadAllText(path, Encoding.UTF8);
        file.SetStringValue(Path.GetFileName(path));
        var lineStart = 0;
        while (lineStart < content.Length)
        {
            var lineEnd = content.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? content.Length : lineEnd;
            var at = lineStart;
            foreach (var piece in Pieces(content, lineStart, lineEnd))
            {
                text.SetStringValue(content[piece.Start..piece.End]);
                start.SetInt32Value(piece.Start);
                end.SetInt32Value(piece.End);
                writer.AddDocument(doc);
            }

            lineStart = lineEnd + 1;
        }
    }

    writer.Commit();
}

using var reader = DirectoryReader.Open(directory);
var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
var parser = new QueryParser(Version, "text", analyzer);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
foreach (var line in File.ReadLines(questionsFile))
{
    var question = line.Split('\t')[0].Trim();
    if (question.Length == 0 || question.StartsWith('#'))
    {
        continue;
    }

    var hits = new List<object>();
    try
    {
        foreach (var hit in searcher.Search(parser.Parse(QueryParserBase.Escape(question)), 3).ScoreDocs)
        {
            var d = searcher.Doc(hit.Doc);
            hits.Add(new { text = d.Get("text"), file = d.Get("file"), start = d.GetField("start").GetInt32Value(), end = d.GetField("end").GetInt32Value(), score = hit.Score });
        }
    }
    catch (ParseException)
    {
        // a question of stopwords only: no hits
    }

    stdout.WriteLine(JsonSerializer.Serialize(new { question, hits }));
}

return 0;

IEnumerable<(int Start, int End)> Pieces(string content, int from, int to)
{
    var at = from;
    foreach (Match m in sentenceEnd.Matches(content[from..to]))
    {
        var (s, e) = Trim(content, at, from + m.Index);
        if (e > s)
        {
            yield return (s, e);
        }

        at = from + m.Index + m.Length;
    }

    var (ls, le) = Trim(content, at, to);
    if (le > ls)
    {
        yield return (ls, le);
    }
}

static (int, int) Trim(string s, int start, int end)
{
    while (start < end && char.IsWhiteSpace(s[start])) start++;
    while (end > start && char.IsWhiteSpace(s[end - 1])) end--;
    return (start, end);
}

string Arg(string name)
{
    var i = Array.IndexOf(args, name);
    if (i < 0 || i + 1 >= args.Length)
    {
        Console.Error.WriteLine("usage: lucene-ask --corpus DIR --questions FILE");
        Environment.Exit(2);
    }

    return args[i + 1];
}
