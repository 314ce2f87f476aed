using KazBriefBot.Engine.Digests;

namespace KazBriefBot.Engine.Tests.Digests;

public sealed class KeySentenceRankerTests
{
    private static readonly string[] Sentences =
    [
        "Kazakhstan expects more grain exports to China next year.",
        "Trade between Kazakhstan and the United States grew strongly.",
        "The Middle Corridor railway carries freight across the Caspian.",
        "Trade with the United States and exports of grain both grew.",
    ];

    [Fact]
    public void TheRangeTermLiftsSentencesSharedWithOtherArticles()
    {
        var terms = Sentences.Select(DigestTerms.Of).ToList();
        var weights = TermWeights.FromDocuments(terms);
        var vectors = terms.Select(weights.Vector).ToList();
        var counts = terms.Select(t => t.Count).ToList();
        var otherArticles = TermWeights.Centroid([weights.Vector(DigestTerms.Of("The Caspian railway corridor and its freight port."))]);
        var ranking = new KeySentenceWeights(PositionWeight: 0, RangeWeight: 0.5);

        var alone = KeySentenceRanker.Score(vectors, counts, null, ranking);
        var inRange = KeySentenceRanker.Score(vectors, counts, KeySentenceRanker.RangeSimilarity(vectors, otherArticles), ranking);

        Assert.True(inRange[2] - alone[2] > inRange[1] - alone[1], "the corridor sentence should gain most from a corridor range");
        Assert.Equal(2, Enumerable.Range(0, 4).MaxBy(i => inRange[i] - alone[i]));
    }

    [Fact]
    public void LexRankFavoursTheSentenceLinkedToTheOthers()
    {
        var terms = Sentences.Select(DigestTerms.Of).ToList();
        var weights = TermWeights.FromDocuments(terms);
        var vectors = terms.Select(weights.Vector).ToList();

        var centrality = KeySentenceRanker.LexRank(vectors, 0.15);

        Assert.Equal(1.0, centrality.Sum(), 6);
        Assert.Equal(2, Enumerable.Range(0, 4).MinBy(i => centrality[i]));
        Assert.Equal(3, Enumerable.Range(0, 4).MaxBy(i => centrality[i]));
    }

    [Fact]
    public void NearDuplicatesAreNotChosenTwice()
    {
        string[] sentences =
        [
            "Trade between Kazakhstan and the United States grew strongly this year.",
            "Trade between Kazakhstan and the United States grew strongly this year, officials said.",
            "Exports of uranium from Kazakhstan to the United States grew this year.",
        ];
        var terms = sentences.Select(DigestTerms.Of).ToList();
        var weights = TermWeights.FromDocuments(terms);

        var chosen = KeySentenceRanker.Choose(terms.Select(weights.Vector).ToList(), terms.Select(t => t.Count).ToList(), null, 2, KeySentenceWeights.Default);

        Assert.Contains(2, chosen);
        Assert.Equal(2, chosen.Count);
    }

    [Fact]
    public void SimilarityToTheOthersEqualsTheExplicitCentroid()
    {
        var terms = Sentences.Select(DigestTerms.Of).ToList();
        var weights = TermWeights.FromDocuments(terms);
        var sentences = terms.Select(weights.Vector).ToList();
        var own = weights.Vector(terms.SelectMany(t => t));
        var others = new[] { "The Caspian railway corridor and its freight port.", "Grain exports to China grew." }.Select(t => weights.Vector(DigestTerms.Of(t))).ToList();
        var sum = TermWeights.Sum(others.Append(own));

        var fast = KeySentenceRanker.RangeSimilarity(sentences, sum, sum.Values.Sum(x => x * x), own);
        var slow = KeySentenceRanker.RangeSimilarity(sentences, TermWeights.Centroid(others));

        Assert.Equal(slow.Length, fast.Length);
        Assert.All(slow.Zip(fast), p => Assert.Equal(p.First, p.Second, 9));
        Assert.Contains(fast, x => x > 0.1);
    }

    [Theory]
    [InlineData("investments", "investment")]
    [InlineData("trading", "trade")]
    [InlineData("corridors", "corridor")]
    [InlineData("countries", "country")]
    public void WordFormsMeetAtOneTerm(string a, string b) => Assert.Equal(DigestTerms.Of(a), DigestTerms.Of(b));
}
