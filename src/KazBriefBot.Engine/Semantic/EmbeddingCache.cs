using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace KazBriefBot.Engine.Semantic;

/// <summary>Sentence vectors on disk, keyed by a hash of the model id and the sentence text, so that a restart or a reload
/// embeds only sentences it has not seen. One file per model; a file that is corrupt, truncated or made by another
/// model is ignored with a logged reason (and replaced on the next save), never trusted.</summary>
/// <remarks>Format: magic "KBEMB1\n", int32 dimensions, int32 model id byte length, model id (UTF-8), int32 count, then
/// count entries of (16-byte key, float32 scale, dimensions int8 values), then the SHA-256 of everything before it.
/// Little-endian. Written to a temporary file and renamed, so a crash never leaves half a file.</remarks>
public sealed class EmbeddingCache
{
    private static readonly byte[] Magic = "KBEMB1\n"u8.ToArray();
    private readonly Dictionary<UInt128, QuantizedVector> _entries = [];
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private bool _dirty;

    private EmbeddingCache(string? path, string modelId, int dimensions, ILogger logger)
    {
        Path = path;
        ModelId = modelId;
        _keyPrefix = Encoding.UTF8.GetBytes(modelId + "\n");
        Dimensions = dimensions;
        _logger = logger;
    }

    /// <summary>The cache file, or null for a cache in memory only.</summary>
    public string? Path { get; }

    public string ModelId { get; }

    private readonly byte[] _keyPrefix;

    public int Dimensions { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cache file for a model inside a folder (the model id made safe for a file name).</summary>
    public static string FileFor(string folder, string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        var safe = new string(modelId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        return System.IO.Path.Combine(folder, safe + ".kbemb");
    }

    public static EmbeddingCache InMemory(string modelId, int dimensions) => new(null, modelId, dimensions, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>Opens the cache file for the model in the folder; a missing file is an empty cache, a bad one is ignored.</summary>
    public static EmbeddingCache Open(string folder, string modelId, int dimensions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var cache = new EmbeddingCache(FileFor(folder, modelId), modelId, dimensions, logger);
        cache.ReadFile();
        return cache;
    }

    /// <summary>The key of a sentence for this model.</summary>
    public UInt128 KeyOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return KeyOf(text.AsSpan());
    }

    /// <summary>The key of a text given as a span (a sentence inside its article's text): the same key as its string's,
    /// without making the string.</summary>
    public UInt128 KeyOf(ReadOnlySpan<char> text)
    {
        // SHA-256 of UTF-8("model id\ntext"): the model id's bytes, then the text's, hashed incrementally.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(_keyPrefix);
            sha.AppendData(buffer, 0, Encoding.UTF8.GetBytes(text, buffer));
            Span<byte> hash = stackalloc byte[32];
            sha.GetHashAndReset(hash);
            return BitConverter.ToUInt128(hash[..16]);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public bool TryGet(UInt128 key, out QuantizedVector vector)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out vector!);
        }
    }

    public void Add(UInt128 key, QuantizedVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.Values.Length != Dimensions)
        {
            throw new ArgumentException($"Vector has {vector.Values.Length} values, the cache holds {Dimensions}.", nameof(vector));
        }

        lock (_lock)
        {
            _entries[key] = vector;
            _dirty = true;
        }
    }

    /// <summary>Writes the file when something was added (temporary file, then rename).</summary>
    public void Save()
    {
        if (Path is null)
        {
            return;
        }

        byte[] bytes;
        lock (_lock)
        {
            if (!_dirty)
            {
                return;
            }

            bytes = Serialize();
            _dirty = false;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temporary = Path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, Path, overwrite: true);
    }

    private byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Dimensions);
            var id = Encoding.UTF8.GetBytes(ModelId);
            writer.Write(id.Length);
            writer.Write(id);
            writer.Write(_entries.Count);
            Span<byte> key = stackalloc byte[16];
            foreach (var (k, v) in _entries)
            {
                BitConverter.TryWriteBytes(key, k);
                writer.Write(key);
                writer.Write(v.Scale);
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.Values.AsSpan()));
            }
        }

        var content = buffer.ToArray();
        var result = new byte[content.Length + 32];
        content.CopyTo(result, 0);
        SHA256.HashData(content, result.AsSpan(content.Length));
        return result;
    }

    private void ReadFile()
    {
        if (Path is null || !File.Exists(Path))
        {
            return;
        }

        try
        {
            var problem = Parse(File.ReadAllBytes(Path));
            if (problem is not null)
            {
                _entries.Clear();
                _logger.LogWarning("Ignoring the embedding cache {Path}: {Reason}; it will be rebuilt", Path, problem);
            }
        }
        catch (IOException ex)
        {
            _entries.Clear();
            _logger.LogWarning("Ignoring the embedding cache {Path}: {Reason}; it will be rebuilt", Path, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            _entries.Clear();
            _logger.LogWarning("Ignoring the embedding cache {Path}: {Reason}; it will be rebuilt", Path, ex.Message);
        }
    }

    /// <summary>Reads the entries, or says why the file cannot be trusted.</summary>
    private string? Parse(byte[] bytes)
    {
        if (bytes.Length < Magic.Length + 12 + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "not an embedding cache file";
        }

        var content = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            return "checksum mismatch (corrupt or truncated)";
        }

        var at = Magic.Length;
        var dimensions = BitConverter.ToInt32(bytes, at);
        var idLength = BitConverter.ToInt32(bytes, at + 4);
        at += 8;
        if (idLength < 0 || at + idLength + 4 > content.Length)
        {
            return "bad header";
        }

        var modelId = Encoding.UTF8.GetString(bytes, at, idLength);
        at += idLength;
        if (modelId != ModelId || dimensions != Dimensions)
        {
            return $"made by model '{modelId}' ({dimensions} dimensions), not '{ModelId}' ({Dimensions})";
        }

        var count = BitConverter.ToInt32(bytes, at);
        at += 4;
        var entrySize = 16 + 4 + dimensions;
        if (count < 0 || (long)count * entrySize != content.Length - at)
        {
            return "entry count does not match the file length";
        }

        for (var i = 0; i < count; i++, at += entrySize)
        {
            var key = BitConverter.ToUInt128(bytes, at);
            var scale = BitConverter.ToSingle(bytes, at + 16);
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan(at + 20, dimensions)).ToArray();
            if (!float.IsFinite(scale) || scale <= 0)
            {
                return $"entry {i} has an invalid scale";
            }

            _entries[key] = new QuantizedVector(values, scale);
        }

        return null;
    }
}
