namespace KazBriefBot.Engine.Digests;

/// <summary>How key sentences are scored: LexRank centrality, a mild lead prior and closeness to the other articles of the range.</summary>
/// <param name="PositionWeight">Weight of 1/(1+position) (position among the candidate sentences, 0 = first).</param>
/// <param name="RangeWeight">Weight of the sentence's similarity to the other articles of the range (scaled to 0..1 within the article).</param>
/// <param name="Damping">LexRank teleport probability.</param>
/// <param name="RedundancyLimit">A sentence this similar (cosine) to one already chosen is skipped.</param>
/// <param name="MinTerms">Sentences with fewer content terms are never chosen (captions, bylines, fragments).</param>
public sealed record KeySentenceWeights(
    double PositionWeight = 0.1,
    double RangeWeight = 0.1,
    double Damping = 0.15,
    double RedundancyLimit = 0.7,
    int MinTerms = 4)
{
    public static KeySentenceWeights Default { get; } = new();
}

/// <summary>Extractive choice of an article's key sentences (LexRank over TF-IDF cosine similarity with a cross-article term).</summary>
internal static class KeySentenceRanker
{
    private const int Iterations = 50;

    /// <summary>
    /// Scores each sentence; higher is more central. rangeSimilarity is each sentence's similarity to the other articles of
    /// the range (null: none); centrality may be given when already computed with LexRank(sentences, weights.Damping).
    /// </summary>
    public static double[] Score(
        IReadOnlyList<Dictionary<string, double>> sentences,
        IReadOnlyList<int> termCounts,
        IReadOnlyList<double>? rangeSimilarity,
        KeySentenceWeights weights,
        double[]? centrality = null)
    {
        var n = sentences.Count;
        var scores = new double[n];
        if (n == 0)
        {
            return scores;
        }

        centrality ??= LexRank(sentences, weights.Damping);
        var maxCentrality = centrality.Max();
        var range = rangeSimilarity?.ToArray() ?? new double[n];
        var maxRange = range.Max();
        for (var i = 0; i < n; i++)
        {
            var score = maxCentrality > 0 ? centrality[i] / maxCentrality : 0;
            score += weights.PositionWeight / (1 + i);
            score += maxRange > 0 ? weights.RangeWeight * range[i] / maxRange : 0;
            scores[i] = termCounts[i] < weights.MinTerms ? score - 10 : score;
        }

        return scores;
    }

    /// <summary>Picks up to count sentence indexes, best first, skipping near-duplicates and too-short sentences.</summary>
    public static List<int> Choose(
        IReadOnlyList<Dictionary<string, double>> sentences,
        IReadOnlyList<int> termCounts,
        IReadOnlyList<double>? rangeSimilarity,
        int count,
        KeySentenceWeights weights,
        double[]? centrality = null)
    {
        var scores = Score(sentences, termCounts, rangeSimilarity, weights, centrality);
        var chosen = new List<int>(count);
        foreach (var i in Enumerable.Range(0, sentences.Count).OrderByDescending(i => scores[i]).ThenBy(i => i))
        {
            if (chosen.Count == count)
            {
                break;
            }

            if (termCounts[i] < weights.MinTerms && chosen.Count > 0)
            {
                continue;
            }

            if (chosen.Exists(j => TermWeights.Cosine(sentences[i], sentences[j]) > weights.RedundancyLimit))
            {
                continue;
            }

            chosen.Add(i);
        }

        return chosen;
    }

    /// <summary>Each sentence's cosine similarity to a centroid (of the other articles of the range).</summary>
    public static double[] RangeSimilarity(IReadOnlyList<Dictionary<string, double>> sentences, Dictionary<string, double> centroid) =>
        sentences.Select(s => TermWeights.Cosine(s, centroid)).ToArray();

    /// <summary>
    /// Each sentence's cosine similarity to (rangeSum − own), the other articles of the range, without building that vector:
    /// s·(Σ − o) / ‖Σ − o‖ with ‖Σ − o‖² = ‖Σ‖² − 2 Σ·o + ‖o‖².
    /// </summary>
    public static double[] RangeSimilarity(IReadOnlyList<Dictionary<string, double>> sentences, Dictionary<string, double> rangeSum, double rangeSumNormSquared, Dictionary<string, double> own)
    {
        var ownNormSquared = own.Values.Sum(x => x * x);
        var othersNormSquared = rangeSumNormSquared - (2 * TermWeights.Cosine(rangeSum, own)) + ownNormSquared;
        if (othersNormSquared <= 1e-12)
        {
            return new double[sentences.Count];
        }

        var othersNorm = Math.Sqrt(othersNormSquared);
        return sentences.Select(s => (TermWeights.Cosine(s, rangeSum) - TermWeights.Cosine(s, own)) / othersNorm).ToArray();
    }

    /// <summary>Continuous LexRank: stationary distribution of a random walk over cosine-weighted sentence links.</summary>
    public static double[] LexRank(IReadOnlyList<Dictionary<string, double>> sentences, double damping)
    {
        var n = sentences.Count;
        var links = new double[n, n];
        var rowSums = new double[n];
        var sparse = SparseVector.FromAll(sentences);
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var similarity = sparse[i].Dot(sparse[j]);
                links[i, j] = links[j, i] = similarity;
                rowSums[i] += similarity;
                rowSums[j] += similarity;
            }
        }

        var p = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            // Mass of sentences with no link at all is spread evenly, so the walk stays a distribution.
            var dangling = 0.0;
            for (var j = 0; j < n; j++)
            {
                if (rowSums[j] <= 0)
                {
                    dangling += p[j];
                }
            }

            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var incoming = dangling / n;
                for (var j = 0; j < n; j++)
                {
                    if (rowSums[j] > 0)
                    {
                        incoming += links[j, i] / rowSums[j] * p[j];
                    }
                }

                next[i] = (damping / n) + ((1 - damping) * incoming);
                change += Math.Abs(next[i] - p[i]);
            }

            (p, next) = (next, p);
            if (change < 1e-9)
            {
                break;
            }
        }

        return p;
    }
}

/// <summary>A vector as term ids in ascending order with their weights: dot products by merging, without hashing strings.</summary>
internal readonly record struct SparseVector(int[] Ids, double[] Weights)
{
    /// <summary>Converts vectors that share one term-id space (assigned here, in first-seen order).</summary>
    public static SparseVector[] FromAll(IReadOnlyList<Dictionary<string, double>> vectors)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new SparseVector[vectors.Count];
        for (var v = 0; v < vectors.Count; v++)
        {
            var entries = vectors[v]
                .Select(e => (Id: ids.TryGetValue(e.Key, out var id) ? id : ids[e.Key] = ids.Count, e.Value))
                .OrderBy(e => e.Id)
                .ToArray();
            result[v] = new SparseVector(entries.Select(e => e.Id).ToArray(), entries.Select(e => e.Value).ToArray());
        }

        return result;
    }

    public double Dot(SparseVector other)
    {
        var dot = 0.0;
        int i = 0, j = 0;
        while (i < Ids.Length && j < other.Ids.Length)
        {
            var a = Ids[i];
            var b = other.Ids[j];
            if (a == b)
            {
                dot += Weights[i++] * other.Weights[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return dot;
    }
}
