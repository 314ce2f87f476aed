using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazBriefBot.Engine.Corpus;

/// <summary>A file the loader could not use, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>The articles that loaded and the files that were skipped.</summary>
public sealed record CorpusLoadResult(IReadOnlyList<Article> Articles, IReadOnlyList<SkippedFile> Skipped);

/// <summary>Reads every article file of a corpus folder; a broken file is skipped with a logged reason, the rest still load.</summary>
public sealed class CorpusLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly CorpusOptions _options;
    private readonly ILogger _logger;

    public CorpusLoader(CorpusOptions options, ILogger<CorpusLoader>? logger = null)
    {
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <exception cref="DirectoryNotFoundException">The corpus folder does not exist.</exception>
    public CorpusLoadResult Load(string? folder = null) => Load(folder, null);

    /// <summary>Loads the folder; files unchanged since <paramref name="previous"/> was loaded (same path, size and
    /// last write time) keep their parsed article instead of being read and parsed again.</summary>
    /// <exception cref="DirectoryNotFoundException">The corpus folder does not exist.</exception>
    public CorpusLoadResult Load(string? folder, IReadOnlyList<Article>? previous)
    {
        folder ??= _options.Path;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Corpus folder not found: {folder}");
        }

        // Only the folder's own files are read (not subfolders), in file-name order so ids and ordinals are stable.
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (System.IO.Path.GetFileName(file).StartsWith('.')
                || !_options.Extensions.Contains(System.IO.Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                _logger.LogDebug("Ignored {Path}: hidden, or not one of the article extensions {Extensions}", file, string.Join(", ", _options.Extensions));
                continue;
            }

            files.Add(file);
        }

        // Reading, decoding and parsing are per file and independent: parallel, each result in its file's slot, so the
        // outcome is the same as a sequential load whatever the scheduling.
        var unchanged = Reusable(previous);
        var results = new (Article? Article, string? Reason)[files.Count];
        if (files.Count > 16 && Parallelism != 1)
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, i => results[i] = TryLoad(files[i], unchanged));
        }
        else
        {
            for (var i = 0; i < files.Count; i++)
            {
                results[i] = TryLoad(files[i], unchanged);
            }
        }

        var articles = new List<Article>(files.Count);
        var skipped = new List<SkippedFile>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var (article, reason) = results[i];
            if (article is not null && !ids.Add(article.Id))
            {
                // "a.txt" and "a.md" would share the id "a": the second keeps its extension in the id.
                var withExtension = System.IO.Path.GetFileName(file);
                article = ids.Add(withExtension)
                    ? new Article(withExtension, article.Path, article.Text, article.Metadata, article.Sentences, article.AddedAt) { FileBytes = article.FileBytes }
                    : null;
                reason = article is null ? "another file already has the same id" : null;
            }

            if (article is not null)
            {
                articles.Add(article);
            }
            else
            {
                skipped.Add(new SkippedFile(file, reason!));
                _logger.LogWarning("Skipped article file {Path}: {Reason}", file, reason);
            }
        }

        _logger.LogInformation("Loaded {Count} articles from {Folder}; skipped {Skipped} files", articles.Count, folder, skipped.Count);
        return new CorpusLoadResult(articles, skipped);
    }

    /// <summary>How many files are read and parsed at once (-1: one per core). 1 loads sequentially, the reference for
    /// the determinism test.</summary>
    public int Parallelism { get; init; } = -1;

    /// <summary>Previously loaded articles by path, for those whose id is still their file name (a renamed duplicate id is
    /// decided again).</summary>
    private static Dictionary<string, Article>? Reusable(IReadOnlyList<Article>? previous)
    {
        if (previous is null || previous.Count == 0)
        {
            return null;
        }

        var byPath = new Dictionary<string, Article>(previous.Count, StringComparer.Ordinal);
        foreach (var article in previous)
        {
            if (article.FileBytes >= 0 && article.Id == System.IO.Path.GetFileNameWithoutExtension(article.Path))
            {
                byPath[article.Path] = article;
            }
        }

        return byPath;
    }

    private (Article? Article, string? Reason) TryLoad(string file, Dictionary<string, Article>? unchanged)
    {
        if (unchanged is not null && unchanged.TryGetValue(file, out var known))
        {
            try
            {
                var info = new FileInfo(file);
                if (info.Exists && info.Length == known.FileBytes && new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero) == known.AddedAt)
                {
                    return (known, null);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Read it again below, which reports the problem.
            }
        }

        return TryLoad(file);
    }

    /// <summary>Loads one file; returns the article or the reason it cannot be used.</summary>
    public (Article? Article, string? Reason) TryLoad(string file)
    {
        ArraySegment<byte> bytes;
        DateTime lastWrite;
        long length;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return (null, "file does not exist");
            }

            if (info.Length > _options.MaxFileBytes)
            {
                return (null, $"file is {info.Length} bytes, over the limit of {_options.MaxFileBytes} (Corpus:MaxFileBytes)");
            }

            length = info.Length;
            lastWrite = info.LastWriteTimeUtc;
            bytes = ReadAtMost(file, length, _options.MaxFileBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }

        var decoded = Decode(bytes.AsSpan(), out var reason);
        if (decoded is null)
        {
            return (null, reason);
        }

        var id = System.IO.Path.GetFileNameWithoutExtension(file);
        var parsed = ArticleParser.Parse(decoded, ArticleParser.FormatOf(file));
        foreach (var warning in parsed.Warnings)
        {
            _logger.LogWarning("Article file {Path}: {Warning}", file, warning);
        }

        if (parsed.Sentences.Count == 0)
        {
            return (null, "no quotable sentence in the file (only headline, metadata or site furniture)");
        }

        var addedAt = new DateTimeOffset(lastWrite, TimeSpan.Zero);
        // The size and time seen before reading: if the file changed while being read, the next reload reads it again.
        return (new Article(id, file, decoded, parsed.Metadata, parsed.Sentences, addedAt) { FileBytes = length }, null);
    }

    // The size check above can race with a writer: never read more than the limit allows. One buffer of the expected size
    // (plus a byte, to notice growth) avoids the chunk copies of a MemoryStream.
    private static ArraySegment<byte> ReadAtMost(string file, long expected, long limit)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(expected, limit) + 1];
        var total = 0;
        int read;
        while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
            if (total == buffer.Length)
            {
                if (total > limit)
                {
                    throw new InvalidDataException($"file grew over the limit of {limit} bytes (Corpus:MaxFileBytes) while being read");
                }

                Array.Resize(ref buffer, (int)Math.Min(limit + 1, (long)buffer.Length * 2));
            }
        }

        if (total > limit)
        {
            throw new InvalidDataException($"file grew over the limit of {limit} bytes (Corpus:MaxFileBytes) while being read");
        }

        return new ArraySegment<byte>(buffer, 0, total);
    }

    /// <summary>Decodes strict UTF-8; null with a reason for empty, binary, UTF-16 or invalid files.</summary>
    /// <remarks>A UTF-8 byte order mark is dropped: article offsets index the decoded text without it (what
    /// File.ReadAllText returns), so they are character offsets, not byte offsets, and CRLF line ends are kept as is.</remarks>
    public static string? Decode(byte[] bytes, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Decode(bytes.AsSpan(), out reason);
    }

    private static string? Decode(ReadOnlySpan<byte> span, out string? reason)
    {
        reason = null;
        if (span.StartsWith(new byte[] { 0xFF, 0xFE }) || span.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            reason = "file is UTF-16 (save it as UTF-8)";
            return null;
        }

        if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            span = span[3..];
        }

        if (span.IsEmpty)
        {
            reason = "file is empty";
            return null;
        }

        if (span.IndexOf((byte)0) >= 0)
        {
            reason = "file is binary (contains NUL bytes)";
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            reason = "file is not valid UTF-8";
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "file has only whitespace";
            return null;
        }

        return text;
    }
}
