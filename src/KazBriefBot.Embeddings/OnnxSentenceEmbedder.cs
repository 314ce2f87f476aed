using System.Globalization;
using FastBertTokenizer;
using KazBriefBot.Engine.Semantic;
using Microsoft.ML.OnnxRuntime;

namespace KazBriefBot.Embeddings;

/// <summary>Embeds sentences with a packaged ONNX model through ONNX Runtime directly: texts sorted by length and run in
/// batches padded only to the longest text of the batch (the packaged wrapper runs one text at a time at full length).</summary>
public sealed class OnnxSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    /// <summary>Longer sentences are cut: news sentences rarely reach it and the models were trained on short texts.</summary>
    public const int MaxTokens = 128;

    private const int BatchSize = 32;
    private readonly EmbeddingModel _model;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer = new();
    private readonly Lock _tokenizerLock = new();

    public OnnxSentenceEmbedder(EmbeddingModel model, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        using (var vocabulary = new StreamReader(model.OpenResource("vocab.txt")))
        {
            _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        }

        byte[] onnx;
        using (var stream = model.OpenResource("model.onnx"))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            onnx = buffer.ToArray();
        }

        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        _session = new InferenceSession(onnx, options);
        Dimensions = _session.OutputMetadata["last_hidden_state"].Dimensions[^1];
        ModelId = string.Create(CultureInfo.InvariantCulture, $"{model.Name}/{model.Pooling}/max{MaxTokens}/d{Dimensions}/v1");
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    public EmbeddingModel Model => _model;

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var encoded = new (long[] Ids, int Length)[texts.Count];
        lock (_tokenizerLock)
        {
            // The tokenizer keeps scratch state: one caller at a time.
            for (var i = 0; i < texts.Count; i++)
            {
                var text = role == EmbeddingRole.Query ? _model.QueryPrefix + texts[i] : texts[i];
                var ids = new long[MaxTokens];
                var mask = new long[MaxTokens];
                var length = _tokenizer.Encode(text, ids, mask, padTo: null);
                encoded[i] = (ids, length);
            }
        }

        // Shortest first, so each batch pads to nearly its own length.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            var vectors = RunBatch(batch.Select(i => encoded[i]).ToArray());
            for (var b = 0; b < batch.Length; b++)
            {
                result[batch[b]] = vectors[b];
            }
        }

        return result;
    }

    /// <summary>Seconds the model calls alone take for these texts in the same batches (tokenized beforehand, output not
    /// pooled): the bench's measure of the model's raw speed.</summary>
    internal double ModelOnlySeconds(IReadOnlyList<string> texts)
    {
        var encoded = texts.Select(t =>
        {
            var ids = new long[MaxTokens];
            var mask = new long[MaxTokens];
            lock (_tokenizerLock)
            {
                return (ids, _tokenizer.Encode(t, ids, mask, padTo: null));
            }
        }).OrderBy(e => e.Item2).ToArray();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var start = 0; start < encoded.Length; start += BatchSize)
        {
            RunBatch(encoded.AsSpan(start, Math.Min(BatchSize, encoded.Length - start)).ToArray(), pool: false);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>The unit-length contextual vector of every word-piece of each text (without [CLS] and [SEP]), all texts in
    /// one padded model call: the late-interaction reranker's input.</summary>
    public float[][][] EmbedTokens(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var encoded = new (long[] Ids, int Length)[texts.Count];
        lock (_tokenizerLock)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                var ids = new long[MaxTokens];
                var mask = new long[MaxTokens];
                encoded[i] = (ids, _tokenizer.Encode(texts[i], ids, mask, padTo: null));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Run(encoded, (hidden, width) =>
        {
            var d = Dimensions;
            var result = new float[encoded.Length][][];
            for (var r = 0; r < encoded.Length; r++)
            {
                var length = encoded[r].Length;
                var tokens = new float[Math.Max(0, length - 2)][];
                for (var t = 1; t < length - 1; t++)
                {
                    var v = hidden.Slice(((r * width) + t) * d, d).ToArray();
                    Normalize(v);
                    tokens[t - 1] = v;
                }

                result[r] = tokens;
            }

            return result;
        });
    }

    private float[][] RunBatch((long[] Ids, int Length)[] batch, bool pool = true) =>
        Run(batch, (hidden, width) =>
        {
            if (!pool)
            {
                return [];
            }

            var d = Dimensions;
            var vectors = new float[batch.Length][];
            for (var r = 0; r < batch.Length; r++)
            {
                var v = new float[d];
                var tokens = _model.Pooling == Pooling.Cls ? 1 : Math.Max(1, batch[r].Length);
                for (var t = 0; t < tokens; t++)
                {
                    var row = hidden.Slice(((r * width) + t) * d, d);
                    for (var k = 0; k < d; k++)
                    {
                        v[k] += row[k];
                    }
                }

                Normalize(v);
                vectors[r] = v;
            }

            return vectors;
        });

    private delegate T HiddenReader<T>(ReadOnlySpan<float> hidden, int width);

    /// <summary>One model call on a batch padded to its longest text; the reader gets the last hidden states
    /// (rows × width × dimensions) while the output is alive.</summary>
    private T Run<T>((long[] Ids, int Length)[] batch, HiddenReader<T> read)
    {
        var width = Math.Max(1, batch.Max(e => e.Length));
        var rows = batch.Length;
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        var types = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            Array.Copy(batch[r].Ids, 0, ids, r * width, batch[r].Length);
            Array.Fill(mask, 1L, r * width, batch[r].Length);
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal)
        {
            ["input_ids"] = idsValue,
            ["attention_mask"] = maskValue,
            ["token_type_ids"] = typesValue,
        };
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputs, ["last_hidden_state"]);
        return read(outputs[0].GetTensorDataAsSpan<float>(), width);
    }

    private static void Normalize(float[] v)
    {
        var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<float>(v));
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(v, (float)norm, v);
        }
    }

    public void Dispose() => _session.Dispose();
}
