using KazBriefBot.Engine.Corpus;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace KazBriefBot.Bench;

/// <summary>The peer: Lucene.NET 4.8 over the same sentence pool, English analyzer, standard BM25, in memory.</summary>
public sealed class LuceneSentenceIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly NumericDocValues _ids;
    private readonly EnglishAnalyzer _analyzer = new(Version);

    private LuceneSentenceIndex(RAMDirectory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _ids = MultiDocValues.GetNumericValues(_reader, "id");
    }

    public long SizeInBytes => _directory.GetSizeInBytes();

    public static LuceneSentenceIndex Build(IReadOnlyList<Article> articles)
    {
        var directory = new RAMDirectory();
        using (var analyzer = new EnglishAnalyzer(Version))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE }))
        {
            var id = 0;
            var doc = new Document();
            var text = new TextField("text", string.Empty, Field.Store.NO);
            var idField = new NumericDocValuesField("id", 0);
            doc.Add(text);
            doc.Add(idField);
            foreach (var article in articles)
            {
                foreach (var sentence in article.Sentences)
                {
                    text.SetStringValue(sentence.Text);
                    idField.SetInt64Value(id++);
                    writer.AddDocument(doc);
                }
            }

            writer.Commit();
        }

        return new LuceneSentenceIndex(directory);
    }

    /// <summary>Sentence ids of the best hits, best first.</summary>
    public int[] Search(string question, int limit)
    {
        // A fresh parser per query: QueryParser is not thread-safe and is cheap to create.
        var parser = new QueryParser(Version, "text", _analyzer);
        Query query;
        try
        {
            query = parser.Parse(QueryParserBase.Escape(question));
        }
        catch (ParseException)
        {
            return [];
        }

        var top = _searcher.Search(query, limit);
        var result = new int[top.ScoreDocs.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (int)_ids.Get(top.ScoreDocs[i].Doc);
        }

        return result;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
