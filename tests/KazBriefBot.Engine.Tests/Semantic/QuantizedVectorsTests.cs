using KazBriefBot.Engine.Semantic;

namespace KazBriefBot.Engine.Tests.Semantic;

public sealed class QuantizedVectorsTests
{
    [Fact]
    public void Int8_dot_products_stay_within_a_hundredth_of_the_float_cosine()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 50).Select(_ => Unit(random, 384)).ToList();
        var query = Unit(random, 384);
        var vectors = QuantizedVectors.FromRows(384, rows.Select(r => QuantizedVectors.Quantize(r)).ToList());
        var q = QuantizedVectors.Quantize(query);
        var all = vectors.DotAll(q);
        for (var i = 0; i < rows.Count; i++)
        {
            var exact = rows[i].Zip(query, (a, b) => (double)a * b).Sum();
            Assert.InRange(vectors.Dot(i, q), exact - 0.01, exact + 0.01);
            Assert.Equal(vectors.Dot(i, q), all[i], 4);
        }
    }

    [Fact]
    public void A_vector_takes_one_byte_per_dimension_and_its_scale()
    {
        var vectors = QuantizedVectors.FromRows(4, [QuantizedVectors.Quantize([0.5f, -0.5f, 0.5f, 0.5f]), QuantizedVectors.Quantize([1f, 0, 0, 0])]);
        Assert.Equal(2, vectors.Count);
        Assert.Equal((2 * 4) + (2 * sizeof(float)), vectors.ByteSize);
        // The largest component maps to ±127.
        Assert.Equal([127, -127, 127, 127], vectors.Row(0).Values.Select(v => (int)v));
    }

    private static float[] Unit(Random random, int dimensions)
    {
        var v = Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
