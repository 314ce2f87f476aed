using System.Numerics;
using System.Runtime.InteropServices;

namespace KazBriefBot.Engine.Semantic;

/// <summary>Unit vectors stored as signed bytes with one scale each (a quarter of float storage); dot products are
/// computed in integers and scaled back. Immutable once built.</summary>
public sealed class QuantizedVectors
{
    private readonly sbyte[] _values;
    private readonly float[] _scales;

    private QuantizedVectors(int dimensions, sbyte[] values, float[] scales)
    {
        Dimensions = dimensions;
        _values = values;
        _scales = scales;
    }

    public int Dimensions { get; }

    public int Count => _scales.Length;

    /// <summary>Bytes held by the vectors.</summary>
    public long ByteSize => _values.LongLength + ((long)_scales.Length * sizeof(float));

    public static QuantizedVectors Empty(int dimensions) => new(dimensions, [], []);

    /// <summary>Builds from already quantized rows (each Dimensions bytes) and their scales.</summary>
    public static QuantizedVectors FromRows(int dimensions, IReadOnlyList<QuantizedVector> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new sbyte[rows.Count * dimensions];
        var scales = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Values.Length != dimensions)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Values.Length} values, not {dimensions}.", nameof(rows));
            }

            rows[i].Values.CopyTo(values.AsSpan(i * dimensions));
            scales[i] = rows[i].Scale;
        }

        return new QuantizedVectors(dimensions, values, scales);
    }

    /// <summary>Symmetric per-vector int8 quantization: the largest component maps to ±127.</summary>
    public static QuantizedVector Quantize(ReadOnlySpan<float> vector)
    {
        var max = 0f;
        foreach (var x in vector)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        var scale = max > 0 ? max / 127f : 1f;
        var values = new sbyte[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            values[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        }

        return new QuantizedVector(values, scale);
    }

    /// <summary>Approximate cosine of row i with a quantized query.</summary>
    public double Dot(int row, QuantizedVector query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return IntegerDot(_values.AsSpan(row * Dimensions, Dimensions), query.Values) * (double)_scales[row] * query.Scale;
    }

    /// <summary>Every row's approximate cosine with the query.</summary>
    public float[] DotAll(QuantizedVector query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = new float[Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(IntegerDot(_values.AsSpan(i * Dimensions, Dimensions), query.Values) * (double)_scales[i] * query.Scale);
        }

        return result;
    }

    public QuantizedVector Row(int row) => new(_values.AsSpan(row * Dimensions, Dimensions).ToArray(), _scales[row]);

    private static int IntegerDot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        // int8 x int8 products fit in int16; they are widened to int32 before summing.
        var sum = Vector<int>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(a);
            var vb = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(b);
            for (var k = 0; k < va.Length; k++)
            {
                Vector.Widen(va[k], out var a0, out var a1);
                Vector.Widen(vb[k], out var b0, out var b1);
                Vector.Widen(a0 * b0, out var p0, out var p1);
                Vector.Widen(a1 * b1, out var p2, out var p3);
                sum += p0 + p1 + p2 + p3;
            }

            i = va.Length * Vector<sbyte>.Count;
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}

/// <summary>One quantized vector: Values[i] * Scale approximates the original component.</summary>
public sealed record QuantizedVector(sbyte[] Values, float Scale);
