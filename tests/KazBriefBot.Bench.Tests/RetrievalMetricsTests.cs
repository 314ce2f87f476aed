namespace KazBriefBot.Bench.Tests;

public sealed class RetrievalMetricsTests
{
    [Fact]
    public void Recall_and_reciprocal_rank_count_where_the_gold_sentence_is()
    {
        var metrics = new RetrievalMetrics();
        metrics.Add([7, 1, 2], gold: 7);                                   // rank 1
        metrics.Add([1, 2, 3, 9], gold: 9);                                // rank 4
        metrics.Add([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], gold: 10);            // rank 10
        metrics.Add([1, 2, 3], gold: 42);                                  // missing
        metrics.Add([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], gold: 11);        // rank 11: outside every cut-off

        Assert.Equal(5, metrics.Count);
        Assert.Equal(1 / 5.0, metrics.RecallAt1, 9);
        Assert.Equal(2 / 5.0, metrics.RecallAt5, 9);
        Assert.Equal(3 / 5.0, metrics.RecallAt10, 9);
        Assert.Equal((1 + 0.25 + 0.1) / 5, metrics.Mrr, 9);
        Assert.Equal("| x | 0.200 | 0.400 | 0.600 | 0.270 |", metrics.Row("x"));
    }
}
