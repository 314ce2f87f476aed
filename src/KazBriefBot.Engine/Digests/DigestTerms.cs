using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Digests;

/// <summary>Content terms for sentence similarity and topic lexicons: the shared analyzer's folded, stemmed terms, minus words that only add noise.</summary>
internal static class DigestTerms
{
    // Terms (already stemmed by the shared analyzer) that are frequent in news prose but say nothing about its subject.
    private static readonly HashSet<string> ExtraStopwords = new(StringComparer.Ordinal)
    {
        "said", "say", "one", "new", "up", "out", "over", "like", "now", "year",
    };

    /// <summary>Folded, stemmed content terms of a text, in order.</summary>
    public static List<string> Of(string text)
    {
        var result = new List<string>();
        foreach (var term in TextAnalyzer.Terms(text))
        {
            if (!ExtraStopwords.Contains(term))
            {
                result.Add(term);
            }
        }

        return result;
    }
}

/// <summary>Inverse document frequencies over a set of documents (each a bag of terms).</summary>
internal sealed class TermWeights
{
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly int _documents;

    private TermWeights(Dictionary<string, int> documentFrequency, int documents)
    {
        _documentFrequency = documentFrequency;
        _documents = documents;
    }

    public static TermWeights FromDocuments(IEnumerable<IEnumerable<string>> documents)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var document in documents)
        {
            n++;
            foreach (var term in document.Distinct(StringComparer.Ordinal))
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }

        return new TermWeights(df, n);
    }

    public double Idf(string term) => Math.Log((_documents + 1.0) / (_documentFrequency.GetValueOrDefault(term) + 1.0)) + 1.0;

    /// <summary>Unit-length TF-IDF vector (sublinear tf) of a bag of terms; empty when it has no term.</summary>
    public Dictionary<string, double> Vector(IEnumerable<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        var vector = new Dictionary<string, double>(counts.Count, StringComparer.Ordinal);
        foreach (var (term, count) in counts)
        {
            vector[term] = (1 + Math.Log(count)) * Idf(term);
        }

        return Normalize(vector);
    }

    public static Dictionary<string, double> Normalize(Dictionary<string, double> vector)
    {
        var norm = Math.Sqrt(vector.Values.Sum(x => x * x));
        if (norm > 0)
        {
            foreach (var key in vector.Keys.ToList())
            {
                vector[key] /= norm;
            }
        }

        return vector;
    }

    /// <summary>Sum of unit vectors, normalized: the direction shared by several texts.</summary>
    public static Dictionary<string, double> Centroid(IEnumerable<Dictionary<string, double>> vectors) => Normalize(Sum(vectors));

    public static Dictionary<string, double> Sum(IEnumerable<Dictionary<string, double>> vectors)
    {
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var vector in vectors)
        {
            foreach (var (term, weight) in vector)
            {
                sum[term] = sum.GetValueOrDefault(term) + weight;
            }
        }

        return sum;
    }

    public static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count > b.Count)
        {
            (a, b) = (b, a);
        }

        var dot = 0.0;
        foreach (var (term, weight) in a)
        {
            if (b.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }

        return dot;
    }
}
