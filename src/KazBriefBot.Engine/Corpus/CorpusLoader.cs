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
    public CorpusLoadResult Load(string? folder = null)
    {
        folder ??= _options.Path;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Corpus folder not found: {folder}");
        }

        var articles = new List<Article>();
        var skipped = new List<SkippedFile>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Only the folder's own files are read (not subfolders), in file-name order so ids and ordinals are stable.
        var files = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (System.IO.Path.GetFileName(file).StartsWith('.')
                || !_options.Extensions.Contains(System.IO.Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                _logger.LogDebug("Ignored {Path}: hidden, or not one of the article extensions {Extensions}", file, string.Join(", ", _options.Extensions));
                continue;
            }

            var (article, reason) = TryLoad(file);
            if (article is not null && !ids.Add(article.Id))
            {
                // "a.txt" and "a.md" would share the id "a": the second keeps its extension in the id.
                var withExtension = System.IO.Path.GetFileName(file);
                article = ids.Add(withExtension)
                    ? new Article(withExtension, article.Path, article.Text, article.Metadata, article.Sentences, article.AddedAt)
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

    /// <summary>Loads one file; returns the article or the reason it cannot be used.</summary>
    public (Article? Article, string? Reason) TryLoad(string file)
    {
        byte[] bytes;
        DateTime lastWrite;
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

            bytes = ReadAtMost(file, _options.MaxFileBytes);
            lastWrite = info.LastWriteTimeUtc;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }

        var decoded = Decode(bytes, out var reason);
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
        return (new Article(id, file, decoded, parsed.Metadata, parsed.Sentences, addedAt), null);
    }

    // The size check above can race with a writer: never read more than the limit allows.
    private static byte[] ReadAtMost(string file, long limit)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new InvalidDataException($"file grew over the limit of {limit} bytes (Corpus:MaxFileBytes) while being read");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes strict UTF-8; null with a reason for empty, binary, UTF-16 or invalid files.</summary>
    /// <remarks>A UTF-8 byte order mark is dropped: article offsets index the decoded text without it (what
    /// File.ReadAllText returns), so they are character offsets, not byte offsets, and CRLF line ends are kept as is.</remarks>
    public static string? Decode(byte[] bytes, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        reason = null;
        var span = bytes.AsSpan();
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
