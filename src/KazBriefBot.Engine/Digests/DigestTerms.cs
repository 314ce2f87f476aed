using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Digests;

/// <summary>Folded, stemmed content words for sentence similarity and topic lexicons.</summary>
internal static class DigestTerms
{
    // Function words the shared analyzer keeps (it is tuned for search) but that only add noise to similarity.
    private static readonly HashSet<string> ExtraStopwords = new(StringComparer.Ordinal)
    {
        "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "has", "have", "had", "will", "would", "said",
        "says", "not", "but", "which", "also", "more", "than", "after", "up", "out", "into", "over", "there", "can", "could",
        "one", "new", "them", "him", "us", "so", "if", "no", "all", "when", "while", "such", "these", "those", "other", "s",
    };

    /// <summary>Stemmed content terms of a text, in order.</summary>
    public static List<string> Of(string text)
    {
        var result = new List<string>();
        foreach (var term in TextAnalyzer.Terms(text))
        {
            if (!ExtraStopwords.Contains(term))
            {
                result.Add(Stem(term));
            }
        }

        return result;
    }

    /// <summary>A light English suffix stripper: enough to join "investments"/"investment", "trading"/"trade".</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "es", "s"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3
                && !(suffix == "s" && (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal))))
            {
                return word[..^suffix.Length];
            }
        }

        // A final e goes too, so that "trade" meets "trading", "traded" and "trades" at "trad".
        return word.EndsWith('e') && word.Length > 4 ? word[..^1] : word;
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
