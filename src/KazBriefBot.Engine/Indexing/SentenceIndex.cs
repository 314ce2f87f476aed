using System.Collections.Frozen;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Indexing;

/// <summary>A sentence of the index: which article it belongs to and its place there.</summary>
public sealed record IndexedSentence(int ArticleIndex, Sentence Sentence);

/// <summary>A scored search hit.</summary>
public sealed record SentenceHit(int SentenceId, double Score);

/// <summary>Immutable inverted index over the sentences of a corpus; safe to share across threads.</summary>
public sealed class SentenceIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private readonly FrozenDictionary<string, (int SentenceId, int Tf)[]> _postings;
    private readonly int[] _lengths;
    private readonly double _averageLength;

    private SentenceIndex(IReadOnlyList<Article> articles, IReadOnlyList<IndexedSentence> sentences, FrozenDictionary<string, (int, int)[]> postings, int[] lengths)
    {
        Articles = articles;
        Sentences = sentences;
        _postings = postings;
        _lengths = lengths;
        _averageLength = lengths.Length == 0 ? 1 : lengths.Average();
    }

    public IReadOnlyList<Article> Articles { get; }

    public IReadOnlyList<IndexedSentence> Sentences { get; }

    public static SentenceIndex Build(IReadOnlyList<Article> articles)
    {
        var sentences = new List<IndexedSentence>();
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var lengths = new List<int>();
        for (var a = 0; a < articles.Count; a++)
        {
            foreach (var sentence in articles[a].Sentences)
            {
                var id = sentences.Count;
                sentences.Add(new IndexedSentence(a, sentence));
                var terms = TextAnalyzer.Terms(sentence.Text);
                lengths.Add(terms.Count);
                foreach (var group in terms.GroupBy(t => t))
                {
                    if (!postings.TryGetValue(group.Key, out var list))
                    {
                        postings[group.Key] = list = [];
                    }

                    list.Add((id, group.Count()));
                }
            }
        }

        return new SentenceIndex(articles, sentences, postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray()), [.. lengths]);
    }

    /// <summary>BM25 over the query's terms; best first.</summary>
    public IReadOnlyList<SentenceHit> Search(string query, int limit)
    {
        var scores = new Dictionary<int, double>();
        var n = Sentences.Count;
        foreach (var term in TextAnalyzer.Terms(query).Distinct())
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                continue;
            }

            var idf = Math.Log(1 + ((n - list.Length + 0.5) / (list.Length + 0.5)));
            foreach (var (id, tf) in list)
            {
                var norm = tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * _lengths[id] / _averageLength))));
                scores[id] = scores.GetValueOrDefault(id) + (idf * norm);
            }
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(limit).Select(s => new SentenceHit(s.Key, s.Value)).ToList();
    }
}
