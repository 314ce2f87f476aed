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
        var files = Directory.EnumerateFiles(folder)
            .Where(f => _options.Extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (article, reason) = TryLoad(file);
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

        return new CorpusLoadResult(articles, skipped);
    }

    /// <summary>Loads one file; returns the article or the reason it cannot be used.</summary>
    public (Article? Article, string? Reason) TryLoad(string file)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(file);
            if (info.Length > _options.MaxFileBytes)
            {
                return (null, $"file is {info.Length} bytes, over the limit of {_options.MaxFileBytes}");
            }

            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {ex.Message}");
        }

        var decoded = Decode(bytes, out var reason);
        if (decoded is null)
        {
            return (null, reason);
        }

        var id = System.IO.Path.GetFileNameWithoutExtension(file);
        var parsed = ArticleParser.Parse(decoded);
        if (parsed.Sentences.Count == 0)
        {
            return (null, "no quotable sentence in the file");
        }

        var addedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
        return (new Article(id, file, decoded, parsed.Metadata, parsed.Sentences, addedAt), null);
    }

    /// <summary>Decodes strict UTF-8 (BOM stripped); null with a reason for empty, binary or invalid files.</summary>
    public static string? Decode(byte[] bytes, out string? reason)
    {
        reason = null;
        var span = bytes.AsSpan();
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
